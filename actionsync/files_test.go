package actionsync_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// Helpers of the files' tests (LoadDir, LoadYAML, WriteDir, the Deploy
// CLI's examples).

// mapFS is a file system of the given files, by path.
func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// problemLines returns the problems of a *actionsync.ConfigError, one
// string each, or fails the test.
func problemLines(t *testing.T, err error) []string {
	t.Helper()
	var ce *actionsync.ConfigError
	require.ErrorAs(t, err, &ce)
	out := make([]string, len(ce.Problems))
	for i, p := range ce.Problems {
		out[i] = p.String()
	}
	return out
}

// loadDirProblem loads files and returns its one problem.
func loadDirProblem(t *testing.T, files map[string]string) actionsync.Problem {
	t.Helper()
	_, err := actionsync.LoadDir(mapFS(files), actionsync.LoadOptions{})
	var ce *actionsync.ConfigError
	require.ErrorAs(t, err, &ce)
	require.Len(t, ce.Problems, 1, "%v", err)
	return ce.Problems[0]
}

const (
	exampleModuleJSON = `{
  "name": "shared-utils",
  "code": "./action-modules/shared-utils/code.js",
  "dependencies": [{"name": "lodash", "version": "4.17.21"}],
  "secrets": [{"name": "API_KEY", "value": "k-123"}],
  "all_changes_published": true,
  "latest_version_number": 3,
  "actions_using_module_total": 1,
  "id": "6f1e…"
}
`
	exampleActionJSON = `{
  "id": "a-1",
  "name": "add-roles",
  "code": ".\\actions\\add-roles\\code.js",
  "runtime": "node22",
  "status": "built",
  "dependencies": [{"name": "axios", "version": "1.6.0", "registry_url": "https://npm.example.com"}],
  "secrets": [
    {"name": "KEEP"},
    {"name": "NOT_SHOWN", "value": "_VALUE_NOT_SHOWN_"},
    {"name": "SET", "value": "v-1", "updated_at": "2026-01-01T00:00:00Z"}
  ],
  "supported_triggers": [{"id": "post-login", "version": "v3", "status": "CURRENT"}],
  "deployed": true,
  "installed_integration_id": "",
  "modules": [
    {"module_name": "shared-utils"},
    {"module_name": "other", "module_version_number": 2, "module_id": "m-2"}
  ]
}
`
	exampleTriggersJSON = `{
  "post-login": [
    {"action_name": "add-roles", "display_name": "Add roles"},
    {"action_name": "greet"}
  ],
  "pre-user-registration": []
}
`
)

func TestLoadDir(t *testing.T) {
	t.Parallel()
	cfg, err := actionsync.LoadDir(mapFS(map[string]string{
		"action-modules/shared-utils.json":    exampleModuleJSON,
		"action-modules/shared-utils/code.js": "module.exports = {};\n",
		"action-modules/README.md":            "not read",
		"actions/add-roles.json":              exampleActionJSON,
		"actions/add-roles/code.js":           "exports.onExecutePostLogin = async () => {};\n",
		"triggers/triggers.json":              exampleTriggersJSON,
		"clients/My App.json":                 `{"name": "My App"}`,
		".git/HEAD":                           "ref: refs/heads/main",
		"README.md":                           "not read",
	}), actionsync.LoadOptions{})
	require.NoError(t, err)

	assert.Equal(t, []actionsync.Module{{
		Name:         "shared-utils",
		Code:         "module.exports = {};\n",
		Dependencies: []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}},
		Secrets:      []auth0.ActionSecretParam{{Name: "API_KEY", Value: "k-123"}},
	}}, cfg.Modules)
	assert.Equal(t, []actionsync.Action{{
		Name:              "add-roles",
		Code:              "exports.onExecutePostLogin = async () => {};\n",
		Runtime:           "node22",
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Dependencies:      []auth0.ActionDependency{{Name: "axios", Version: "1.6.0", RegistryURL: "https://npm.example.com"}},
		Secrets: []auth0.ActionSecretParam{
			{Name: "KEEP"},      // no value: keep the tenant's
			{Name: "NOT_SHOWN"}, // the Deploy CLI's marker is no value either, never sent as one
			{Name: "SET", Value: "v-1"},
		},
		Modules: []auth0.ActionModuleReference{
			{ModuleName: "shared-utils"}, // the version this apply publishes, or the latest
			{ModuleName: "other", ModuleVersionNumber: 2},
		},
		Deployed: true,
	}}, cfg.Actions)
	assert.Equal(t, map[auth0.TriggerID][]actionsync.Binding{
		auth0.TriggerPostLogin:           {{ActionName: "add-roles", DisplayName: "Add roles"}, {ActionName: "greet"}},
		auth0.TriggerPreUserRegistration: {},
	}, cfg.Triggers)
	assert.Equal(t, []actionsync.Skipped{{Kind: "section", Name: "clients",
		Reason: "not read: actionsync reads actions, action-modules and triggers"}}, cfg.Skipped)
}

func TestLoadDirLeavesOutWhatTheFilesLeaveOut(t *testing.T) {
	t.Parallel()
	cfg, err := actionsync.LoadDir(mapFS(map[string]string{
		"actions/a.json":    `{"name": "a", "code": "./actions/a/code.js", "supported_triggers": [{"id": "post-login"}]}`,
		"actions/a/code.js": "x",
		"actions/b.json":    `{"name": "b", "code": "./actions/a/code.js", "supported_triggers": [{"id": "post-login"}], "runtime": null, "dependencies": [], "secrets": [], "modules": [], "deployed": false}`,
	}), actionsync.LoadOptions{})
	require.NoError(t, err)
	require.Len(t, cfg.Actions, 2)
	a, b := cfg.Actions[0], cfg.Actions[1]
	assert.Nil(t, a.Dependencies, "absent: the tenant's are left alone")
	assert.Nil(t, a.Secrets)
	assert.Nil(t, a.Modules)
	assert.False(t, a.Deployed)
	assert.Empty(t, a.Runtime)
	assert.Equal(t, []auth0.ActionDependency{}, b.Dependencies, "[]: none")
	assert.Equal(t, []auth0.ActionSecretParam{}, b.Secrets)
	assert.Equal(t, []auth0.ActionModuleReference{}, b.Modules)
	assert.Nil(t, cfg.Triggers, "no triggers/: no trigger is touched")
	assert.Nil(t, cfg.Modules)
}

func TestLoadDirProblems(t *testing.T) {
	t.Parallel()
	action := func(extra string) string {
		return `{
  "name": "a",
  "code": "./actions/a/code.js",
  "supported_triggers": [{"id": "post-login", "version": "v3"}]` + extra + `
}`
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"invalid JSON, with its line", map[string]string{"actions/a.json": "{\n  \"name\": \"a\",\n  \"code\": \"x\"\n  \"deployed\": true\n}"},
			`actions/a.json:4: invalid JSON: invalid character '"' after object key:value pair`},
		{"an unreplaced @@ keyword breaks the JSON", map[string]string{"actions/a.json": "{\n  \"name\": \"a\",\n  \"modules\": @@MODS@@\n}"},
			`actions/a.json:3: invalid JSON: invalid character '@' looking for beginning of value (the line holds @@MODS@@: is keyword MODS missing from the keywords?)`},
		{"an empty file", map[string]string{"actions/a.json": ""},
			`actions/a.json: the file is empty: it should hold a JSON object`},
		{"a truncated file", map[string]string{"actions/a.json": "{\n  \"name\": \"a\","},
			`actions/a.json:2: invalid JSON: the file ends before the value does`},
		{"two values", map[string]string{"actions/a.json": "{}\n{}"},
			`actions/a.json:2: there is more after the JSON value: a file holds one object`},
		{"a duplicate key", map[string]string{"actions/a.json": "{\n  \"name\": \"a\",\n  \"name\": \"b\"\n}"},
			`actions/a.json:3: key "name" appears twice (also on line 2)`},
		{"not an object", map[string]string{"actions/a.json": `["a"]`},
			`actions/a.json:1: is a list: it should be an object, one action`},
		{"no name", map[string]string{"actions/a.json": "{\n  \"code\": \"x\"\n}"},
			`actions/a.json:1: name: is required`},
		{"a missing code file", map[string]string{"actions/a.json": action("")},
			`actions/a.json:3: action "a": code: file actions/a/code.js does not exist (the path is relative to the directory)`},
		{"a code path relative to the JSON file", map[string]string{"actions/a.json": strings.Replace(action(""), "./actions/a/code.js", "a/code.js", 1), "actions/a/code.js": "x"},
			`actions/a.json:3: action "a": code: file a/code.js does not exist (the path is relative to the directory); actions/a/code.js does: set code to ./actions/a/code.js`},
		{"no code", map[string]string{"actions/a.json": "{\n  \"name\": \"a\",\n  \"supported_triggers\": [{\"id\": \"post-login\"}]\n}"},
			`actions/a.json:1: action "a": code: is required: the path of the code file, such as ./actions/a/code.js`},
		{"an absolute code path", map[string]string{"actions/a.json": strings.Replace(action(""), "./actions/a/code.js", "/etc/passwd", 1)},
			`actions/a.json:3: action "a": code: "/etc/passwd" is an absolute path: give the path relative to the directory, such as ./actions/NAME/code.js`},
		{"a code path outside the directory", map[string]string{"actions/a.json": strings.Replace(action(""), "./actions/a/code.js", "../../x.js", 1)},
			`actions/a.json:3: action "a": code: "../../x.js" leads outside the directory: keep code files inside it`},
		{"a wrong type", map[string]string{"actions/a.json": action(",\n  \"deployed\": \"yes\""), "actions/a/code.js": "x"},
			`actions/a.json:5: action "a": deployed: is a string: it should be true or false`},
		{"a wrong type in a list", map[string]string{"actions/a.json": action(",\n  \"dependencies\": [{\"name\": \"x\", \"version\": 4}]"), "actions/a/code.js": "x"},
			`actions/a.json:5: action "a": dependencies[0].version: is a number: it should be a string`},
		{"a version number that is not whole", map[string]string{"actions/a.json": action(",\n  \"modules\": [{\"module_name\": \"m\", \"module_version_number\": 1.5}]"), "actions/a/code.js": "x"},
			`actions/a.json:5: action "a": modules[0].module_version_number: is 1.5: it should be a whole number from 1`},
		{"a module reference without a name", map[string]string{"actions/a.json": action(",\n  \"modules\": [{\"module_id\": \"m-1\"}]"), "actions/a/code.js": "x"},
			`actions/a.json:5: action "a": modules[0].module_name: is required: the module's name`},
		{"an unknown field", map[string]string{"actions/a.json": action(",\n  \"deploy\": true"), "actions/a/code.js": "x"},
			`actions/a.json:5: action "a": deploy: is not a field of an action (the fields are name, code, runtime, dependencies, secrets, supported_triggers, deployed, modules; read-only ones such as status are ignored): the Deploy CLI would send it, and Auth0 would refuse it`},
		{"no supported_triggers", map[string]string{"actions/a.json": "{\n  \"name\": \"a\",\n  \"code\": \"./actions/a/code.js\"\n}", "actions/a/code.js": "x"},
			`actions/a.json:1: action "a": supported_triggers: is required: the trigger the action is for, such as [{"id": "post-login", "version": "v3"}]`},
		{"a secret's value of the wrong type, not shown", map[string]string{"actions/a.json": action(",\n  \"secrets\": [{\"name\": \"PIN\", \"value\": 4242}]"), "actions/a/code.js": "x"},
			`actions/a.json:5: action "a": secrets[0].value: is a number: it should be a string`},
		{"a secret without a name", map[string]string{"actions/a.json": action(",\n  \"secrets\": [{\"value\": \"v\"}]"), "actions/a/code.js": "x"},
			`actions/a.json:5: action "a": secrets[0].name: is required`},
		{"a secret still holding a keyword", map[string]string{"actions/a.json": action(",\n  \"secrets\": [\n    {\"name\": \"TOKEN\", \"value\": \"Bearer ##API_TOKEN##\"}\n  ]"), "actions/a/code.js": "x"},
			`actions/a.json:6: action "a": secrets[0].value: secret TOKEN: its value still holds keyword API_TOKEN (##API_TOKEN##), which no mapping replaced: add it to the keywords (LoadOptions.Keywords; with auth0-actions, --keywords FILE.json or AUTH0_KEYWORD_REPLACE_MAPPINGS): a placeholder is never sent as a secret`},
		{"a secret still holding an @@ keyword", map[string]string{"action-modules/m.json": "{\n  \"name\": \"m\", \"code\": \"./m.js\",\n  \"secrets\": [{\"name\": \"S\", \"value\": \"@@S@@\"}]\n}", "m.js": "x"},
			`action-modules/m.json:3: module "m": secrets[0].value: secret S: its value still holds keyword S (@@S@@), which no mapping replaced: add it to the keywords (LoadOptions.Keywords; with auth0-actions, --keywords FILE.json or AUTH0_KEYWORD_REPLACE_MAPPINGS): a placeholder is never sent as a secret`},
		{"a module field on a module", map[string]string{"action-modules/m.json": "{\n  \"name\": \"m\", \"code\": \"./m.js\",\n  \"deployed\": true\n}", "m.js": "x"},
			`action-modules/m.json:3: module "m": deployed: is not a field of a module (the fields are name, code, dependencies, secrets; read-only ones such as all_changes_published are ignored): the Deploy CLI would send it, and Auth0 would refuse it`},
		{"an unknown trigger", map[string]string{"triggers/triggers.json": "{\n  \"post-login\": [],\n  \"post-logon\": []\n}"},
			`triggers/triggers.json:3: trigger post-logon: is not a trigger this SDK knows (credentials-exchange, custom-email-provider, custom-phone-provider, custom-token-exchange, event-stream, login-post-identifier, mcp-tool, password-hash-migration, password-reset-post-challenge, post-change-password, post-login, post-user-registration, pre-user-registration, send-phone-message, signup-post-identifier): check the spelling, or add it to LoadOptions.ExtraTriggers (auth0-actions: --extra-triggers)`},
		{"a trigger without a list", map[string]string{"triggers/triggers.json": "{\n  \"post-login\": null\n}"},
			`triggers/triggers.json:2: trigger post-login: has no list: give its bindings in order, or [] to unbind every action`},
		{"a binding without an action", map[string]string{"triggers/triggers.json": "{\n  \"post-login\": [\n    {\"display_name\": \"x\"}\n  ]\n}"},
			`triggers/triggers.json:3: trigger post-login: bindings[0].action_name: is required: the name of the action to bind`},
		{"triggers that are not an object", map[string]string{"triggers/triggers.json": "[]"},
			`triggers/triggers.json:1: is a list: it should be an object from trigger ID to its bindings, such as {"post-login": [{"action_name": "add-roles"}]}`},
		{"two triggers files", map[string]string{"triggers/a.json": "{}", "triggers/triggers.json": "{}"},
			`triggers: holds 2 .json files (triggers/a.json, triggers/triggers.json): the Deploy CLI reads only the first; keep the bindings in one, triggers.json`},
		{"actions is a file", map[string]string{"actions": "", "triggers/triggers.json": "{}"},
			`actions: should be a directory`},
		{"not the Deploy CLI's directory", map[string]string{"src/index.js": ""},
			`the directory has none of actions/, action-modules/ and triggers/: give a directory in the Deploy CLI's layout (WriteDir and auth0-actions export write one)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, loadDirProblem(t, tc.files).String())
		})
	}
}

func TestLoadDirDuplicateNamesNameBothFiles(t *testing.T) {
	t.Parallel()
	p := loadDirProblem(t, map[string]string{
		"actions/a.json":        `{"name": "a", "code": "./a.js", "supported_triggers": [{"id": "post-login"}]}`,
		"actions/a-copy.json":   "{\n  \"name\": \"a\", \"code\": \"./a.js\", \"supported_triggers\": [{\"id\": \"post-login\"}]\n}",
		"a.js":                  "x",
		"action-modules/a.json": `{"name": "a", "code": "./a.js"}`, // a module may share an action's name
	})
	assert.Equal(t, actionsync.Problem{File: "actions/a.json", Line: 1, Object: `action "a"`, Field: "name",
		Message: "is also the name in actions/a-copy.json:2: each action needs a name of its own"}, p)
}

func TestLoadDirCollectsEveryProblem(t *testing.T) {
	t.Parallel()
	_, err := actionsync.LoadDir(mapFS(map[string]string{
		"action-modules/m.json":  "{\n  \"name\": \"m\",\n  \"code\": \"./nope.js\",\n  \"dependencies\": {}\n}",
		"actions/a.json":         "{ broken",
		"actions/b.json":         "{\n  \"name\": \"b\",\n  \"code\": 7,\n  \"deployed\": 1\n}",
		"triggers/triggers.json": "{\n  \"post-login\": [{\"action_name\": \"b\", \"extra\": 1}],\n  \"nope\": []\n}",
	}), actionsync.LoadOptions{})
	assert.Equal(t, []string{
		`action-modules/m.json:3: module "m": code: file nope.js does not exist (the path is relative to the directory)`,
		`action-modules/m.json:4: module "m": dependencies: is an object: it should be a list`,
		`actions/a.json:1: invalid JSON: invalid character 'b'`,
		`actions/b.json:1: action "b": supported_triggers: is required: the trigger the action is for, such as [{"id": "post-login", "version": "v3"}]`,
		`actions/b.json:3: action "b": code: is a number: it should be a string`,
		`actions/b.json:4: action "b": deployed: is a number: it should be true or false`,
		`triggers/triggers.json:2: trigger post-login: bindings[0].extra: is not a field of a binding (the fields are action_name, display_name): the Deploy CLI would send it, and Auth0 would refuse it`,
		`triggers/triggers.json:3: trigger nope: is not a trigger this SDK knows (credentials-exchange, custom-email-provider, custom-phone-provider, custom-token-exchange, event-stream, login-post-identifier, mcp-tool, password-hash-migration, password-reset-post-challenge, post-change-password, post-login, post-user-registration, pre-user-registration, send-phone-message, signup-post-identifier): check the spelling, or add it to LoadOptions.ExtraTriggers (auth0-actions: --extra-triggers)`,
	}, problemLines(t, err))
	assert.ErrorContains(t, err, "actionsync: the config has 8 problems: action-modules/m.json:3: ")
}

func TestLoadDirExtraTriggers(t *testing.T) {
	t.Parallel()
	cfg, err := actionsync.LoadDir(mapFS(map[string]string{"triggers/triggers.json": `{"post-logout": []}`}),
		actionsync.LoadOptions{ExtraTriggers: []auth0.TriggerID{"post-logout"}})
	require.NoError(t, err)
	assert.Equal(t, map[auth0.TriggerID][]actionsync.Binding{"post-logout": {}}, cfg.Triggers)
}

func TestLoadDirNeedsAFileSystem(t *testing.T) {
	t.Parallel()
	_, err := actionsync.LoadDir(nil, actionsync.LoadOptions{})
	assert.EqualError(t, err, "actionsync: LoadDir needs a file system (such as os.DirFS(dir))")
	_, err = actionsync.LoadDir(fstest.MapFS{}, actionsync.LoadOptions{Keywords: map[string]any{"": "x"}})
	assert.EqualError(t, err, "actionsync: LoadOptions.Keywords has an empty keyword")
}

// NewPlan's problems with a config LoadDir read name the file and line.
func TestLoadDirPlanProblemsNameTheFile(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	cfg, err := actionsync.LoadDir(mapFS(map[string]string{
		"actions/a.json": `{
  "name": "a",
  "code": "./actions/a/code.js",
  "supported_triggers": [{"id": "post-login", "version": "v3"}],
  "secrets": [
    {"name": "SET", "value": "v"},
    {"name": "KEEP"}
  ],
  "modules": [{"module_name": "nowhere"}],
  "deployed": true
}`,
		"actions/a/code.js": "x",
		"action-modules/m.json": `{
  "name": "m",
  "code": "./m.js",
  "secrets": [{"name": "M_KEEP", "value": "_VALUE_NOT_SHOWN_"}]
}`,
		"m.js": "x",
		"triggers/triggers.json": `{
  "post-login": [
    {"action_name": "a"},
    {"action_name": "ghost", "display_name": "Ghost"}
  ]
}`,
	}), actionsync.LoadOptions{})
	require.NoError(t, err)

	_, err = actionsync.NewPlan(t.Context(), srv.Client(), cfg, actionsync.PlanOptions{})
	assert.Equal(t, []string{
		`triggers/triggers.json:4: trigger post-login: bindings[1].action_name: action "ghost" is neither in the config nor on the tenant`,
		`action-modules/m.json:4: module "m": secrets[0]: secret M_KEEP has no value, and it is created: give its value (a secret without one keeps the tenant's value, which cannot be read back)`,
		`actions/a.json:9: action "a": modules[0].module_name: module "nowhere" is neither in the config nor on the tenant`,
		`actions/a.json:7: action "a": secrets[1]: secret KEEP has no value, and it is created: give its value (a secret without one keeps the tenant's value, which cannot be read back)`,
	}, problemLines(t, err))
	assert.NotContains(t, err.Error(), `"v"`, "a secret's value is never in an error")
	assert.Zero(t, srv.RequestCount(auth0test.RouteActionsNew), "NewPlan only reads")
}

// A secret without a value keeps the tenant's: planning it against an
// action that has it changes nothing, and the create refusal only
// concerns creates.
func TestLoadDirSecretWithoutValueKeepsTheTenants(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	srv.AddAction(auth0.ActionNewParams{Name: "a", Code: auth0.String("x"), Deploy: auth0.Bool(true),
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Secrets:           []auth0.ActionSecretParam{{Name: "KEEP", Value: "tenant's"}}})
	cfg, err := actionsync.LoadDir(mapFS(map[string]string{
		"actions/a.json":    `{"name": "a", "code": "./actions/a/code.js", "supported_triggers": [{"id": "post-login", "version": "v3"}], "secrets": [{"name": "KEEP"}], "deployed": true}`,
		"actions/a/code.js": "x",
	}), actionsync.LoadOptions{})
	require.NoError(t, err)
	plan, err := actionsync.NewPlan(t.Context(), srv.Client(), cfg, actionsync.PlanOptions{})
	require.NoError(t, err)
	assert.False(t, plan.HasChanges(), "%s", plan)
}

// A problem found before the reads names the file too, and a config built
// in code has problems without one.
func TestLoadDirPlanProblemsBeforeTheReads(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	cfg, err := actionsync.LoadDir(mapFS(map[string]string{
		"actions/a.json":         "{\n  \"name\": \"a\",\n  \"code\": \"./a.js\",\n  \"supported_triggers\": [{\"id\": \"pre-user-registration\"}]\n}",
		"a.js":                   "x",
		"triggers/triggers.json": "{\n  \"post-login\": [\n    {\"action_name\": \"a\"}\n  ]\n}",
	}), actionsync.LoadOptions{})
	require.NoError(t, err)
	_, err = actionsync.NewPlan(t.Context(), srv.Client(), cfg, actionsync.PlanOptions{})
	var ce *actionsync.ConfigError
	require.True(t, errors.As(err, &ce))
	require.NotEmpty(t, ce.Problems)
	assert.Equal(t, "triggers/triggers.json", ce.Problems[0].File)
	assert.Equal(t, 3, ce.Problems[0].Line)
	assert.Zero(t, srv.RequestCount(auth0test.RouteAny), "refused before any request")

	cfg.Actions = append(cfg.Actions, actionsync.Action{Name: "built-in-code"}) // no file: no place
	_, err = actionsync.NewPlan(t.Context(), srv.Client(), cfg, actionsync.PlanOptions{})
	require.True(t, errors.As(err, &ce))
	for _, p := range ce.Problems {
		if p.Object == `action "built-in-code"` {
			assert.Empty(t, p.File)
		}
	}
}
