package rawjson

import (
	"bytes"
	"testing"
)

// FuzzSpan checks Whole and Span on any document and offsets: Whole is the
// document without the JSON white space around it; Span never panics, stays inside the document, starts
// after the white space and commas in front of it and ends at end, and is
// empty exactly when nothing is left. (Spans of decoded list items are
// fuzzed against the decoder in internal/jsondec's FuzzItems and in the
// root package's FuzzDecodeResponse.) Seeds: the f.Add calls; inputs the
// fuzzer finds failing go to testdata/fuzz/FuzzSpan.
func FuzzSpan(f *testing.F) {
	f.Add([]byte(`{"actions":[{"id":"a"}, {"id":"b"}]}`), int64(12), int64(22))
	f.Add([]byte(" [ 1 ,\n 2 ] "), int64(4), int64(9))
	f.Add([]byte(" , "), int64(0), int64(3))
	f.Fuzz(func(t *testing.T, data []byte, start, end int64) {
		doc := Whole(data)
		// JSON's white space only: a form feed or U+00A0 is not white
		// space in JSON (nor can it surround a body that decoded).
		if got, want := doc.Bytes(), bytes.Trim(data, " \t\r\n"); !bytes.Equal(got, want) || (len(want) == 0) != (got == nil) {
			t.Fatalf("Whole(%q) = %q, want %q (nil when empty)", data, got, want)
		}
		got := doc.Span(start, end).Bytes()
		if start < 0 || end > int64(len(data)) || start >= end {
			if got != nil {
				t.Fatalf("Span(%d, %d) of %d bytes = %q, want nil", start, end, len(data), got)
			}
			return
		}
		want := bytes.TrimLeft(data[start:end], " \t\r\n,")
		if !bytes.Equal(got, want) || (len(want) == 0) != (got == nil) || cap(got) != len(got) {
			t.Fatalf("Span(%d, %d) of %q = %q (cap %d), want %q", start, end, data, got, cap(got), want)
		}
	})
}
