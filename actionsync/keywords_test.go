package actionsync_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
)

// loadCode loads a module whose code file holds code, with the keywords,
// and returns the code as loaded.
func loadCode(t *testing.T, code string, keywords map[string]any) string {
	t.Helper()
	cfg, err := actionsync.LoadDir(mapFS(map[string]string{
		"action-modules/m.json": `{"name": "m", "code": "./m.js"}`,
		"m.js":                  code,
	}), actionsync.LoadOptions{Keywords: keywords})
	require.NoError(t, err)
	return cfg.Modules[0].Code
}

func TestKeywordReplacement(t *testing.T) {
	t.Parallel()
	kw := map[string]any{
		"ENV":     "dev",
		"LIST":    []any{"a", "b"},
		"OBJ":     map[string]any{"k": "<v>"},
		"NUM":     json.Number("8080"),
		"FLAG":    true,
		"NOTHING": nil,
		"DOLLAR":  "$& $1 $$",
		"QUOTE":   `say "hi"`,
		"CHAIN":   "##ENV##",
		"SELF":    "##SELF##",
	}
	for _, tc := range []struct{ name, in, want string }{
		{"## is the value as text", `const env = "##ENV##";`, `const env = "dev";`},
		{"@@ is the value's JSON", `const env = @@ENV@@;`, `const env = "dev";`},
		{"@@ takes the double quotes around it", `const list = "@@LIST@@";`, `const list = ["a","b"];`},
		{"@@ takes the single quotes around it", `const list = '@@LIST@@';`, `const list = ["a","b"];`},
		{"@@ keeps quotes that do not match", `const x = "@@NUM@@';`, `const x = "8080';`},
		{"@@ of an object, unescaped", `const o = @@OBJ@@;`, `const o = {"k":"<v>"};`},
		{"@@ of a number, a boolean, null", `@@NUM@@ @@FLAG@@ @@NOTHING@@`, `8080 true null`},
		{"## of a number, a boolean, null", `##NUM## ##FLAG## ##NOTHING##`, `8080 true null`},
		{"## of a list is its JSON", `##LIST##`, `["a","b"]`},
		{"$ in a value is literal", `##DOLLAR##`, `$& $1 $$`},
		{"## is not escaped, as the Deploy CLI", `"##QUOTE##"`, `"say "hi""`},
		{"@@ escapes, as JSON.stringify", `@@QUOTE@@`, `"say \"hi\""`},
		{"unknown keywords stay", `##NOPE## @@NOPE@@ ## @@`, `##NOPE## @@NOPE@@ ## @@`},
		{"every occurrence", `##ENV##/##ENV##-##ENV##`, `dev/dev-dev`},
		{"adjacent markers", `##ENV####ENV##`, `devdev`},
		{"a marker inside unknown delimiters", `###ENV###`, `#dev#`},
		{"the ## pass runs after the @@ pass, on its output", `@@CHAIN@@`, `"dev"`},
		{"a ## value is not replaced again", `##CHAIN##`, `##ENV##`},
		{"a value holding its own marker stays", `##SELF##`, `##SELF##`},
		{"no markers", "exports.x = 1;\n", "exports.x = 1;\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, loadCode(t, tc.in, kw))
		})
	}
}

// Keywords apply to the JSON files before they are parsed, as with the
// Deploy CLI: @@KEY@@ for a whole value, ##KEY## inside a string.
func TestKeywordsInJSONFiles(t *testing.T) {
	t.Parallel()
	cfg, err := actionsync.LoadDir(mapFS(map[string]string{
		"actions/a.json": `{
  "name": "##PREFIX##-roles",
  "code": "./actions/a/code.js",
  "supported_triggers": "@@TRIGGERS@@",
  "dependencies": @@DEPS@@,
  "secrets": [{"name": "TOKEN", "value": "Bearer ##TOKEN##"}],
  "deployed": @@DEPLOY@@
}`,
		"actions/a/code.js":      "// ##PREFIX##",
		"triggers/triggers.json": `{"post-login": [{"action_name": "##PREFIX##-roles", "display_name": "Roles (##ENV##)"}]}`,
	}), actionsync.LoadOptions{Keywords: map[string]any{
		"PREFIX":   "acme",
		"ENV":      "prod",
		"TRIGGERS": []any{map[string]any{"id": "post-login", "version": "v3"}},
		"DEPS":     []any{},
		"TOKEN":    "t-1",
		"DEPLOY":   true,
	}})
	require.NoError(t, err)
	assert.Equal(t, []actionsync.Action{{
		Name: "acme-roles", Code: "// acme", Deployed: true,
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Dependencies:      []auth0.ActionDependency{},
		Secrets:           []auth0.ActionSecretParam{{Name: "TOKEN", Value: "Bearer t-1"}},
	}}, cfg.Actions)
	assert.Equal(t, []actionsync.Binding{{ActionName: "acme-roles", DisplayName: "Roles (prod)"}}, cfg.Triggers[auth0.TriggerPostLogin])
}

func TestParseKeywordMappings(t *testing.T) {
	t.Parallel()
	m, err := actionsync.ParseKeywordMappings([]byte(`{"ENV": "dev", "PORT": 8080, "BIG": 12345678901234567890, "LIST": ["a"], "OBJ": {"k": 1}, "ON": false, "NONE": null}`))
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"ENV": "dev", "PORT": json.Number("8080"), "BIG": json.Number("12345678901234567890"),
		"LIST": []any{"a"}, "OBJ": map[string]any{"k": json.Number("1")}, "ON": false, "NONE": nil}, m)
	assert.Equal(t, "n = 12345678901234567890;", loadCode(t, "n = @@BIG@@;", m), "a number keeps its digits")

	for _, tc := range []struct{ in, want string }{
		{`["a"]`, `actionsync: keyword mappings must be a JSON object, such as {"ENV": "dev", "ALLOWED": ["a", "b"]}`},
		{``, `actionsync: keyword mappings must be a JSON object, such as {"ENV": "dev", "ALLOWED": ["a", "b"]}`},
		{`null`, `actionsync: keyword mappings must be a JSON object, such as {"ENV": "dev"}, not null`},
		{`{"a": }`, `actionsync: keyword mappings are not valid JSON: invalid character '}' looking for beginning of value`},
		{`{} {}`, `actionsync: keyword mappings hold more than one JSON value`},
	} {
		_, err := actionsync.ParseKeywordMappings([]byte(tc.in))
		assert.EqualError(t, err, tc.want, "input %q", tc.in)
	}
}

// A mapping's value never appears in an error about it.
func TestKeywordValueNotInErrors(t *testing.T) {
	t.Parallel()
	_, err := actionsync.LoadDir(mapFS(map[string]string{"triggers/triggers.json": "{}"}),
		actionsync.LoadOptions{Keywords: map[string]any{"BAD": func() {}}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `actionsync: LoadOptions.Keywords["BAD"] cannot be written as JSON`)
}
