package actionsync_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// dirFiles reads every file under dir, by slash-separated path.
func dirFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	}))
	return out
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func writeDirConfig() *actionsync.Config {
	return &actionsync.Config{
		Modules: []actionsync.Module{{
			Name: "shared-utils", Code: "module.exports = { a: '<&>' };\n",
			Dependencies: []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}},
			Secrets:      []auth0.ActionSecretParam{{Name: "API_KEY", Value: "super-secret-value"}},
		}},
		Actions: []actionsync.Action{
			{
				Name: "greet", Code: "// greet", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin}},
			},
			{
				Name: "add-roles", Code: "exports.onExecutePostLogin = async () => {};\n", Runtime: "node22", Deployed: true,
				SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
				Dependencies:      []auth0.ActionDependency{{Name: "axios", Version: "1.6.0", RegistryURL: "https://npm.example.com"}},
				Secrets:           []auth0.ActionSecretParam{{Name: "TOKEN", Value: "another-secret-value"}, {Name: "KEEP"}},
				Modules:           []auth0.ActionModuleReference{{ModuleName: "shared-utils"}, {ModuleName: "other", ModuleVersionNumber: 2}},
			},
		},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{
			auth0.TriggerPreUserRegistration: {},
			auth0.TriggerPostLogin:           {{ActionName: "add-roles", DisplayName: "Add roles"}, {ActionName: "greet"}},
		},
	}
}

func TestWriteDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, actionsync.WriteDir(dir, writeDirConfig()))

	files := dirFiles(t, dir)
	assert.Equal(t, map[string]string{
		"action-modules/shared-utils.json": `{
  "name": "shared-utils",
  "code": "./action-modules/shared-utils/code.js",
  "dependencies": [
    {
      "name": "lodash",
      "version": "4.17.21"
    }
  ],
  "secrets": [
    {
      "name": "API_KEY"
    }
  ],
  "all_changes_published": true
}
`,
		"action-modules/shared-utils/code.js": "module.exports = { a: '<&>' };\n",
		"actions/add-roles.json": `{
  "name": "add-roles",
  "code": "./actions/add-roles/code.js",
  "runtime": "node22",
  "dependencies": [
    {
      "name": "axios",
      "version": "1.6.0",
      "registry_url": "https://npm.example.com"
    }
  ],
  "secrets": [
    {
      "name": "TOKEN"
    },
    {
      "name": "KEEP"
    }
  ],
  "supported_triggers": [
    {
      "id": "post-login",
      "version": "v3"
    }
  ],
  "deployed": true,
  "modules": [
    {
      "module_name": "shared-utils"
    },
    {
      "module_name": "other",
      "module_version_number": 2
    }
  ]
}
`,
		"actions/add-roles/code.js": "exports.onExecutePostLogin = async () => {};\n",
		"actions/greet.json": `{
  "name": "greet",
  "code": "./actions/greet/code.js",
  "supported_triggers": [
    {
      "id": "post-login"
    }
  ],
  "deployed": false
}
`,
		"actions/greet/code.js": "// greet",
		"triggers/triggers.json": `{
  "post-login": [
    {
      "action_name": "add-roles",
      "display_name": "Add roles"
    },
    {
      "action_name": "greet",
      "display_name": "greet"
    }
  ],
  "pre-user-registration": []
}
`,
	}, files)
	for name, text := range files {
		assert.NotContains(t, text, "secret-value", "%s holds a secret's value", name)
	}
}

// LoadDir reads back what WriteDir wrote: the same config, nil and empty
// lists apart, without the secrets' values.
func TestWriteDirLoadDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := writeDirConfig()
	require.NoError(t, actionsync.WriteDir(dir, cfg))
	got, err := actionsync.LoadDir(os.DirFS(dir), actionsync.LoadOptions{})
	require.NoError(t, err)

	want := writeDirConfig()
	want.Modules[0].Secrets[0].Value = ""
	want.Actions[1].Secrets[0].Value = ""
	want.Actions[0], want.Actions[1] = want.Actions[1], want.Actions[0] // by file name
	want.Triggers[auth0.TriggerPostLogin][1].DisplayName = "greet"
	assert.Equal(t, want.Modules, got.Modules)
	assert.Equal(t, want.Actions, got.Actions)
	assert.Equal(t, want.Triggers, got.Triggers)
	assert.Empty(t, got.Skipped)
}

func TestWriteDirFileNames(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", 124) + "a?" // 250 bytes: <name>.json is 255
	for _, tc := range []struct{ name, file string }{
		{"plain name", "plain name"},
		{`a/b\c:d*e?f"g<h>i|j`, "a-b-c-d-e-f-g-h-i-j"},
		{"tab\there\x7f\u0085", "tab-here\x7f-"},
		{"..", "-"},
		{"con", "-"},
		{"LPT1.json", "-"},
		{"console", "console"},
		{"trailing. .", "trailing-"},
		{long, strings.Repeat("é", 124) + "a-"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			cfg := &actionsync.Config{Actions: []actionsync.Action{{Name: tc.name, Code: "x", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin}}}}}
			require.NoError(t, actionsync.WriteDir(dir, cfg))
			b, err := os.ReadFile(filepath.Join(dir, "actions", tc.file+".json"))
			require.NoError(t, err)
			assert.Contains(t, string(b), `"code": "./actions/`+tc.file+`/code.js"`)
			got, err := actionsync.LoadDir(os.DirFS(dir), actionsync.LoadOptions{})
			require.NoError(t, err)
			assert.Equal(t, tc.name, got.Actions[0].Name, "the name is in the file, whatever the file's name")
		})
	}
}

func TestWriteDirRefusesCollisions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	act := func(name string) actionsync.Action {
		return actionsync.Action{Name: name, Code: "x", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin}}}
	}
	err := actionsync.WriteDir(dir, &actionsync.Config{
		Actions: []actionsync.Action{act("a/b"), act("a-b"), act("Roles"), act("roles"), act(""), act("x"), act("x"), act(strings.Repeat("é", 126)),
			{Name: "by-id", Code: "x", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin}}, Modules: []auth0.ActionModuleReference{{ModuleID: "m-1"}}}},
		Modules:  []actionsync.Module{{Name: "a-b"}}, // modules are apart from actions
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {{}}},
	})
	assert.Equal(t, []string{
		`action "a-b": name: would be written to actions/a-b.json, as action "a/b" would (file names are made safe as the Deploy CLI makes them, and compared ignoring case): rename one of them`,
		`action "roles": name: would be written to actions/roles.json, as action "Roles" would (file names are made safe as the Deploy CLI makes them, and compared ignoring case): rename one of them`,
		`actions[4]: name: is required`,
		`action "x": name: is used by two actions of the config`,
		`action "` + strings.Repeat("é", 126) + `": name: is 252 bytes long: actions/<name>.json would be too long a file name (255 bytes at most), as for the Deploy CLI: shorten it`,
		`action "by-id": modules[0]: references a module by ID only (m-1): files reference modules by module_name`,
		`trigger post-login: bindings[0].action_name: is required`,
	}, problemLines(t, err))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing is written when the config has a problem")
}

// Writing again makes the directory hold exactly the new config: the files
// of objects no longer in it go, other files stay, and files whose content
// is right are not rewritten.
func TestWriteDirAgain(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, actionsync.WriteDir(dir, writeDirConfig()))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "actions", "greet", "notes.md"), []byte("mine"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "triggers", "old.json"), []byte("{}"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte("mine"), 0o644))
	keep := filepath.Join(dir, "actions", "add-roles.json")
	before, err := os.Stat(keep)
	require.NoError(t, err)

	cfg := writeDirConfig()
	cfg.Actions = cfg.Actions[1:] // greet is gone
	cfg.Modules = nil
	require.NoError(t, actionsync.WriteDir(dir, cfg))

	assert.Equal(t, []string{
		"README.md",
		"actions/add-roles.json",
		"actions/add-roles/code.js",
		"actions/greet/notes.md",
		"triggers/triggers.json",
	}, keys(dirFiles(t, dir)))
	after, err := os.Stat(keep)
	require.NoError(t, err)
	assert.True(t, os.SameFile(before, after), "an unchanged file is not replaced")
	got, err := actionsync.LoadDir(os.DirFS(dir), actionsync.LoadOptions{})
	require.NoError(t, err)
	assert.Len(t, got.Actions, 1)
	assert.Empty(t, got.Modules)
}

// A failure leaves no half-written file: each file is whole, old or new,
// and no temporary file is left behind.
func TestWriteDirFailureLeavesNoHalfWrittenFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, actionsync.WriteDir(dir, writeDirConfig()))
	// actions/greet.json cannot be replaced: a directory stands in its way.
	require.NoError(t, os.Remove(filepath.Join(dir, "actions", "greet.json")))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "actions", "greet.json"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "actions", "greet.json", "x"), []byte("x"), 0o644))

	cfg := writeDirConfig()
	cfg.Actions[1].Code = "// add-roles v2\n"
	err := actionsync.WriteDir(dir, cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "actionsync: WriteDir: ")

	files := dirFiles(t, dir)
	for name := range files {
		assert.NotContains(t, name, ".tmp", "a temporary file was left behind")
	}
	assert.Equal(t, "// add-roles v2\n", files["actions/add-roles/code.js"], "files before the failure are written whole")
	assert.Contains(t, files["triggers/triggers.json"], `"post-login"`, "files after the failure keep their old content, whole")
}

func TestWriteDirNeedsAConfig(t *testing.T) {
	t.Parallel()
	assert.EqualError(t, actionsync.WriteDir(t.TempDir(), nil), "actionsync: WriteDir needs a config")
	assert.EqualError(t, actionsync.WriteDir("", &actionsync.Config{}), "actionsync: WriteDir needs a directory")
}

// The round trip of the issue: Export, WriteDir, LoadDir, then NewPlan on
// the same tenant has no changes — with modules (one at its second
// version), actions using them (one pinned to the first version),
// secrets, dependencies, an action whose draft is not deployed, and
// bindings with display names on two triggers.
func TestExportWriteDirLoadDirRoundTrip(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	client := srv.Client()
	ctx := t.Context()
	v3 := []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}
	cfg := &actionsync.Config{
		Modules: []actionsync.Module{
			{Name: "shared-utils", Code: "module.exports = { v: 1 };", Dependencies: []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}},
				Secrets: []auth0.ActionSecretParam{{Name: "API_KEY", Value: "k-1"}}},
			{Name: "notify", Code: "module.exports = {};"},
		},
		Actions: []actionsync.Action{
			{Name: "add-roles", Code: "// add-roles", SupportedTriggers: v3, Deployed: true, Runtime: "node22",
				Dependencies: []auth0.ActionDependency{{Name: "axios", Version: "1.6.0"}},
				Secrets:      []auth0.ActionSecretParam{{Name: "TOKEN", Value: "t-1"}},
				Modules:      []auth0.ActionModuleReference{{ModuleName: "shared-utils"}, {ModuleName: "notify"}}},
			{Name: "greet", Code: "// greet", SupportedTriggers: v3, Deployed: true},
			{Name: "gate", Code: "// gate", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPreUserRegistration, Version: "v2"}}, Deployed: true},
		},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{
			auth0.TriggerPostLogin:           {{ActionName: "greet", DisplayName: "Say hello"}, {ActionName: "add-roles", DisplayName: "Add roles"}},
			auth0.TriggerPreUserRegistration: {{ActionName: "gate"}},
		},
	}
	apply := func(cfg *actionsync.Config) {
		plan, err := actionsync.NewPlan(ctx, client, cfg, actionsync.PlanOptions{})
		require.NoError(t, err)
		_, err = actionsync.Apply(ctx, client, plan, actionsync.ApplyOptions{})
		require.NoError(t, err)
	}
	apply(cfg)
	// shared-utils gets a version 2; greet stays on version 1 of it.
	cfg.Modules[0].Code = "module.exports = { v: 2 };"
	cfg.Actions[1].Modules = []auth0.ActionModuleReference{{ModuleName: "shared-utils", ModuleVersionNumber: 1}}
	apply(cfg)
	// A draft that is not deployed.
	srv.AddAction(auth0.ActionNewParams{Name: "draft-only", Code: auth0.String("// draft"), SupportedTriggers: v3})

	exported, err := actionsync.Export(ctx, client)
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, actionsync.WriteDir(dir, exported))
	loaded, err := actionsync.LoadDir(os.DirFS(dir), actionsync.LoadOptions{})
	require.NoError(t, err)

	plan, err := actionsync.NewPlan(ctx, client, loaded, actionsync.PlanOptions{})
	require.NoError(t, err)
	assert.False(t, plan.HasChanges(), "%s", plan)
	assert.Equal(t, actionsync.Unchanged{Modules: 2, Actions: 4, Triggers: 2}, plan.Unchanged)

	files := dirFiles(t, dir)
	assert.Contains(t, files["actions/greet.json"], "\"module_name\": \"shared-utils\",\n      \"module_version_number\": 1")
	assert.Contains(t, files["actions/draft-only.json"], `"deployed": false`)
	assert.Contains(t, files["triggers/triggers.json"], `"display_name": "Say hello"`)
	for name, text := range files {
		assert.NotContains(t, text, "k-1", name)
		assert.NotContains(t, text, "t-1", name)
	}
}
