package auth0

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
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

// checkUTF8Fields walks params (structs, pointers, slices, arrays, maps
// and interfaces, as a params value holds them) and reports the first
// string, or map key, that is not valid UTF-8, by its Go path such as
// ActionNewParams.Secrets[1].Value or ActionTestParams.Payload["user"].
func checkUTF8Fields(name string, params any) error {
	return walkUTF8(name, reflect.ValueOf(params), 0)
}

// maxUTF8Depth bounds the walk of nested payloads (and cycles through
// interfaces); JSON encoding refuses deeper values anyway.
const maxUTF8Depth = 64

func walkUTF8(path string, v reflect.Value, depth int) error {
	if depth > maxUTF8Depth || !v.IsValid() {
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		return checkUTF8(path, v.String())
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return walkUTF8(path, v.Elem(), depth+1)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				if err := walkUTF8(path+"."+f.Name, v.Field(i), depth+1); err != nil {
					return err
				}
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return nil // raw bytes (json.RawMessage) are sent as they are
		}
		for i := range v.Len() {
			if err := walkUTF8(fmt.Sprintf("%s[%d]", path, i), v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			if k.Kind() == reflect.String {
				if err := checkUTF8(path+" key", k.String()); err != nil {
					return err
				}
			}
			label := path + "[…]"
			if k.Kind() == reflect.String && utf8.ValidString(k.String()) {
				label = fmt.Sprintf("%s[%q]", path, k.String())
			}
			if err := walkUTF8(label, v.MapIndex(k), depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}
