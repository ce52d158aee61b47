package auth0test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// schema is the part of JSON Schema that Auth0's request schemas use. The
// live API validates request bodies against them (with z-schema), and its
// messages are mimicked here. TestRoutesMatchOpenAPI checks each route's
// schema against Auth0's document.
type schema struct {
	types    []string // allowed JSON types; "number" admits integers
	props    map[string]*schema
	required []string
	open     bool // additionalProperties: true
	items    *schema
	minItems int
	minLen   int // not in the document: a rule of the live API
	maxLen   int // 0: no maximum
	noNUL    bool
	enum     []string
	oneOf    bool // the schema is the only member of a oneOf
}

// verr is a validation failure: a z-schema message and the property path.
type verr struct {
	msg  string
	path string
}

func (e *verr) message(kind string) string {
	s := kind + " validation error: '" + e.msg + "'"
	if e.path != "" {
		s += " on property " + e.path
	}
	return s + "."
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if f, err := x.Float64(); err == nil && f == math.Trunc(f) && !math.IsInf(f, 0) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

func (sc *schema) allows(t string) bool {
	for _, a := range sc.types {
		if a == t || a == "number" && t == "integer" {
			return true
		}
	}
	return false
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (sc *schema) validate(v any, path string) *verr {
	if sc.oneOf {
		inner := *sc
		inner.oneOf = false
		if inner.validate(v, path) != nil {
			return &verr{"Data does not match any schemas from 'oneOf'", path}
		}
		return nil
	}
	t := jsonType(v)
	if !sc.allows(t) {
		return &verr{fmt.Sprintf("Expected type %s but found type %s", strings.Join(sc.types, ","), t), path}
	}
	switch x := v.(type) {
	case string:
		return sc.validateString(x, path)
	case []any:
		if len(x) < sc.minItems {
			return &verr{fmt.Sprintf("Array is too short (%d), minimum %d", len(x), sc.minItems), path}
		}
		if sc.items != nil {
			for i, item := range x {
				if e := sc.items.validate(item, path+"["+strconv.Itoa(i)+"]"); e != nil {
					return e
				}
			}
		}
	case map[string]any:
		return sc.validateObject(x, path)
	}
	return nil
}

func (sc *schema) validateString(x, path string) *verr {
	if len(sc.enum) > 0 && !slices.Contains(sc.enum, x) {
		return &verr{fmt.Sprintf("No enum match for: %q", x), path}
	}
	n := utf8.RuneCountInString(x)
	if n < sc.minLen {
		return &verr{fmt.Sprintf("String is too short (%d chars), minimum %d", n, sc.minLen), path}
	}
	if sc.maxLen > 0 && n > sc.maxLen {
		return &verr{fmt.Sprintf("String is too long (%d chars), maximum %d", n, sc.maxLen), path}
	}
	if sc.noNUL && strings.ContainsRune(x, 0) {
		return &verr{"String does not match pattern ^[^\\u0000]*$: " + strconv.Quote(x), path}
	}
	return nil
}

func (sc *schema) validateObject(x map[string]any, path string) *verr {
	keys := make([]string, 0, len(x))
	for k := range x {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !sc.open {
		for _, k := range keys {
			if _, ok := sc.props[k]; !ok {
				return &verr{"Additional properties not allowed: " + k, path}
			}
		}
	}
	for _, k := range sc.required {
		if _, ok := x[k]; !ok {
			return &verr{"Missing required property: " + k, path}
		}
	}
	for _, k := range keys {
		if p, ok := sc.props[k]; ok {
			if e := p.validate(x[k], joinPath(path, k)); e != nil {
				return e
			}
		}
	}
	return nil
}

// decodeBody parses a JSON request body (an empty body is JSON null) and
// validates it against sc.
func decodeBody(r *http.Request, body []byte, sc *schema) *apiError {
	var v any
	if len(bytes.TrimSpace(body)) > 0 {
		ct := strings.ToLower(r.Header.Get("Content-Type"))
		if !strings.HasPrefix(ct, "application/json") && !strings.Contains(ct, "+json") {
			return &apiError{status: http.StatusUnsupportedMediaType, message: "Unsupported Media Type"}
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return badBody("Invalid request payload JSON format")
		}
		if _, err := dec.Token(); err != io.EOF {
			return badBody("Invalid request payload JSON format")
		}
	}
	if e := sc.validate(v, ""); e != nil {
		return badBody(e.message("Payload"))
	}
	return nil
}

func badBody(msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, message: msg, code: "invalid_body"}
}
