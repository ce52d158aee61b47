// Package rawjson lets decoded values hand back the exact JSON they came from
// without decoding twice: a value keeps a reference into the response body,
// and list items find their own bytes lazily, only when asked.
package rawjson

import (
	"bytes"
	"encoding/json"
	"sync"
)

// Ref points at the JSON a value was decoded from. The zero Ref is empty.
// It holds only a pointer and an index, so printing a value with %+v shows
// an address rather than the whole body.
type Ref struct {
	src *Source
	idx int
}

// Whole returns a Ref to a complete document.
func Whole(data []byte) Ref { return Ref{src: &Source{data: bytes.TrimSpace(data)}, idx: -1} }

// Bytes returns the JSON, or nil for the zero Ref.
func (r Ref) Bytes() json.RawMessage {
	if r.src == nil {
		return nil
	}
	if r.idx < 0 {
		if len(r.src.data) == 0 {
			return nil
		}
		return r.src.data
	}
	return r.src.item(r.idx)
}

// Source is a response body whose top-level object holds an array of items
// under Key. Item spans are found on first use.
type Source struct {
	data  []byte
	key   string
	once  sync.Once
	spans [][2]int
}

// NewSource returns a Source for the array at key in data.
func NewSource(data []byte, key string) *Source { return &Source{data: data, key: key} }

// Item returns a Ref to element i of the array.
func (s *Source) Item(i int) Ref { return Ref{src: s, idx: i} }

func (s *Source) item(i int) json.RawMessage {
	s.once.Do(func() { s.spans = Split(s.data, s.key) })
	if i < 0 || i >= len(s.spans) {
		return nil
	}
	sp := s.spans[i]
	return s.data[sp[0]:sp[1]:sp[1]]
}

// Split returns the byte spans of the elements of the array found under key
// in the top-level JSON object data. When the key appears more than once the
// last one counts, as it does for encoding/json. It returns nil when data is
// not such an object. It assumes data is valid JSON (it was decoded already)
// but never panics or loops on invalid input.
func Split(data []byte, key string) [][2]int {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return nil
	}
	var found [][2]int
	for {
		i = skipSpace(data, i)
		if i >= len(data) || data[i] != '"' {
			return nil
		}
		kStart := i + 1
		kEnd := skipString(data, i)
		if kEnd < 0 {
			return nil
		}
		k := data[kStart : kEnd-1]
		i = skipSpace(data, kEnd)
		if i >= len(data) || data[i] != ':' {
			return nil
		}
		i = skipSpace(data, i+1)
		if string(k) == key && i < len(data) && data[i] == '[' {
			found, i = splitArray(data, i)
		} else {
			if string(k) == key {
				found = nil // a later non-array value replaces an earlier array
			}
			i = skipValue(data, i)
		}
		if i < 0 {
			return nil
		}
		i = skipSpace(data, i)
		if i >= len(data) {
			return nil
		}
		switch data[i] {
		case '}':
			return found
		case ',':
			i++
		default:
			return nil
		}
	}
}

// splitArray returns the spans of the elements of the array at data[i]
// and the index just past it (-1 when it is malformed).
func splitArray(data []byte, i int) ([][2]int, int) {
	spans := [][2]int{}
	i++ // '['
	i = skipSpace(data, i)
	if i < len(data) && data[i] == ']' {
		return spans, i + 1
	}
	for i < len(data) {
		i = skipSpace(data, i)
		start := i
		end := skipValue(data, i)
		if end < 0 {
			return nil, -1
		}
		spans = append(spans, [2]int{start, end})
		i = skipSpace(data, end)
		if i >= len(data) {
			return nil, -1
		}
		if data[i] == ']' {
			return spans, i + 1
		}
		if data[i] != ',' {
			return nil, -1
		}
		i++
	}
	return nil, -1
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the index just past the string starting at data[i]=='"',
// or -1.
func skipString(data []byte, i int) int {
	i++
	for i < len(data) {
		j := bytes.IndexAny(data[i:], `"\`)
		if j < 0 {
			return -1
		}
		i += j
		if data[i] == '"' {
			return i + 1
		}
		i += 2 // backslash and the escaped byte
	}
	return -1
}

// skipValue returns the index just past the value starting at data[i], or -1.
func skipValue(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for i < len(data) {
			switch data[i] {
			case '"':
				i = skipString(data, i)
				if i < 0 {
					return -1
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return -1
	default:
		start := i
		for i < len(data) {
			switch data[i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				if i == start {
					return -1
				}
				return i
			}
			i++
		}
		if i == start {
			return -1
		}
		return i
	}
}
