package requestconfig

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseJSONPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path    string
		want    []string
		wantErr string
	}{
		{"name", []string{"name"}, ""},
		{"modules.0.module_name", []string{"modules", "0", "module_name"}, ""},
		{`a\.b.c`, []string{"a.b", "c"}, ""},
		{`a\\.b`, []string{`a\`, "b"}, ""},
		{"", nil, "the path is empty"},
		{".a", nil, "empty segment"},
		{"a.", nil, "empty segment"},
		{"a..b", nil, "empty segment"},
		{`a\`, nil, "lone backslash"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			got, err := ParseJSONPath(tt.path)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.path, joinPath(got), "joinPath writes it back")
		})
	}
}

func TestApplyJSONEdits(t *testing.T) {
	t.Parallel()
	set := func(path, value string) JSONEdit {
		p, err := ParseJSONPath(path)
		require.NoError(t, err)
		return JSONEdit{Option: "set " + path, Path: p, Value: []byte(value)}
	}
	del := func(path string) JSONEdit {
		p, err := ParseJSONPath(path)
		require.NoError(t, err)
		return JSONEdit{Option: "delete " + path, Path: p, Delete: true}
	}
	tests := []struct {
		name    string
		body    string
		edits   []JSONEdit
		want    string
		wantErr string
	}{
		{"no body", "", []JSONEdit{set("a", "1")}, `{"a":1}`, ""},
		{"null body", "null", []JSONEdit{set("a", "1")}, `{"a":1}`, ""},
		{"through null", `{"a":null}`, []JSONEdit{set("a.b", "true")}, `{"a":{"b":true}}`, ""},
		{"replace an element", `{"a":[1,2]}`, []JSONEdit{set("a.1", `"x"`)}, `{"a":[1,"x"]}`, ""},
		{"array body", `[{"a":1}]`, []JSONEdit{set("0.b", "2")}, `[{"a":1,"b":2}]`, ""},
		{"nested arrays", `{"a":[[1],[2]]}`, []JSONEdit{set("a.1.1", "3"), del("a.0.0")}, `{"a":[[],[2,3]]}`, ""},
		{"delete through null", `{"a":null}`, []JSONEdit{del("a.b")}, `{"a":null}`, ""},
		{"not JSON", `{`, []JSONEdit{set("a", "1")}, "", "set a: the body is not JSON"},
		{"through a number", `{"a":1}`, []JSONEdit{set("a.b", "1")}, "", `set a.b: "a" is a number, not an object or array, so it has no "b"`},
		{"through a boolean", `{"a":true}`, []JSONEdit{del("a.b")}, "", `"a" is a boolean`},
		{"a scalar body", `"x"`, []JSONEdit{set("a", "1")}, "", `the body is a string`},
		{"index not digits", `{"a":[]}`, []JSONEdit{set("a.-1", "1")}, "", `"a" is an array, and "-1" is not an index`},
		{"append in the middle", `{"a":[]}`, []JSONEdit{set("a.0.b", "1")}, "", `index 0 is past the end of "a" (0 elements); only the last segment may append`},
		{"past the end", `{"a":[1]}`, []JSONEdit{set("a.3", "1")}, "", `index 3 is past the end of "a" (1 elements)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := applyJSONEdits([]byte(tt.body), tt.edits)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(got))
		})
	}
}

func TestApplyQueryEditsLeavesTheCallersValues(t *testing.T) {
	t.Parallel()
	callers := url.Values{"a": make([]string, 1, 4)}
	callers["a"][0] = "1"
	got := applyQueryEdits(callers, []QueryEdit{{Op: QueryAdd, Key: "a", Value: "2"}, {Op: QueryDel, Key: "b"}, {Op: QuerySet, Key: "c", Value: "3"}})
	assert.Equal(t, url.Values{"a": {"1", "2"}, "c": {"3"}}, got)
	assert.Equal(t, url.Values{"a": {"1"}}, callers)
	assert.Equal(t, "1", callers["a"][:2][0])
	assert.Empty(t, callers["a"][:2][1], "the caller's backing array is not written")
}
