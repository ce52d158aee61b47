package requestconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// QueryOp is what a QueryEdit does.
type QueryOp uint8

// The query edits.
const (
	QuerySet QueryOp = iota // replace the key's values with Value
	QueryAdd                // add Value to the key's values
	QueryDel                // remove the key
)

// QueryEdit changes one key of a call's query string; option.WithQuery,
// WithQueryAdd and WithQueryDel make them.
type QueryEdit struct {
	Op    QueryOp
	Key   string
	Value string
}

// applyQueryEdits returns q with the edits applied, in order, to a copy (q
// may be the caller's url.Values).
func applyQueryEdits(q url.Values, edits []QueryEdit) url.Values {
	out := make(url.Values, len(q)+len(edits))
	for k, v := range q {
		out[k] = v[:len(v):len(v)] // an Add must not write into the caller's slice
	}
	for _, e := range edits {
		switch e.Op {
		case QuerySet:
			out[e.Key] = []string{e.Value}
		case QueryAdd:
			out[e.Key] = append(out[e.Key], e.Value)
		case QueryDel:
			delete(out, e.Key)
		}
	}
	return out
}

// JSONEdit sets or deletes one field of a call's JSON body;
// option.WithJSONSet and WithJSONDelete make them.
type JSONEdit struct {
	// Option names the option, for errors: `option.WithJSONSet("a.b")`.
	Option string
	// Path is the parsed path: object keys and array indexes.
	Path []string
	// Value is the JSON to set (null included); nil for a delete.
	Value json.RawMessage
	// Delete removes the field instead of setting it.
	Delete bool
}

// ParseJSONPath splits a dotted path such as "modules.0.module_name" into
// its segments. A backslash makes the next character literal, so a key
// with a dot is written "a\.b". Empty paths and empty segments are errors.
func ParseJSONPath(path string) ([]string, error) {
	if path == "" {
		return nil, errors.New("the path is empty")
	}
	var segs []string
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		switch c := path[i]; c {
		case '\\':
			if i+1 == len(path) {
				return nil, fmt.Errorf("path %q ends in a lone backslash", path)
			}
			i++
			b.WriteByte(path[i])
		case '.':
			if b.Len() == 0 {
				return nil, fmt.Errorf("path %q has an empty segment", path)
			}
			segs = append(segs, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	if b.Len() == 0 {
		return nil, fmt.Errorf("path %q has an empty segment", path)
	}
	return append(segs, b.String()), nil
}

// applyJSONEdits returns body with the edits applied, in order. An absent
// body starts as an empty object. Key order is not kept (JSON objects have
// none); numbers keep their exact text.
func applyJSONEdits(body []byte, edits []JSONEdit) ([]byte, error) {
	var root any = map[string]any{}
	if len(body) > 0 {
		var err error
		if root, err = decodeJSON(body); err != nil {
			return nil, fmt.Errorf("%s: the body is not JSON: %w", edits[0].Option, err)
		}
		if root == nil {
			root = map[string]any{}
		}
	}
	for _, e := range edits {
		var err error
		if e.Delete {
			root, err = deleteAt(root, e.Path, 0)
		} else {
			// Decoded afresh for every call, so that a later edit can go
			// into it without changing the option's value.
			var v any
			if v, err = decodeJSON(e.Value); err == nil {
				root, err = setAt(root, e.Path, 0, v)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Option, err)
		}
	}
	return json.Marshal(root)
}

// decodeJSON decodes one JSON value, keeping numbers as their exact text.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("more than one JSON value")
	}
	return v, nil
}

// setAt sets path[i:] under node to v and returns the (possibly new) node.
// Missing objects on the way are created; an array index may be one past
// the end at the last segment, which appends.
func setAt(node any, path []string, i int, v any) (any, error) {
	seg, last := path[i], i == len(path)-1
	switch n := node.(type) {
	case map[string]any:
		if last {
			n[seg] = v
			return n, nil
		}
		child, ok := n[seg]
		if !ok || child == nil {
			child = map[string]any{}
		}
		child, err := setAt(child, path, i+1, v)
		if err != nil {
			return nil, err
		}
		n[seg] = child
		return n, nil
	case []any:
		idx, err := index(path, i)
		if err != nil {
			return nil, err
		}
		if idx > len(n) {
			return nil, fmt.Errorf("index %d is past the end of %s (%d elements)", idx, describe(path[:i]), len(n))
		}
		if idx == len(n) {
			if !last {
				return nil, fmt.Errorf("index %s is past the end of %s (%d elements); only the last segment may append", seg, describe(path[:i]), len(n))
			}
			return append(n, v), nil
		}
		if last {
			n[idx] = v
			return n, nil
		}
		child, err := setAt(n[idx], path, i+1, v)
		if err != nil {
			return nil, err
		}
		n[idx] = child
		return n, nil
	}
	return nil, notContainer(path, i, node)
}

// deleteAt removes path[i:] under node. A field or element that is not
// there is left alone; going through a value that is not an object or an
// array is an error.
func deleteAt(node any, path []string, i int) (any, error) {
	seg, last := path[i], i == len(path)-1
	switch n := node.(type) {
	case map[string]any:
		child, ok := n[seg]
		if !ok {
			return n, nil
		}
		if last {
			delete(n, seg)
			return n, nil
		}
		if child == nil {
			return n, nil
		}
		child, err := deleteAt(child, path, i+1)
		if err != nil {
			return nil, err
		}
		n[seg] = child
		return n, nil
	case []any:
		idx, err := index(path, i)
		if err != nil {
			return nil, err
		}
		if idx >= len(n) {
			return n, nil
		}
		if last {
			return append(n[:idx:idx], n[idx+1:]...), nil
		}
		child, err := deleteAt(n[idx], path, i+1)
		if err != nil {
			return nil, err
		}
		n[idx] = child
		return n, nil
	}
	return nil, notContainer(path, i, node)
}

// index parses path[i], the segment after an array, as an index: digits
// only.
func index(path []string, i int) (int, error) {
	seg := path[i]
	idx, err := strconv.Atoi(seg)
	if err != nil || strings.TrimLeft(seg, "0123456789") != "" {
		return 0, fmt.Errorf("%s is an array, and %q is not an index", describe(path[:i]), seg)
	}
	return idx, nil
}

func notContainer(path []string, i int, node any) error {
	kind := "a value"
	switch node.(type) {
	case string:
		kind = "a string"
	case json.Number:
		kind = "a number"
	case bool:
		kind = "a boolean"
	}
	return fmt.Errorf("%s is %s, not an object or array, so it has no %q", describe(path[:i]), kind, path[i])
}

// describe names the part of the body a path prefix leads to.
func describe(prefix []string) string {
	if len(prefix) == 0 {
		return "the body"
	}
	return strconv.Quote(joinPath(prefix))
}

func joinPath(segs []string) string {
	var b strings.Builder
	for i, s := range segs {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), ".", `\.`))
	}
	return b.String()
}
