package auth0

import (
	"fmt"
	"unicode/utf8"
)

// checkUTF8 reports a string param that is not valid UTF-8. encoding/json
// would send each invalid byte as U+FFFD, so the server would store
// something other than what the caller gave, and nothing would say so;
// refusing it before sending keeps the wire equal to the input. The value
// is never quoted, since it may be a secret: the error gives the field and
// the byte offset of the first invalid sequence.
func checkUTF8(field, s string) error {
	if utf8.ValidString(s) {
		return nil
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return fmt.Errorf("auth0: %s is not valid UTF-8 (at byte %d); JSON would send U+FFFD in place of the invalid bytes", field, i)
		}
		i += size
	}
	return nil
}
