package actionsync_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// The Deploy CLI's own examples (testdata/deploycli, copied verbatim; see
// its SOURCE.md) load, plan and apply on the fake, and plan again with no
// changes, once the fixes listed in SOURCE.md are made. The fixes are
// made here, in memory, so that the copy stays as shipped and each fix
// shows why it is needed.

// fix is one change to an example file: old must be in it exactly once.
type fix struct{ file, old, new string }

var (
	// fixCodePath: the directory handler resolves code against the
	// directory, where "directory/actions/…" does not exist.
	fixCodePath = fix{"actions/action-example.json",
		`"code": "directory/actions/action-example/code.js"`, `"code": "./actions/action-example/code.js"`}
	// fixSecretValue: "_VALUE_NOT_SHOWN_" is no value; the value comes
	// from a keyword instead.
	fixSecretValue = fix{"actions/action-example.json", `"value": "_VALUE_NOT_SHOWN_"`, `"value": "##MY_SECRET##"`}
	// fixUnknownAction: ldoorz is not an action of the example.
	fixUnknownAction = fix{"triggers/triggers.json",
		"\"send-phone-message\": [\n    {\n      \"action_name\": \"ldoorz\",\n      \"display_name\": \"ldoorz\"\n    }\n  ],",
		`"send-phone-message": [],`}
	// fixTriggerList: login-post-identifier and signup-post-identifier are
	// not in the live trigger list (2026-08), so a plan refuses them.
	fixTriggerList = fix{"triggers/triggers.json",
		",\n  \"login-post-identifier\": [],\n  \"signup-post-identifier\": []\n}", "\n}"}

	yamlFixSecretValue = fix{"tenant.yaml", "value: _VALUE_NOT_SHOWN_", `value: "##MY_SECRET##"`}
	yamlFixTriggerList = fix{"tenant.yaml", "  login-post-identifier: []\n  signup-post-identifier: []\n", ""}
)

// exampleFS copies an example folder into memory and makes the fixes.
func exampleFS(t *testing.T, dir string, fixes ...fix) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	src := os.DirFS(path.Join("testdata/deploycli", dir))
	require.NoError(t, fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(src, p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	}))
	for _, f := range fixes {
		text := string(fsys[f.file].Data)
		require.Equal(t, 1, strings.Count(text, f.old), "fix of %s: %q", f.file, f.old)
		fsys[f.file] = &fstest.MapFile{Data: []byte(strings.Replace(text, f.old, f.new, 1))}
	}
	return fsys
}

// exampleKeywords are the AUTH0_KEYWORD_REPLACE_MAPPINGS of the example's
// config.json.example, and MY_SECRET for fixSecretValue.
func exampleKeywords(t *testing.T, dir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path.Join("testdata/deploycli", dir, "config.json.example"))
	require.NoError(t, err)
	var config struct {
		Mappings json.RawMessage `json:"AUTH0_KEYWORD_REPLACE_MAPPINGS"`
	}
	require.NoError(t, json.Unmarshal(b, &config))
	kw, err := actionsync.ParseKeywordMappings(config.Mappings)
	require.NoError(t, err)
	require.Contains(t, kw, "JWT_SECRET")
	kw["MY_SECRET"] = "my-secret-value"
	return kw
}

// exampleClient is a client of the fake with quick polls.
func exampleClient(srv *auth0test.Server) *auth0.Client {
	return srv.Client(option.WithPollInterval(time.Millisecond, 5*time.Millisecond))
}

func TestDeployCLIExampleDirectoryAsShipped(t *testing.T) {
	t.Parallel()
	_, err := actionsync.LoadDir(exampleFS(t, "directory"), actionsync.LoadOptions{})
	assert.Equal(t, []string{
		`action-modules/auth-helper.json:17: module "auth-helper": secrets[0].value: secret JWT_SECRET: its value still holds keyword JWT_SECRET (##JWT_SECRET##), which no mapping replaced: add it to the keywords (LoadOptions.Keywords; with auth0-actions, --keywords FILE.json or AUTH0_KEYWORD_REPLACE_MAPPINGS): a placeholder is never sent as a secret`,
		`actions/action-example.json:3: action "action-example": code: file directory/actions/action-example/code.js does not exist (the path is relative to the directory); actions/action-example/code.js does: set code to ./actions/action-example/code.js`,
	}, problemLines(t, err), "without the config file's keywords, and with the wrong code path")

	// With the code path fixed, it loads; the plan then refuses the
	// binding of an action the example does not have, and the secret
	// whose value is the Deploy CLI's marker, naming file and line.
	cfg, err := actionsync.LoadDir(exampleFS(t, "directory", fixCodePath), actionsync.LoadOptions{Keywords: exampleKeywords(t, "directory")})
	require.NoError(t, err)
	srv := auth0test.NewServer(t)
	_, err = actionsync.NewPlan(t.Context(), exampleClient(srv), cfg, actionsync.PlanOptions{})
	got := problemLines(t, err)
	assert.Contains(t, got, `triggers/triggers.json:14: trigger send-phone-message: bindings[0].action_name: action "ldoorz" is neither in the config nor on the tenant`)
	assert.Contains(t, got, `actions/action-example.json:12: action "action-example": secrets[0]: secret MY_SECRET has no value, and it is created: give its value (a secret without one keeps the tenant's value, which cannot be read back)`)
}

func TestDeployCLIExampleDirectory(t *testing.T) {
	t.Parallel()
	fsys := exampleFS(t, "directory", fixCodePath, fixSecretValue, fixUnknownAction, fixTriggerList)
	cfg, err := actionsync.LoadDir(fsys, actionsync.LoadOptions{Keywords: exampleKeywords(t, "directory")})
	require.NoError(t, err)
	assert.Empty(t, cfg.Skipped)
	testDeployCLIExample(t, cfg, "action-example")
}

func TestDeployCLIExampleYAML(t *testing.T) {
	t.Parallel()
	kw := exampleKeywords(t, "yaml")
	_, err := actionsync.LoadYAML(exampleFS(t, "yaml"), "tenant.yaml", actionsync.LoadOptions{})
	assert.Equal(t, []string{
		`tenant.yaml:393: module "auth-helper": secrets[0].value: secret JWT_SECRET: its value is the keyword ##JWT_SECRET##, which no mapping replaced (unquoted, YAML reads it as a comment): add it to the keywords (LoadOptions.Keywords; with auth0-actions, --keywords FILE.json or AUTH0_KEYWORD_REPLACE_MAPPINGS): a placeholder is never sent as a secret`,
	}, problemLines(t, err), "without the config file's keywords")

	cfg, err := actionsync.LoadYAML(exampleFS(t, "yaml", yamlFixSecretValue, yamlFixTriggerList), "tenant.yaml", actionsync.LoadOptions{Keywords: kw})
	require.NoError(t, err)
	var sections []string
	for _, s := range cfg.Skipped {
		assert.Equal(t, "section", s.Kind)
		sections = append(sections, s.Name)
	}
	assert.Equal(t, []string{"tenant", "pages", "clients", "databases", "connections", "resourceServers", "tokenExchangeProfiles",
		"phoneProviders", "phoneTemplates", "emailProvider", "emailTemplates", "clientGrants", "guardianFactors",
		"guardianFactorProviders", "guardianFactorTemplates", "guardianPhoneFactorMessageTypes",
		"guardianPhoneFactorSelectedProvider", "guardianPolicies", "roles", "prompts", "forms", "flows", "flowVaultConnections",
		"selfServiceProfiles", "networkACLs", "customDomains", "attackProtection", "connectionProfiles", "userAttributeProfiles",
		"riskAssessment", "supplementalSignals", "eventStreams", "rateLimitPolicies", "organizations"}, sections,
		"every section but actions, actionModules and triggers is reported as not read")
	testDeployCLIExample(t, cfg, "action-example-display-name")
}

// testDeployCLIExample plans and applies an example's config on a fresh
// fake, checks the tenant, and plans again.
func testDeployCLIExample(t *testing.T, cfg *actionsync.Config, displayName string) {
	t.Helper()
	srv := auth0test.NewServer(t)
	client := exampleClient(srv)
	ctx := t.Context()

	assert.Equal(t, []string{"auth-helper", "notification-helper"}, []string{cfg.Modules[0].Name, cfg.Modules[1].Name})
	assert.Equal(t, []auth0.ActionModuleDependency{{Name: "axios", Version: "1.6.0"}, {Name: "jsonwebtoken", Version: "9.0.0"}}, cfg.Modules[0].Dependencies)
	assert.Equal(t, "<your-jwt-secret-key>", cfg.Modules[0].Secrets[0].Value, "from the config file's keywords")
	assert.Equal(t, "my-secret-value", cfg.Actions[0].Secrets[0].Value)
	assert.Equal(t, []auth0.ActionModuleReference{{ModuleName: "notification-helper", ModuleVersionNumber: 1}}, cfg.Actions[1].Modules)

	plan, err := actionsync.NewPlan(ctx, client, cfg, actionsync.PlanOptions{})
	require.NoError(t, err)
	assert.Equal(t, "Plan: 4 to create, 0 to update, 2 to publish, 2 to deploy, 1 trigger(s) to bind, 0 to delete; 5 unchanged.",
		strings.SplitN(plan.String(), "\n", 2)[0])
	assert.Contains(t, plan.String(), "  + module notification-helper: version 1 (published by this apply)",
		"module_version_number 1 is the version this apply publishes")
	assert.NotContains(t, plan.String(), "my-secret-value")

	res, err := actionsync.Apply(ctx, client, plan, actionsync.ApplyOptions{})
	require.NoError(t, err)
	assert.Equal(t, `module "auth-helper": created, published (version 1)
module "notification-helper": created, published (version 1)
action "action-example": created, deployed (version 1)
action "send-phone-message": created, deployed (version 1)
trigger post-login: bound`, res.String())

	bound := srv.Bindings(auth0.TriggerPostLogin)
	require.Len(t, bound, 1)
	assert.Equal(t, "action-example", bound[0].Action.Name)
	assert.Equal(t, displayName, bound[0].DisplayName)
	for _, m := range srv.Modules() {
		assert.True(t, m.AllChangesPublished, m.Name)
		assert.Len(t, srv.ModuleVersions(m.ID), 1, m.Name)
	}
	for _, a := range srv.Actions() {
		assert.True(t, a.AllChangesDeployed, a.Name)
		if a.Name == "action-example" {
			require.Len(t, a.Secrets, 1)
			assert.Equal(t, "MY_SECRET", a.Secrets[0].Name)
		}
	}

	again, err := actionsync.NewPlan(ctx, client, cfg, actionsync.PlanOptions{})
	require.NoError(t, err)
	assert.False(t, again.HasChanges(), "%s", again)
}
