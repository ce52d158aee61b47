package auth0test

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openAPIDoc is the part of an OpenAPI document the route table is checked
// against.
type openAPIDoc struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]map[string]any `json:"schemas"`
	} `json:"components"`
}

type openAPIOperation struct {
	Parameters []struct {
		Name   string         `json:"name"`
		In     string         `json:"in"`
		Schema map[string]any `json:"schema"`
	} `json:"parameters"`
	RequestBody *struct {
		Content map[string]struct {
			Schema map[string]any `json:"schema"`
		} `json:"content"`
	} `json:"requestBody"`
}

// TestRoutesMatchOpenAPI checks the route table against every document in
// testdata/openapi, so that the fake and Auth0's document cannot drift
// apart unnoticed: the same operations (method and path), the same path
// and query parameters with their types and enums, and for each body the
// same properties, types, enums, required lists, additionalProperties,
// maximum lengths and no-NUL patterns, all the way down. The fake's own
// stricter rules (a minimum length, page bounds) are the live API's and
// are not in the document.
func TestRoutesMatchOpenAPI(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "openapi", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(file)
			require.NoError(t, err)
			var doc openAPIDoc
			require.NoError(t, json.Unmarshal(b, &doc))

			var ops []string
			for path, methods := range doc.Paths {
				for method, raw := range methods {
					if method == "parameters" {
						continue
					}
					name := strings.ToUpper(method) + " " + path
					ops = append(ops, name)
					var op openAPIOperation
					require.NoError(t, json.Unmarshal(raw, &op), name)
					rt := routeNamed(name)
					if !assert.NotNil(t, rt, "the document's %s has no route", name) {
						continue
					}
					checkOperation(t, &doc, rt, op)
				}
			}
			var names []string
			for _, rt := range routes {
				names = append(names, rt.name)
			}
			assert.ElementsMatch(t, ops, names, "operations")
			assert.Len(t, routes, 24)
		})
	}
}

func routeNamed(name string) *route {
	for i := range routes {
		if routes[i].name == name {
			return &routes[i]
		}
	}
	return nil
}

func checkOperation(t *testing.T, doc *openAPIDoc, rt *route, op openAPIOperation) {
	t.Helper()
	var pathNames []string
	var query []param
	for _, p := range op.Parameters {
		s := doc.resolve(p.Schema)
		got := param{name: p.Name, typ: s["type"].(string), enum: stringList(s["enum"])}
		switch p.In {
		case "path":
			pathNames = append(pathNames, p.Name)
			i := slices.IndexFunc(rt.pathEnums, func(e param) bool { return e.name == p.Name })
			if got.enum == nil {
				assert.Negative(t, i, "%s: path parameter %s has no enum in the document", rt.name, p.Name)
				continue
			}
			if assert.GreaterOrEqual(t, i, 0, "%s: path parameter %s has an enum in the document", rt.name, p.Name) {
				assert.ElementsMatch(t, got.enum, documentEnum(t, got.enum, rt.pathEnums[i].enum), "%s: enum of path parameter %s", rt.name, p.Name)
			}
		case "query":
			query = append(query, got)
		}
	}
	assert.ElementsMatch(t, pathNames, rt.pathParams(), "%s: path parameters", rt.name)
	assert.Len(t, rt.query, len(query), "%s: query parameters", rt.name)
	for _, want := range query {
		i := slices.IndexFunc(rt.query, func(p param) bool { return p.name == want.name })
		if !assert.GreaterOrEqual(t, i, 0, "%s: query parameter %s is not declared", rt.name, want.name) {
			continue
		}
		got := rt.query[i]
		assert.Equal(t, want.typ, got.typ, "%s: type of %s", rt.name, want.name)
		assert.ElementsMatch(t, want.enum, documentEnum(t, want.enum, got.enum), "%s: enum of %s", rt.name, want.name)
	}
	if op.RequestBody == nil {
		assert.Nil(t, rt.body, "%s: the document has no request body", rt.name)
		return
	}
	if !assert.NotNil(t, rt.body, "%s: the document has a request body", rt.name) {
		return
	}
	content, ok := op.RequestBody.Content["application/json"]
	require.True(t, ok, "%s: no application/json body", rt.name)
	compareSchema(t, doc, rt.name, content.Schema, rt.body)
}

// compareSchema compares a document schema with the fake's, recursively.
func compareSchema(t *testing.T, doc *openAPIDoc, path string, want map[string]any, got *schema) {
	t.Helper()
	want = doc.resolve(want)
	if one, ok := want["oneOf"].([]any); ok {
		require.Len(t, one, 1, "%s: oneOf", path)
		assert.True(t, got.oneOf, "%s: the document has a oneOf", path)
		member := *got
		member.oneOf = false
		compareSchema(t, doc, path, one[0].(map[string]any), &member)
		return
	}
	assert.False(t, got.oneOf, "%s: the document has no oneOf", path)
	var types []string
	switch ty := want["type"].(type) {
	case string:
		types = []string{ty}
	case []any:
		types = stringList(ty)
	}
	assert.ElementsMatch(t, types, got.types, "%s: type", path)
	assert.ElementsMatch(t, stringList(want["enum"]), documentEnum(t, stringList(want["enum"]), got.enum), "%s: enum", path)
	assert.Equal(t, intOf(want["maxLength"]), got.maxLen, "%s: maxLength", path)
	assert.Equal(t, intOf(want["minItems"]), got.minItems, "%s: minItems", path)
	assert.Equal(t, want["pattern"] == "^[^\u0000]*$", got.noNUL, "%s: pattern %v", path, want["pattern"])
	if p, ok := want["pattern"]; ok && p != "^[^\u0000]*$" {
		t.Errorf("%s: pattern %q is not modelled", path, p)
	}
	if slices.Contains(types, "object") {
		open := want["additionalProperties"] != false
		assert.Equal(t, open, got.open, "%s: additionalProperties", path)
		assert.ElementsMatch(t, stringList(want["required"]), got.required, "%s: required", path)
		props, _ := want["properties"].(map[string]any)
		var wantKeys, gotKeys []string
		for k := range props {
			wantKeys = append(wantKeys, k)
		}
		for k := range got.props {
			gotKeys = append(gotKeys, k)
		}
		assert.ElementsMatch(t, wantKeys, gotKeys, "%s: properties", path)
		for k, p := range props {
			if sub, ok := got.props[k]; ok {
				compareSchema(t, doc, path+"."+k, p.(map[string]any), sub)
			}
		}
	}
	if items, ok := want["items"].(map[string]any); ok {
		if assert.NotNil(t, got.items, "%s: items", path) {
			compareSchema(t, doc, path+"[]", items, got.items)
		}
	} else {
		assert.Nil(t, got.items, "%s: the document has no items", path)
	}
}

// documentEnum is the fake's enum without the trigger IDs the live API
// serves ahead of the document (liveOnlyTriggerIDs), when it is the
// trigger enum; a document that lists one fails the test, so that it moves
// to documentTriggerIDs.
func documentEnum(t *testing.T, doc, fake []string) []string {
	t.Helper()
	for _, id := range liveOnlyTriggerIDs {
		assert.NotContains(t, doc, id, "the document now lists %s: move it from liveOnlyTriggerIDs to documentTriggerIDs", id)
	}
	return slices.DeleteFunc(slices.Clone(fake), func(v string) bool { return slices.Contains(liveOnlyTriggerIDs, v) })
}

// resolve follows a $ref to its schema.
func (d *openAPIDoc) resolve(s map[string]any) map[string]any {
	for {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		s = d.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")]
	}
}

func stringList(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		out = append(out, x.(string))
	}
	return out
}

func intOf(v any) int {
	f, _ := v.(float64)
	return int(f)
}

// TestModelHasNoHTTP keeps the model free of HTTP: no model_*.go file
// imports an HTTP package.
func TestModelHasNoHTTP(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("model_*.go")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			assert.False(t, strings.HasPrefix(path, "net/http") || path == "net/url", "%s imports %s", file, path)
		}
	}
}
