// Package jsondec is the one place where the SDK decodes JSON responses.
//
// It decodes with github.com/go-json-experiment/json, the module that
// mirrors encoding/json/v2 (and becomes aliases of the standard library
// where that is on by default), with options that keep what encoding/json
// (v1) accepted: a repeated name (the last wins), invalid UTF-8 (replaced
// by U+FFFD), names matched case-insensitively but with '_' and '-' kept.
// docs/PERFORMANCE.md says why this library was chosen. Moving to another
// library, or to the standard library's encoding/json/v2, changes this file:
// the SDK's types name the decoder only as Decoder.
//
// Types that decode themselves implement UnmarshalJSONFrom(*Decoder) error,
// v2's own interface, and use Object, Match, Items and Decode below.
package jsondec

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"

	json "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// Decoder reads JSON tokens and values; UnmarshalJSONFrom methods take one.
// It is jsontext.Decoder of github.com/go-json-experiment/json.
type Decoder = jsontext.Decoder

// options keep encoding/json's leniency (see the package doc).
var options = json.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
	json.MatchCaseInsensitiveNames(true),
	jsonv1.MatchCaseSensitiveDelimiter(true),
)

// Unmarshal decodes the JSON document data into v, a non-nil pointer.
// Its error is an *Error.
func Unmarshal(data []byte, v any) error {
	if err := json.Unmarshal(data, v, options); err != nil {
		return newError(data, v, err)
	}
	return nil
}

// Decode decodes the next JSON value of dec into v, a non-nil pointer, with
// the options of the document being decoded. For UnmarshalJSONFrom methods.
func Decode(dec *Decoder, v any) error { return json.UnmarshalDecode(dec, v) }

// Object reads the JSON object dec is at, calling member with each member's
// name (unescaped; valid until member returns), which must read the
// member's value, or skip it with dec.SkipValue. A JSON null is an object
// with no members, as encoding/json has it. Anything else is an error that
// names goType, the type the caller decodes.
func Object(dec *Decoder, goType reflect.Type, member func(name []byte) error) error {
	switch kind := dec.PeekKind(); kind {
	case 'n':
		_, err := dec.ReadToken()
		return err
	case '{':
	default:
		if _, err := dec.ReadValue(); err != nil {
			return err
		}
		return &json.SemanticError{JSONKind: kind, GoType: goType}
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	var buf [32]byte
	for dec.PeekKind() != '}' {
		raw, err := dec.ReadValue() // the name, quoted
		if err != nil {
			return err
		}
		name, err := jsontext.AppendUnquote(buf[:0], raw)
		if err != nil {
			return err
		}
		if err := member(name); err != nil {
			return err
		}
	}
	_, err := dec.ReadToken()
	return err
}

// ValueError is the error of an UnmarshalJSONFrom method that read value
// (a JSON value) and found it does not fit goType, for the reason err.
func ValueError(value []byte, goType reflect.Type, err error) error {
	return &json.SemanticError{JSONKind: jsontext.Value(value).Kind(), JSONValue: bytes.Clone(value), GoType: goType, Err: err}
}

// Match returns the index of the first of names that name equals, else of
// the first it equals ignoring case, as encoding/json matches struct
// fields; -1 when none matches.
func Match(name []byte, names ...string) int {
	for i, n := range names {
		if string(name) == n {
			return i
		}
	}
	for i, n := range names {
		if bytes.EqualFold(name, []byte(n)) {
			return i
		}
	}
	return -1
}

// Items decodes the JSON array dec is at into *items, appending to
// (*items)[:0] (a capacity set beforehand is used), and sets *spans to
// where each element is: from the end of the token before it (the '[' or
// the element before) to its end, as offsets into the document (see
// rawjson.Ref.Span). A JSON null sets both to nil, as encoding/json does;
// anything else but an array is the error Decode gives.
func Items[T any](dec *Decoder, items *[]T, spans *[][2]int64) error {
	switch dec.PeekKind() {
	case 'n':
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		*items, *spans = nil, nil
		return nil
	case '[':
	default:
		return Decode(dec, items)
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	s := (*items)[:0]
	if s == nil {
		s = []T{} // an empty array is an empty slice, not nil
	}
	sp := (*spans)[:0]
	for dec.PeekKind() != ']' {
		start := dec.InputOffset()
		var zero T
		s = append(s, zero)
		if err := Decode(dec, &s[len(s)-1]); err != nil {
			return err
		}
		sp = append(sp, [2]int64{start, dec.InputOffset()})
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	*items, *spans = s, sp
	return nil
}

// Error is a document that did not decode. Its message names the place
// with a JSON pointer (such as "/actions/3/number"): the decoder's message
// for a syntax error, and one worded the same way every time for a value
// that does not fit (the decoder words its own differently from one
// process to the next, on purpose).
// It unwraps to the decoder's error and, where encoding/json rejects the
// document too, to encoding/json's (*json.SyntaxError,
// *json.UnmarshalTypeError, *time.ParseError), which callers may test for
// with errors.As.
type Error struct {
	err    error
	legacy error
}

func (e *Error) Error() string {
	var se *json.SemanticError
	if !errors.As(e.err, &se) {
		return e.err.Error()
	}
	var b strings.Builder
	b.WriteString("json: cannot decode")
	switch se.JSONKind {
	case 'n':
		b.WriteString(" JSON null")
	case 'f', 't':
		b.WriteString(" JSON boolean")
	case '"':
		b.WriteString(" JSON string")
	case '0':
		b.WriteString(" JSON number")
	case '{', '}':
		b.WriteString(" JSON object")
	case '[', ']':
		b.WriteString(" JSON array")
	default:
		b.WriteString(" JSON")
	}
	if len(se.JSONValue) > 0 && len(se.JSONValue) < 100 {
		b.WriteString(" ")
		b.Write(se.JSONValue)
	}
	if se.GoType != nil {
		b.WriteString(" into Go " + se.GoType.String())
	}
	if se.JSONPointer != "" {
		b.WriteString(" at " + strconv.Quote(string(se.JSONPointer)))
	}
	if se.Err != nil {
		b.WriteString(": " + se.Err.Error())
	}
	return b.String()
}

// Unwrap returns the decoder's error and encoding/json's, if any.
func (e *Error) Unwrap() []error {
	if e.legacy == nil {
		return []error{e.err}
	}
	return []error{e.err, e.legacy}
}

// newError decodes data again with encoding/json, into a new value of v's
// type, to give errors.As the error types it has always found. This runs
// only for a body that failed to decode.
func newError(data []byte, v any, err error) error {
	e := &Error{err: err}
	if t := reflect.TypeOf(v); t != nil && t.Kind() == reflect.Pointer {
		e.legacy = stdjson.Unmarshal(data, reflect.New(t.Elem()).Interface())
	}
	return e
}
