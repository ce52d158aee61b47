// Package rawjson lets decoded values hand back the exact JSON they came
// from without decoding twice: a value keeps a reference into the response
// body. The decoder (internal/jsondec) notes where each list item starts and
// ends as it decodes it, so an item's bytes cost nothing to find.
package rawjson

import "encoding/json"

// Ref points at the JSON a value was decoded from: a span of a document (a
// response body). The zero Ref is empty. Response types print their fields
// with their own Format methods, so a Ref never shows up in %+v output.
type Ref struct {
	doc        []byte
	start, end int
}

// Whole returns a Ref to a complete document, without the JSON white space
// (space, tab, CR, LF) around it.
func Whole(doc []byte) Ref {
	start, end := 0, len(doc)
	for start < end && isSpace(doc[start]) {
		start++
	}
	for end > start && isSpace(doc[end-1]) {
		end--
	}
	return Ref{doc: doc, start: start, end: end}
}

// Span returns a Ref to the value between the byte offsets start and end of
// r's document, as a decoder reports them: start is the end of the token
// before the value, so the white space and the comma in front of the value
// are skipped. It returns the zero Ref when the offsets are outside the
// document or leave nothing.
func (r Ref) Span(start, end int64) Ref {
	if start < 0 || end > int64(len(r.doc)) || start >= end {
		return Ref{}
	}
	s, e := int(start), int(end)
	for s < e && (isSpace(r.doc[s]) || r.doc[s] == ',') {
		s++
	}
	if s == e {
		return Ref{}
	}
	return Ref{doc: r.doc, start: s, end: e}
}

// Bytes returns the JSON, or nil for the zero Ref. Its capacity ends with
// it, so appending to it cannot overwrite the rest of the document.
func (r Ref) Bytes() json.RawMessage {
	if r.start >= r.end {
		return nil
	}
	return r.doc[r.start:r.end:r.end]
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
