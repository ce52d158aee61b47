package rawjson

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzSplitAnyKey checks Split and Whole on any input and any key (FuzzSplit
// tries "actions" only): Whole trims the document; Split never panics or
// loops, its spans are in order, inside data and apart; on valid JSON each
// span is a valid JSON value; whenever it finds the array, the spans are
// exactly its elements, and Source.Item hands them back. Seeds:
// testdata/fuzz/FuzzSplitAnyKey.
func FuzzSplitAnyKey(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, key string) {
		if got, want := Whole(data).Bytes(), bytes.TrimSpace(data); !bytes.Equal(got, want) || (len(want) == 0) != (got == nil) {
			t.Fatalf("Whole(%q) = %q, want %q (nil when empty)", data, got, want)
		}
		spans := Split(data, key)
		end := 0
		for i, sp := range spans {
			if sp[0] < end || sp[0] >= sp[1] || sp[1] > len(data) {
				t.Fatalf("span %d = %v is out of order or bounds (previous end %d, len %d)", i, sp, end, len(data))
			}
			end = sp[1]
		}
		if !json.Valid(data) {
			return
		}
		for i, sp := range spans {
			if !json.Valid(data[sp[0]:sp[1]]) {
				t.Fatalf("span %d %q is not a JSON value", i, data[sp[0]:sp[1]])
			}
		}
		if spans == nil || !plainKey(key) {
			return
		}
		// The spans must be the elements of the array under some top-level
		// key that is key, written without escapes.
		var joined bytes.Buffer
		joined.WriteByte('[')
		for i, sp := range spans {
			if i > 0 {
				joined.WriteByte(',')
			}
			joined.Write(data[sp[0]:sp[1]])
		}
		joined.WriteByte(']')
		if !arrayUnderKey(data, key, joined.Bytes()) {
			t.Fatalf("spans %s are not the array under %q in %s", joined.Bytes(), key, data)
		}

		src := NewSource(data, key)
		for i := range spans {
			if got := src.Item(i).Bytes(); !bytes.Equal(got, data[spans[i][0]:spans[i][1]]) {
				t.Fatalf("Item(%d) = %q, want span %v", i, got, spans[i])
			}
		}
		if src.Item(len(spans)).Bytes() != nil {
			t.Fatal("an item past the end must be nil")
		}
	})
}

// plainKey reports whether key reads the same in JSON with and without
// decoding: Split compares key bytes as written.
func plainKey(key string) bool {
	if !utf8.ValidString(key) {
		return false
	}
	for _, r := range key {
		if r < 0x20 || r == '"' || r == '\\' {
			return false
		}
	}
	return true
}

// arrayUnderKey reports whether data, a JSON object, has a top-level key
// equal to key whose value is (compactly) the array want.
func arrayUnderKey(data []byte, key string, want []byte) bool {
	var wantC bytes.Buffer
	if json.Compact(&wantC, want) != nil {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		k, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return false
		}
		var got bytes.Buffer
		if k == key && json.Compact(&got, v) == nil && bytes.Equal(got.Bytes(), wantC.Bytes()) {
			return true
		}
	}
	return false
}
