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
// messages are mimicked here.
type schema struct {
	types    []string // allowed JSON types; "number" admits integers
	props    map[string]*schema
	required []string
	open     bool // additionalProperties: true
	items    *schema
	minItems int
	minLen   int
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
		if len(sc.enum) > 0 && !slices.Contains(sc.enum, x) {
			return &verr{fmt.Sprintf("No enum match for: %q", x), path}
		}
		if n := utf8.RuneCountInString(x); n < sc.minLen {
			return &verr{fmt.Sprintf("String is too short (%d chars), minimum %d", n, sc.minLen), path}
		}
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
	}
	return nil
}

// The request schemas of Auth0's OpenAPI document, for the 14 endpoints.
var (
	strSchema  = &schema{types: []string{"string"}}
	boolSchema = &schema{types: []string{"boolean"}}

	triggerIDSchema = &schema{types: []string{"string"}, enum: triggerIDs()}

	actionTriggerSchema = &schema{
		types:    []string{"object"},
		required: []string{"id"},
		props: map[string]*schema{
			"id":              triggerIDSchema,
			"version":         strSchema,
			"status":          strSchema,
			"runtimes":        {types: []string{"array"}, items: strSchema},
			"default_runtime": strSchema,
			"compatible_triggers": {types: []string{"array"}, items: &schema{
				types: []string{"object"}, open: true, required: []string{"id", "version"},
				props: map[string]*schema{"id": triggerIDSchema, "version": strSchema},
			}},
			"binding_policy": {types: []string{"string"}, enum: []string{"trigger-bound", "entity-bound"}},
		},
	}
	dependencySchema = &schema{types: []string{"object"}, props: map[string]*schema{
		"name": strSchema, "version": strSchema, "registry_url": strSchema,
	}}
	secretSchema = &schema{types: []string{"object"}, open: true, props: map[string]*schema{
		"name": strSchema, "value": strSchema,
	}}
	moduleSchema = &schema{types: []string{"object"}, props: map[string]*schema{
		"module_id": strSchema, "module_name": strSchema, "module_version_id": strSchema,
		"module_version_number": {types: []string{"integer"}},
	}}

	draftProps = map[string]*schema{
		"name":               {types: []string{"string"}, minLen: 1},
		"supported_triggers": {types: []string{"array"}, minItems: 1, items: actionTriggerSchema},
		"code":               strSchema,
		"dependencies":       {types: []string{"array"}, items: dependencySchema},
		"runtime":            strSchema,
		"secrets":            {types: []string{"array"}, items: secretSchema},
		"modules":            {types: []string{"array"}, items: moduleSchema},
	}

	createActionSchema = &schema{
		types:    []string{"object"},
		required: []string{"name", "supported_triggers"},
		props:    withProp(draftProps, "deploy", boolSchema),
	}
	updateActionSchema = &schema{types: []string{"object"}, props: draftProps}

	testActionSchema = &schema{
		types:    []string{"object"},
		required: []string{"payload"},
		props:    map[string]*schema{"payload": {types: []string{"object"}, open: true}},
	}
	rollbackSchema = &schema{
		types: []string{"object", "null"},
		props: map[string]*schema{"update_draft": boolSchema},
	}
	bindingsUpdateSchema = &schema{
		types: []string{"object"},
		props: map[string]*schema{"bindings": {types: []string{"array"}, items: &schema{
			oneOf:    true,
			types:    []string{"object"},
			required: []string{"ref"},
			props: map[string]*schema{
				"ref": {types: []string{"object"}, open: true, props: map[string]*schema{
					"type":  {types: []string{"string"}, enum: []string{"binding_id", "action_id", "action_name"}},
					"value": strSchema,
				}},
				"display_name": strSchema,
				"secrets":      {types: []string{"array"}, items: secretSchema},
			},
		}}},
	}
)

func withProp(m map[string]*schema, key string, s *schema) map[string]*schema {
	out := make(map[string]*schema, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	out[key] = s
	return out
}

// decodeBody parses a JSON request body (an empty body is JSON null) and
// validates it against sc.
func decodeBody(r *http.Request, body []byte, sc *schema) (any, *apiError) {
	var v any
	if len(bytes.TrimSpace(body)) > 0 {
		ct := strings.ToLower(r.Header.Get("Content-Type"))
		if !strings.HasPrefix(ct, "application/json") && !strings.Contains(ct, "+json") {
			return nil, &apiError{status: http.StatusUnsupportedMediaType, message: "Unsupported Media Type"}
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return nil, badBody("Invalid request payload JSON format")
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, badBody("Invalid request payload JSON format")
		}
	}
	if e := sc.validate(v, ""); e != nil {
		return nil, badBody(e.message("Payload"))
	}
	return v, nil
}

func badBody(msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, message: msg, code: "invalid_body"}
}

func badQuery(msg, param string) *apiError {
	return &apiError{status: http.StatusBadRequest, message: (&verr{msg, param}).message("Query"), code: "invalid_query_string"}
}

// checkQuery refuses query parameters the endpoint does not take.
func checkQuery(r *http.Request, allowed ...string) *apiError {
	q := r.URL.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(allowed, k) {
			return badQuery("Additional properties not allowed: "+k, "")
		}
	}
	return nil
}

func queryValue(r *http.Request, name string) (string, bool, *apiError) {
	vs, ok := r.URL.Query()[name]
	if !ok {
		return "", false, nil
	}
	if len(vs) > 1 {
		return "", false, badQuery("Expected type "+queryTypes[name]+" but found type array", name)
	}
	return vs[0], true, nil
}

var queryTypes = map[string]string{
	"page": "integer", "per_page": "integer", "deployed": "boolean", "installed": "boolean",
	"force": "boolean", "triggerId": "string", "actionName": "string",
}

func queryBool(r *http.Request, name string) (val, set bool, e *apiError) {
	s, ok, e := queryValue(r, name)
	if e != nil || !ok {
		return false, false, e
	}
	switch s {
	case "true":
		return true, true, nil
	case "false":
		return false, true, nil
	}
	return false, false, badQuery("Expected type boolean but found type string", name)
}

func queryInt(r *http.Request, name string, def, min, max int) (int, *apiError) {
	s, ok, e := queryValue(r, name)
	if e != nil {
		return 0, e
	}
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, badQuery("Expected type integer but found type string", name)
	}
	if n < min {
		return 0, badQuery(fmt.Sprintf("Value %d is less than minimum %d", n, min), name)
	}
	if max > 0 && n > max {
		return 0, badQuery(fmt.Sprintf("Value %d is greater than maximum %d", n, max), name)
	}
	return n, nil
}
