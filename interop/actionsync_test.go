package interop

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// The Deploy CLI and actionsync read and write each other's files (issue
// 21's proof): a directory that actionsync.WriteDir wrote imports with the
// Deploy CLI into a fresh fake, and the tenant is then the config; the
// Deploy CLI's export of that tenant, as a directory and as a YAML file,
// loads with actionsync.LoadDir and LoadYAML and plans with no changes
// against it.

// The secrets' values. WriteDir writes secrets by name only (values never
// go into a repository); the files get them back as Deploy CLI keywords,
// which its config maps, as a Deploy CLI user keeps secrets.
var secretValues = map[string]string{
	"API_KEY":     "module-api-key-5f2c",
	"AUDIT_TOKEN": "audit-token-91ab",
	"TOKEN":       "action-token-77d0",
	"WEBHOOK_URL": "https://hooks.example.com/password?x=1&y=2",
}

// interopConfig is a config with what the Deploy CLI's files can say: two
// modules (one with dependencies and a secret), actions on three triggers
// that use them by name and version number, with dependencies, secrets and
// runtimes, one action left undeployed, and the bindings of three
// trigger-bound triggers in order, with display names (one without, which
// WriteDir writes as the action's name), and a fourth trigger listed
// empty.
func interopConfig() *actionsync.Config {
	postLogin := []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}
	secret := func(names ...string) []auth0.ActionSecretParam {
		out := make([]auth0.ActionSecretParam, len(names))
		for i, n := range names {
			out[i] = auth0.ActionSecretParam{Name: n, Value: secretValues[n]}
		}
		return out
	}
	// Each reference names version 1, the version the Deploy CLI
	// publishes on import (WriteDir writes "all_changes_published": true
	// in each module's file for it to do so). The version number is the
	// workaround for the Deploy CLI's one refusal of these files: its
	// schema requires module_version_number in every reference, and
	// WriteDir leaves it out of a reference that has none (for actionsync
	// that means "the version this apply publishes, or else the latest").
	// Without it, 8.44.0 stops before any write, after its 13 s of
	// validation: "Schema validation failed loading [{"keyword":
	// "required", "dataPath": ".actions[0].modules[0]", … "message":
	// "should have required property 'module_version_number'"}]" (seen
	// once by hand; not run here, to keep the 14 s out of CI). Export's
	// references always carry the number, so auth0-actions export writes
	// files the Deploy CLI imports.
	use := func(names ...string) []auth0.ActionModuleReference {
		out := make([]auth0.ActionModuleReference, len(names))
		for i, n := range names {
			out[i] = auth0.ActionModuleReference{ModuleName: n, ModuleVersionNumber: 1}
		}
		return out
	}
	return &actionsync.Config{
		Modules: []actionsync.Module{
			{Name: "shared-utils", Code: "const _ = require('lodash');\nmodule.exports = {\n  roles: (u) => _.uniq(u.app_metadata?.roles ?? []),\n  apiKey: () => process.env.API_KEY,\n};\n",
				Dependencies: []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}},
				Secrets:      secret("API_KEY")},
			{Name: "audit-log", Code: "module.exports = {\n  log: (event, what) => console.log(JSON.stringify({ user: event.user?.user_id, what })),\n};\n",
				Dependencies: []auth0.ActionModuleDependency{},
				Secrets:      secret("AUDIT_TOKEN")},
		},
		Actions: []actionsync.Action{
			{Name: "add-roles", Runtime: "node22", SupportedTriggers: postLogin, Deployed: true,
				Code:         "const { roles } = require('actions:shared-utils');\nexports.onExecutePostLogin = async (event, api) => {\n  api.idToken.setCustomClaim('https://example.com/roles', roles(event.user));\n};\n",
				Dependencies: []auth0.ActionDependency{{Name: "axios", Version: "1.7.9"}},
				Secrets:      secret("TOKEN"),
				Modules:      use("shared-utils")},
			{Name: "greet", SupportedTriggers: postLogin, Deployed: true,
				Code:    "const audit = require('actions:audit-log');\nexports.onExecutePostLogin = async (event) => {\n  audit.log(event, \"hello, \\\"world\\\" — ünïcode\");\n};\n",
				Modules: use("audit-log", "shared-utils")},
			{Name: "block-disposable", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPreUserRegistration, Version: "v2"}}, Deployed: true,
				Code:    "const audit = require('actions:audit-log');\nexports.onExecutePreUserRegistration = async (event, api) => {\n  if (event.user.email?.endsWith('@mailinator.com')) api.access.deny('disposable', 'Use another e-mail.');\n};\n",
				Modules: use("audit-log")},
			{Name: "notify-password-change", Runtime: "node22", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostChangePassword, Version: "v2"}}, Deployed: true,
				Code:    "exports.onExecutePostChangePassword = async (event) => {\n  await fetch(event.secrets.WEBHOOK_URL, { method: 'POST' });\n};\n",
				Secrets: secret("WEBHOOK_URL")},
			// A draft, never deployed: the Deploy CLI creates it and leaves
			// it, as actionsync does with deployed: false.
			{Name: "draft-only", SupportedTriggers: postLogin,
				Code:    "exports.onExecutePostLogin = async () => {};\n",
				Modules: use("shared-utils")},
		},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{
			auth0.TriggerPostLogin:           {{ActionName: "greet", DisplayName: "Say hello"}, {ActionName: "add-roles", DisplayName: "Add roles to the ID token"}},
			auth0.TriggerPreUserRegistration: {{ActionName: "block-disposable", DisplayName: "Block disposable e-mail"}},
			auth0.TriggerPostChangePassword:  {{ActionName: "notify-password-change"}},
			auth0.TriggerCredentialsExchange: {},
		},
	}
}

// secretKeywords maps the secrets' keywords.
func secretKeywords() map[string]string { return secretValues }

// addSecretKeywords gives each secret of the module and action files
// WriteDir wrote the value "##NAME##", the Deploy CLI's keyword of its
// name, as a Deploy CLI user writes a secret. This is the workaround for
// the Deploy CLI's limit with secrets: it sends what the file says, and a
// file of WriteDir's (or of the Deploy CLI's own export) has no values,
// since the API never returns them. A module secret without a value is a
// 400 "Missing required property: value" (Auth0's document requires it,
// and the fake holds the Deploy CLI to that); an action secret without one
// would be created empty. WriteDir is right not to write values; a
// repository keeps the keyword lines, which auth0-actions reads the same
// way (LoadOptions.Keywords, AUTH0_KEYWORD_REPLACE_MAPPINGS), and which
// WriteDir (auth0-actions export) would drop again on the next export.
func addSecretKeywords(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	for _, kind := range []string{"actions", "action-modules"} {
		files, err := filepath.Glob(filepath.Join(dir, kind, "*.json"))
		require.NoError(t, err)
		for _, f := range files {
			var obj map[string]any
			readJSON(t, f, &obj)
			secrets, _ := obj["secrets"].([]any)
			for _, s := range secrets {
				s := s.(map[string]any)
				require.Nil(t, s["value"], "WriteDir wrote a secret's value in %s", f)
				s["value"] = "##" + s["name"].(string) + "##"
				n++
			}
			if len(secrets) > 0 {
				writeJSON(t, f, obj)
			}
		}
	}
	return n
}

// TestDeployCLIImportsWriteDir: the Deploy CLI imports a directory that
// WriteDir wrote, and the tenant is the config; the Deploy CLI then
// exports it as a directory and as a YAML file, and LoadDir and LoadYAML
// read each export into a config that plans with no changes against the
// tenant it came from. Three runs of a0deploy (an import, two exports).
func TestDeployCLIImportsWriteDir(t *testing.T) {
	bin := requireDeployCLI(t)
	t.Parallel()
	cfg := interopConfig()
	// Builds finish at once (the round trip tests the Deploy CLI's retry
	// of a deploy while building), so the import takes only the Deploy
	// CLI's own time: its start, and the 2 s it sleeps before binding.
	cli := newFake(t, bin, secretKeywords())
	srv := cli.srv
	ctx := t.Context()

	// 1. WriteDir, then the Deploy CLI's import of it.
	in := filepath.Join(cli.dir, "repo")
	require.NoError(t, actionsync.WriteDir(in, cfg))
	assert.Equal(t, 4, addSecretKeywords(t, in), "secrets given values as keywords")
	out, took := cli.importDir(t, in)
	reqs := srv.Requests()
	srv.ResetRequests()
	checkAnswers(t, "import", srv, reqs)
	require.Contains(t, out, "Import Successful")
	t.Logf("import: %s, %d requests: %s", took.Round(1e6), len(reqs), countByRoute(reqs))

	checkTenantIsConfig(t, srv, cfg)
	checkSecretValuesSent(t, reqs)
	// And by actionsync's own reckoning: the config plans with no changes.
	client := srv.Client()
	plan, err := actionsync.NewPlan(ctx, client, cfg, actionsync.PlanOptions{})
	require.NoError(t, err)
	assert.False(t, plan.HasChanges(), "after the Deploy CLI's import, the config plans:\n%s", plan)
	srv.ResetRequests()

	// 2. The Deploy CLI's export as a directory: LoadDir, then NewPlan
	// against the tenant it came from. No keyword and no fix is needed:
	// the read-only fields the export writes (status,
	// all_changes_published, latest_version_number,
	// actions_using_module_total) are ignored by LoadDir, its secrets
	// without values mean "keep the tenant's", and its module references
	// carry the version numbers the tenant has.
	t.Run("directory export plans with no changes", func(t *testing.T) {
		dir := filepath.Join(cli.dir, "export-directory")
		out, took := cli.export(t, "directory", dir)
		require.Contains(t, out, "Export Successful")
		t.Logf("export: %s", took.Round(1e6))
		got, err := actionsync.LoadDir(os.DirFS(dir), actionsync.LoadOptions{})
		require.NoError(t, err)
		assert.Empty(t, got.Skipped, "the export has only actions, action-modules and triggers")
		checkLoadedExport(t, got, cfg)
		checkPlansClean(t, srv, got)
	})

	// 3. The same for the YAML export (tenant.yaml, with the code files
	// beside it): LoadYAML, then NewPlan.
	t.Run("YAML export plans with no changes", func(t *testing.T) {
		dir := filepath.Join(cli.dir, "export-yaml")
		out, took := cli.export(t, "yaml", dir)
		require.Contains(t, out, "Export Successful")
		t.Logf("export: %s", took.Round(1e6))
		got, err := actionsync.LoadYAML(os.DirFS(dir), "tenant.yaml", actionsync.LoadOptions{})
		require.NoError(t, err)
		assert.Empty(t, got.Skipped, "the export has only actions, actionModules and triggers")
		checkLoadedExport(t, got, cfg)
		checkPlansClean(t, srv, got)
	})
}

// checkPlansClean plans cfg against the fake: no changes, and only reads.
func checkPlansClean(t *testing.T, srv *auth0test.Server, cfg *actionsync.Config) {
	t.Helper()
	srv.ResetRequests()
	plan, err := actionsync.NewPlan(t.Context(), srv.Client(), cfg, actionsync.PlanOptions{})
	require.NoError(t, err)
	assert.False(t, plan.HasChanges(), "the export plans changes against the tenant it came from:\n%s", plan)
	for _, r := range srv.Requests() {
		assert.Equal(t, "GET", r.Method, "NewPlan wrote: %s %s", r.Method, r.Path)
	}
}

// checkTenantIsConfig checks the fake's state against cfg, object by
// object, without actionsync: each module's draft, its one published
// version (with the draft's code, dependencies and secrets); each action's
// draft (code, runtime, triggers, dependencies, secrets by name, module
// references by name and version), and, for a deployed one, its version 1
// with the same code and modules; each trigger's bindings in order, with
// their display names.
func checkTenantIsConfig(t *testing.T, srv *auth0test.Server, cfg *actionsync.Config) {
	t.Helper()
	mods := map[string]auth0.ActionModule{}
	for _, m := range srv.Modules() {
		mods[m.Name] = m
	}
	assert.Len(t, mods, len(cfg.Modules), "modules on the tenant")
	for _, want := range cfg.Modules {
		m, ok := mods[want.Name]
		if !assert.True(t, ok, "module %s was not created", want.Name) {
			continue
		}
		assert.Equal(t, want.Code, m.Code, "module %s: code", want.Name)
		assert.Equal(t, depNames(want.Dependencies), depNames(m.Dependencies), "module %s: dependencies", want.Name)
		assert.Equal(t, paramNames(want.Secrets), secretNames(m.Secrets), "module %s: secrets", want.Name)
		assert.True(t, m.AllChangesPublished, "module %s: all changes published", want.Name)
		versions := srv.ModuleVersions(m.ID)
		if assert.Len(t, versions, 1, "module %s: versions", want.Name) {
			v := versions[0]
			assert.Equal(t, 1, v.VersionNumber, "module %s", want.Name)
			assert.Equal(t, want.Code, v.Code, "module %s version 1: code", want.Name)
			assert.Equal(t, depNames(want.Dependencies), depNames(v.Dependencies), "module %s version 1: dependencies", want.Name)
		}
	}

	acts := map[string]auth0.Action{}
	for _, a := range srv.Actions() {
		acts[a.Name] = a
	}
	assert.Len(t, acts, len(cfg.Actions), "actions on the tenant")
	for _, want := range cfg.Actions {
		a, ok := acts[want.Name]
		if !assert.True(t, ok, "action %s was not created", want.Name) {
			continue
		}
		assert.Equal(t, want.Code, a.Code, "action %s: code", want.Name)
		if want.Runtime != "" {
			assert.Equal(t, want.Runtime, a.Runtime, "action %s: runtime", want.Name)
		}
		assert.Equal(t, want.SupportedTriggers, a.SupportedTriggers, "action %s: triggers", want.Name)
		assert.Equal(t, actionDepNames(want.Dependencies), actionDepNames(a.Dependencies), "action %s: dependencies", want.Name)
		assert.Equal(t, paramNames(want.Secrets), secretNames(a.Secrets), "action %s: secrets", want.Name)
		assert.Equal(t, refNames(want.Modules), refNames(a.Modules), "action %s: modules", want.Name)
		versions := srv.Versions(a.ID)
		if !want.Deployed {
			assert.Nil(t, a.DeployedVersion, "action %s is not to be deployed", want.Name)
			assert.Empty(t, versions, "action %s: versions", want.Name)
			continue
		}
		assert.True(t, a.AllChangesDeployed, "action %s: all changes deployed", want.Name)
		if assert.NotNil(t, a.DeployedVersion, "action %s: deployed", want.Name) && assert.Len(t, versions, 1, "action %s: versions", want.Name) {
			v := a.DeployedVersion
			assert.Equal(t, 1, v.Number, "action %s: deployed version", want.Name)
			assert.Equal(t, want.Code, v.Code, "action %s: deployed code", want.Name)
			assert.Equal(t, refNames(want.Modules), refNames(v.Modules), "action %s: deployed modules", want.Name)
		}
	}

	for trigger, want := range cfg.Triggers {
		var got, wantNames []string
		for _, b := range srv.Bindings(trigger) {
			got = append(got, b.Action.Name+" / "+b.DisplayName)
		}
		for _, b := range want {
			wantNames = append(wantNames, b.ActionName+" / "+cmpOr(b.DisplayName, b.ActionName))
		}
		assert.Equal(t, wantNames, got, "bindings of %s, in order", trigger)
	}
}

// checkSecretValuesSent checks that each secret's value reached the fake,
// from the keyword its file held: in the body of the create of its module
// or action.
func checkSecretValuesSent(t *testing.T, reqs []auth0test.Request) {
	t.Helper()
	sent := map[string]string{}
	for _, r := range reqs {
		if r.Route != auth0test.RouteModulesNew && r.Route != auth0test.RouteActionsNew {
			continue
		}
		var body struct {
			Secrets []struct{ Name, Value string } `json:"secrets"`
		}
		require.NoError(t, json.Unmarshal(r.Body, &body), "%s %s", r.Method, r.Path)
		for _, s := range body.Secrets {
			sent[s.Name] = s.Value
		}
	}
	assert.Equal(t, secretValues, sent, "the secrets' values the creates sent")
}

// checkLoadedExport compares what LoadDir or LoadYAML read from the Deploy
// CLI's export with the config the tenant was made from: the same modules
// and actions, code and module references, and the same bindings, but for
// the secrets' values (the API never returns them: the export has names
// only, which mean "keep the tenant's") and the trigger listed empty (the
// export leaves out triggers without bindings, which leaves them alone).
func checkLoadedExport(t *testing.T, got, want *actionsync.Config) {
	t.Helper()
	type module struct{ Code, Deps, Secrets string }
	type action struct {
		Code, Runtime, Triggers, Deps, Secrets, Modules string
		Deployed                                        bool
	}
	modules := func(c *actionsync.Config) map[string]module {
		out := map[string]module{}
		for _, m := range c.Modules {
			out[m.Name] = module{m.Code, depNames(m.Dependencies), paramNames(m.Secrets)}
		}
		return out
	}
	actions := func(c *actionsync.Config, runtimes bool) map[string]action {
		out := map[string]action{}
		for _, a := range c.Actions {
			rt := a.Runtime
			if !runtimes {
				rt = ""
			}
			out[a.Name] = action{a.Code, rt, fmt.Sprint(a.SupportedTriggers), actionDepNames(a.Dependencies), paramNames(a.Secrets), refNames(a.Modules), a.Deployed}
		}
		return out
	}
	assert.Equal(t, modules(want), modules(got), "modules")
	// The export writes every action's runtime; the config names two.
	gotActions := actions(got, true)
	for name, a := range actions(want, true) {
		if a.Runtime == "" {
			g := gotActions[name]
			g.Runtime = ""
			gotActions[name] = g
		}
	}
	assert.Equal(t, actions(want, true), gotActions, "actions")
	for _, a := range got.Actions {
		for _, s := range a.Secrets {
			assert.Empty(t, s.Value, "action %s: secret %s has a value in the export", a.Name, s.Name)
		}
	}
	wantTriggers := map[auth0.TriggerID][]actionsync.Binding{}
	for trigger, bs := range want.Triggers {
		if len(bs) == 0 {
			continue
		}
		for _, b := range bs {
			b.DisplayName = cmpOr(b.DisplayName, b.ActionName)
			wantTriggers[trigger] = append(wantTriggers[trigger], b)
		}
	}
	assert.Equal(t, wantTriggers, got.Triggers, "triggers")
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func depNames(deps []auth0.ActionModuleDependency) string {
	out := make([]string, len(deps))
	for i, d := range deps {
		out[i] = d.Name + "@" + d.Version
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

func actionDepNames(deps []auth0.ActionDependency) string {
	out := make([]string, len(deps))
	for i, d := range deps {
		out[i] = d.Name + "@" + d.Version
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

func paramNames(secrets []auth0.ActionSecretParam) string {
	out := make([]string, len(secrets))
	for i, s := range secrets {
		out[i] = s.Name
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

func secretNames[S auth0.ActionSecret | auth0.ActionModuleSecret](secrets []S) string {
	out := make([]string, len(secrets))
	for i, s := range secrets {
		switch s := any(s).(type) {
		case auth0.ActionSecret:
			out[i] = s.Name
		case auth0.ActionModuleSecret:
			out[i] = s.Name
		}
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

func refNames(refs []auth0.ActionModuleReference) string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = fmt.Sprintf("%s@%d", r.ModuleName, r.ModuleVersionNumber)
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}
