package actionsync_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
)

const exampleTenantYAML = `tenant:
  friendly_name: Example
rules: []
actionModules:
  - name: shared-utils
    code: ./action-modules/shared-utils/code.js
    dependencies:
      - name: lodash
        version: 4.17.21
    secrets:
      - name: API_KEY
        value: "##API_KEY##"
      - name: PIN
        value: 0042
    all_changes_published: true
actions:
  - &base
    name: add-roles
    code: .\actions\add-roles\code.js
    runtime: node22
    deployed: true
    status: built
    supported_triggers:
      - id: post-login
        version: v3
    dependencies:
      - name: axios
        version: 1.10
    modules:
      - module_name: shared-utils
  - <<: *base
    name: greet
    code: ./actions/greet/code.js
    modules:
      - module_name: shared-utils
        module_version_number: 2
triggers:
  post-login:
    - action_name: add-roles
      display_name: Add roles
    - action_name: greet
  pre-user-registration: []
`

func TestLoadYAML(t *testing.T) {
	t.Parallel()
	fsys := mapFS(map[string]string{
		"tenant/tenant.yaml":                         exampleTenantYAML,
		"tenant/action-modules/shared-utils/code.js": "module.exports = {};",
		"tenant/actions/add-roles/code.js":           "// add-roles",
		"tenant/actions/greet/code.js":               "// greet in ##ENV##",
		"tenant/actions/ignored-no-such-action.json": "{}",
		"action-modules/shared-utils/code.js":        "not this one: code is relative to the YAML file",
	})
	cfg, err := actionsync.LoadYAML(fsys, "tenant/tenant.yaml", actionsync.LoadOptions{Keywords: map[string]any{"API_KEY": "k-1", "ENV": "dev"}})
	require.NoError(t, err)

	assert.Equal(t, []actionsync.Module{{
		Name:         "shared-utils",
		Code:         "module.exports = {};",
		Dependencies: []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}},
		Secrets:      []auth0.ActionSecretParam{{Name: "API_KEY", Value: "k-1"}, {Name: "PIN", Value: "0042"}},
	}}, cfg.Modules)
	addRoles := actionsync.Action{
		Name:              "add-roles",
		Code:              "// add-roles",
		Runtime:           "node22",
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Dependencies:      []auth0.ActionDependency{{Name: "axios", Version: "1.10"}}, // as written, not the number 1.1
		Modules:           []auth0.ActionModuleReference{{ModuleName: "shared-utils"}},
		Deployed:          true,
	}
	greet := addRoles // the merge key gives it add-roles' fields
	greet.Name, greet.Code = "greet", "// greet in dev"
	greet.Modules = []auth0.ActionModuleReference{{ModuleName: "shared-utils", ModuleVersionNumber: 2}}
	assert.Equal(t, []actionsync.Action{addRoles, greet}, cfg.Actions)
	assert.Equal(t, map[auth0.TriggerID][]actionsync.Binding{
		auth0.TriggerPostLogin:           {{ActionName: "add-roles", DisplayName: "Add roles"}, {ActionName: "greet"}},
		auth0.TriggerPreUserRegistration: {},
	}, cfg.Triggers)
	reason := "not read: actionsync reads actions, actionModules and triggers"
	assert.Equal(t, []actionsync.Skipped{{Kind: "section", Name: "tenant", Reason: reason}, {Kind: "section", Name: "rules", Reason: reason}},
		cfg.Skipped, "every section left out is reported")
}

func TestLoadYAMLProblems(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, yaml string
		files      map[string]string
		want       []string
	}{
		{name: "invalid YAML, with its line", yaml: "actions:\n  - name: a\n    code: [x\n", want: []string{
			"tenant.yaml:3: invalid YAML: did not find expected ',' or ']'"}},
		{name: "an unreplaced @@ keyword breaks the YAML", yaml: "actions:\n  - name: a\n    modules: @@MODS@@\n", want: []string{
			"tenant.yaml:3: invalid YAML: found character that cannot start any token (the line holds @@MODS@@: is keyword MODS missing from the keywords?)"}},
		{name: "a duplicate key", yaml: "triggers:\n  post-login: []\n  post-login: []\n", want: []string{
			`tenant.yaml:3: key "post-login" appears twice (also on line 2)`}},
		{name: "not a mapping", yaml: "- a\n", want: []string{
			"tenant.yaml:1: is a list: a Deploy CLI YAML file is a mapping of sections (actions, actionModules, triggers, …)"}},
		{name: "no section of ours", yaml: "tenant: {}\nclients: []\n", want: []string{
			"tenant.yaml: has none of the sections actions, actionModules and triggers: give a Deploy CLI YAML file that has them"}},
		{name: "an empty file", yaml: "", want: []string{
			"tenant.yaml: the file is empty: it should hold a YAML mapping"}},
		{name: "a section of the wrong type", yaml: "actions:\n  name: a\n", want: []string{
			"tenant.yaml:2: actions: is an object: it should be a list"}},
		{name: "an unknown trigger", yaml: "triggers:\n  post-login: []\n  post-logon: []\n", want: []string{
			"tenant.yaml:3: trigger post-logon: is not a trigger this SDK knows (credentials-exchange, custom-email-provider, custom-phone-provider, custom-token-exchange, event-stream, login-post-identifier, mcp-tool, password-hash-migration, password-reset-post-challenge, post-change-password, post-login, post-user-registration, pre-user-registration, send-phone-message, signup-post-identifier): check the spelling, or add it to LoadOptions.ExtraTriggers (auth0-actions: --extra-triggers)"}},
		{name: "a missing code file and a wrong type", yaml: "actions:\n  - name: a\n    code: ./actions/a/code.js\n    supported_triggers: [{id: post-login}]\n    deployed: yes\n", want: []string{
			`tenant.yaml:3: action "a": code: file actions/a/code.js does not exist (the path is relative to the YAML file's folder)`,
			`tenant.yaml:5: action "a": deployed: is a string: it should be true or false`}},
		{name: "an unquoted keyword without a mapping is a comment, and refused", yaml: "actionModules:\n  - name: m\n    code: ./m.js\n    secrets:\n      - name: JWT_SECRET\n        value: ##JWT_SECRET##\n",
			files: map[string]string{"m.js": "x"}, want: []string{
				`tenant.yaml:6: module "m": secrets[0].value: secret JWT_SECRET: its value is the keyword ##JWT_SECRET##, which no mapping replaced (unquoted, YAML reads it as a comment): add it to the keywords (LoadOptions.Keywords; with auth0-actions, --keywords FILE.json or AUTH0_KEYWORD_REPLACE_MAPPINGS): a placeholder is never sent as a secret`}},
		{name: "two modules of one name", yaml: "actionModules:\n  - name: m\n    code: ./m.js\n  - name: m\n    code: ./m.js\n",
			files: map[string]string{"m.js": "x"}, want: []string{
				`tenant.yaml:4: module "m": name: is also the name in tenant.yaml:2: each module needs a name of its own`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			files := map[string]string{"tenant.yaml": tc.yaml}
			for k, v := range tc.files {
				files[k] = v
			}
			_, err := actionsync.LoadYAML(mapFS(files), "tenant.yaml", actionsync.LoadOptions{})
			assert.Equal(t, tc.want, problemLines(t, err))
		})
	}
}

func TestLoadYAMLMissingFile(t *testing.T) {
	t.Parallel()
	_, err := actionsync.LoadYAML(mapFS(nil), "tenant.yaml", actionsync.LoadOptions{})
	assert.EqualError(t, err, "actionsync: reading the YAML file: open tenant.yaml: file does not exist")
	_, err = actionsync.LoadYAML(nil, "tenant.yaml", actionsync.LoadOptions{})
	assert.EqualError(t, err, "actionsync: LoadYAML needs a file system (such as os.DirFS(dir))")
}

// A file of nested aliases cannot blow up into a huge document.
func TestLoadYAMLAliasBomb(t *testing.T) {
	t.Parallel()
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h"} {
		bomb += name + ": &" + name + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = name
	}
	bomb += "triggers: {}\n"
	_, err := actionsync.LoadYAML(mapFS(map[string]string{"tenant.yaml": bomb}), "tenant.yaml", actionsync.LoadOptions{})
	assert.ErrorContains(t, err, "the YAML document is too large or too deeply nested (aliases?)")
}
