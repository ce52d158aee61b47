package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// result is what one run printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// tenant is a fake tenant and the environment that names it.
type tenant struct {
	srv *auth0test.Server
	env map[string]string
	// terminal makes stdin and stderr terminals (for the question).
	terminal bool
}

func newFake(t *testing.T) *tenant {
	t.Helper()
	return &tenant{srv: auth0test.NewServer(t), env: map[string]string{"AUTH0_DOMAIN": "example.us.auth0.com"}}
}

// run runs the command against the fake: AUTH0_DOMAIN names it, and the
// client options point the client at it (today's fake is plain HTTP on a
// port, which a domain cannot name yet).
func (tn *tenant) run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	c := &cli{ctx: t.Context(), env: func(k string) string { return tn.env[k] }, environ: func() []string { return nil },
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, terminal: func(any) bool { return tn.terminal },
		clientOptions: []option.RequestOption{
			option.WithBaseURL(tn.srv.URL + "/api/v2/"),
			option.WithToken(tn.srv.Token()),
			option.WithPollInterval(time.Millisecond, 5*time.Millisecond),
		}}
	code := c.run(args)
	return result{code, out.String(), errOut.String()}
}

// seed deploys two actions using a module, bound to post-login.
func seed(t *testing.T, tn *tenant) {
	t.Helper()
	v3 := []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}
	cfg := &actionsync.Config{
		Modules: []actionsync.Module{{Name: "shared-utils", Code: "module.exports = {};\n",
			Secrets: []auth0.ActionSecretParam{{Name: "API_KEY", Value: "module-secret"}}}},
		Actions: []actionsync.Action{
			{Name: "add-roles", Code: "// add-roles\n", SupportedTriggers: v3, Deployed: true,
				Modules: []auth0.ActionModuleReference{{ModuleName: "shared-utils"}},
				Secrets: []auth0.ActionSecretParam{{Name: "TOKEN", Value: "action-secret"}}},
			{Name: "greet", Code: "// greet\n", SupportedTriggers: v3, Deployed: true},
		},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {{ActionName: "greet", DisplayName: "Say hello"}, {ActionName: "add-roles"}}},
	}
	client := tn.srv.Client()
	plan, err := actionsync.NewPlan(t.Context(), client, cfg, actionsync.PlanOptions{})
	require.NoError(t, err)
	_, err = actionsync.Apply(t.Context(), client, plan, actionsync.ApplyOptions{})
	require.NoError(t, err)
	tn.srv.ResetRequests()
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
	require.NoError(t, os.WriteFile(name, []byte(text), 0o644))
}

// The walk: export, plan (nothing), change a file, plan (a change,
// also as JSON), apply, plan (nothing).
func TestExportPlanApply(t *testing.T) {
	t.Parallel()
	tn := newFake(t)
	seed(t, tn)
	dir := filepath.Join(t.TempDir(), "tenant")

	r := tn.run(t, "", "export", dir)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "Wrote 1 module(s), 2 action(s) and the bindings of 1 trigger(s) to "+dir+". Secrets are written by name only.\n", r.stdout)
	assert.Contains(t, r.stderr, "note: skipped trigger custom-token-exchange: entity-bound")
	assert.FileExists(t, filepath.Join(dir, "actions", "add-roles", "code.js"))
	assert.FileExists(t, filepath.Join(dir, "triggers", "triggers.json"))

	r = tn.run(t, "", "plan", dir)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "No changes: the tenant matches the config (4 unchanged).\n", r.stdout)

	writeFile(t, filepath.Join(dir, "actions", "greet", "code.js"), "// greet, v2\n// more\n")
	r = tn.run(t, "", "plan", dir)
	assert.Equal(t, exitChanges, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Plan: 0 to create, 1 to update, 0 to publish, 1 to deploy, 0 trigger(s) to bind, 0 to delete; 3 unchanged.\n")
	assert.Contains(t, r.stdout, "~ code: 1 → 2 lines")

	r = tn.run(t, "", "plan", "--json", dir)
	assert.Equal(t, exitChanges, r.code, r.stderr)
	var doc struct {
		Format     int  `json:"format"`
		HasChanges bool `json:"has_changes"`
		Steps      []struct {
			Kind, Op, Name string
		} `json:"steps"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc), r.stdout)
	assert.Equal(t, 1, doc.Format)
	assert.True(t, doc.HasChanges)
	require.Len(t, doc.Steps, 1)
	assert.Equal(t, "greet", doc.Steps[0].Name)

	r = tn.run(t, "", "apply", dir, "--yes")
	assert.Equal(t, exitChanges, r.code, r.stderr)
	assert.Contains(t, r.stdout, `action "greet": updated, deployed (version 2)`)
	assert.NotContains(t, r.stderr, "updated", "progress goes to stderr only in a terminal")

	r = tn.run(t, "", "plan", dir)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "No changes")

	r = tn.run(t, "", "apply", "--yes", dir)
	assert.Equal(t, exitOK, r.code, "nothing to apply: %s", r.stderr)
	for _, out := range []string{r.stdout, r.stderr} {
		assert.NotContains(t, out, "secret\"")
		assert.NotContains(t, out, "action-secret")
	}
}

// A YAML file instead of a directory, with keywords from
// AUTH0_KEYWORD_REPLACE_MAPPINGS and --keywords (which wins).
func TestPlanApplyYAML(t *testing.T) {
	t.Parallel()
	tn := newFake(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "tenant.yaml"), `tenant:
  friendly_name: Example
actions:
  - name: "##PREFIX##-greet"
    code: ./actions/greet/code.js
    deployed: true
    supported_triggers: [{id: post-login, version: v3}]
    secrets:
      - name: TOKEN
        value: "##TOKEN##"
triggers:
  post-login:
    - action_name: "##PREFIX##-greet"
`)
	writeFile(t, filepath.Join(dir, "actions", "greet", "code.js"), "// ##PREFIX##\n")
	writeFile(t, filepath.Join(dir, "keywords.json"), `{"AUTH0_KEYWORD_REPLACE_MAPPINGS": {"TOKEN": "from-file"}}`)
	tn.env["AUTH0_KEYWORD_REPLACE_MAPPINGS"] = `{"PREFIX": "acme", "TOKEN": "from-env"}`
	file := filepath.Join(dir, "tenant.yaml")

	r := tn.run(t, "", "plan", file, "--keywords", filepath.Join(dir, "keywords.json"))
	assert.Equal(t, exitChanges, r.code, r.stderr)
	assert.Contains(t, r.stdout, `action "acme-greet": create`)
	assert.Equal(t, "note: not read (auth0-actions manages actions, action modules and triggers only): tenant\n", r.stderr)

	r = tn.run(t, "", "apply", file, "--yes", "--keywords", filepath.Join(dir, "keywords.json"))
	assert.Equal(t, exitChanges, r.code, r.stderr)
	assert.Equal(t, "acme-greet", tn.srv.Bindings(auth0.TriggerPostLogin)[0].Action.Name)

	r = tn.run(t, "", "plan", file)
	assert.Equal(t, exitOK, r.code, r.stderr)
}

// Bad files are an error naming the file and line, before any request.
func TestPlanBadFiles(t *testing.T) {
	t.Parallel()
	tn := newFake(t)
	dir := filepath.Join(t.TempDir(), "repo")
	writeFile(t, filepath.Join(dir, "actions", "a.json"), "{\n  \"name\": \"a\",\n  \"code\": \"./actions/a/code.js\"\n  \"deployed\": true\n}\n")
	writeFile(t, filepath.Join(dir, "triggers", "triggers.json"), "{\n  \"post-logon\": []\n}\n")

	r := tn.run(t, "", "plan", dir)
	assert.Equal(t, exitError, r.code)
	assert.Empty(t, r.stdout)
	assert.Equal(t, "auth0-actions: plan: 2 problems:\n"+
		"  "+filepath.Join(dir, "actions", "a.json")+":4: invalid JSON: invalid character '\"' after object key:value pair\n"+
		"  "+filepath.Join(dir, "triggers", "triggers.json")+":2: trigger post-logon: is not a trigger this SDK knows "+
		"(credentials-exchange, custom-email-provider, custom-phone-provider, custom-token-exchange, event-stream, login-post-identifier, mcp-tool, "+
		"password-hash-migration, password-reset-post-challenge, post-change-password, post-login, post-user-registration, "+
		"pre-user-registration, send-phone-message, signup-post-identifier): check the spelling, or add it to LoadOptions.ExtraTriggers "+
		"(auth0-actions: --extra-triggers)\n", r.stderr)
	assert.Zero(t, tn.srv.RequestCount(auth0test.RouteAny))

	// The plan's own problems name the file and line too.
	writeFile(t, filepath.Join(dir, "actions", "a.json"), "{\n  \"name\": \"a\",\n  \"code\": \"./a.js\",\n  \"supported_triggers\": [{\"id\": \"post-login\"}],\n  \"secrets\": [{\"name\": \"S\"}]\n}\n")
	writeFile(t, filepath.Join(dir, "a.js"), "x")
	writeFile(t, filepath.Join(dir, "triggers", "triggers.json"), "{\n  \"post-login\": [\n    {\"action_name\": \"b\"}\n  ]\n}\n")
	r = tn.run(t, "", "plan", dir)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "  "+filepath.Join(dir, "actions", "a.json")+`:5: action "a": secrets[0]: secret S has no value, and it is created`)
	assert.Contains(t, r.stderr, "  "+filepath.Join(dir, "triggers", "triggers.json")+`:3: trigger post-login: bindings[0].action_name: action "b" is neither in the config nor on the tenant`)
}

// --extra-triggers accepts a trigger this release does not know.
func TestExtraTriggers(t *testing.T) {
	t.Parallel()
	tn := newFake(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "triggers", "triggers.json"), `{"post-logout": []}`)
	r := tn.run(t, "", "plan", dir)
	assert.Contains(t, r.stderr, "trigger post-logout: is not a trigger this SDK knows")
	r = tn.run(t, "", "plan", dir, "--extra-triggers", "other, post-logout")
	assert.NotContains(t, r.stderr, "is not a trigger this SDK knows", "the plan goes on to the tenant, which does not offer it")
	assert.Equal(t, exitError, r.code)
}

func TestNoDomain(t *testing.T) {
	t.Parallel()
	tn := newFake(t)
	delete(tn.env, "AUTH0_DOMAIN")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "triggers", "triggers.json"), "{}")
	for _, args := range [][]string{{"plan", dir}, {"apply", "--yes", dir}, {"export", dir}} {
		r := tn.run(t, "", args...)
		assert.Equal(t, exitError, r.code, args)
		assert.Equal(t, "auth0-actions: AUTH0_DOMAIN is not set: set it to the tenant's domain (such as example.us.auth0.com), "+
			"with AUTH0_API_TOKEN, or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET (auth0-actions --help)\n", r.stderr, args)
	}
	assert.Zero(t, tn.srv.RequestCount(auth0test.RouteAny))
}

func TestApplyWithoutATerminalNeedsYes(t *testing.T) {
	t.Parallel()
	tn := newFake(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "triggers", "triggers.json"), "{}")
	r := tn.run(t, "y\n", "apply", dir)
	assert.Equal(t, exitError, r.code)
	assert.Equal(t, "auth0-actions: apply: standard input is not a terminal, so there is no one to ask before writing: "+
		"pass --yes to apply without asking (review what it will do with auth0-actions plan first)\n", r.stderr)
	assert.Zero(t, tn.srv.RequestCount(auth0test.RouteAny))
}

func TestApplyAsksInATerminal(t *testing.T) {
	t.Parallel()
	tn := newFake(t)
	tn.terminal = true
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "actions", "a.json"), `{"name": "a", "code": "./a.js", "supported_triggers": [{"id": "post-login", "version": "v3"}], "deployed": true}`)
	writeFile(t, filepath.Join(dir, "a.js"), "x")

	for _, answer := range []string{"n\n", "", "yes please\n"} {
		r := tn.run(t, answer, "apply", dir)
		assert.Equal(t, exitError, r.code, "answer %q", answer)
		assert.Contains(t, r.stdout, `action "a": create`, "the plan is shown first")
		assert.Contains(t, r.stderr, "Apply this plan to example.us.auth0.com? Only y or yes applies it. [y/N]: ")
		assert.Contains(t, r.stderr, "nothing was written")
		assert.Empty(t, tn.srv.Actions())
	}
	r := tn.run(t, "", "apply", dir)
	assert.Contains(t, r.stderr, "no answer (standard input ended): nothing was written; pass --yes to apply without asking")

	r = tn.run(t, "Y\n", "apply", dir)
	assert.Equal(t, exitChanges, r.code, r.stderr)
	assert.Contains(t, r.stderr, "  action \"a\": created, deployed (version 1)\n", "progress on stderr in a terminal")
	assert.Contains(t, r.stdout, "action \"a\": created, deployed (version 1)")
	assert.Len(t, tn.srv.Actions(), 1)

	r = tn.run(t, "", "apply", dir)
	assert.Equal(t, exitOK, r.code, "no changes: no question: %s", r.stderr)
	assert.NotContains(t, r.stderr, "[y/N]")
}

func TestHelp(t *testing.T) {
	t.Parallel()
	tn := newFake(t)
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		r := tn.run(t, "", args...)
		assert.Equal(t, exitOK, r.code)
		assert.Equal(t, usage, r.stdout)
	}
	for cmd, want := range map[string][]string{
		"export": {"Usage: auth0-actions export DIR\n"},
		"plan":   {"Usage: auth0-actions plan DIR|FILE.yaml [flags]\n", "  -json\n", "  -prune\n", "  -keywords FILE\n", "  -extra-triggers IDs\n"},
		"apply":  {"Usage: auth0-actions apply DIR|FILE.yaml [flags]\n", "  -yes\n", "  -prune-secrets\n"},
	} {
		for _, args := range [][]string{{cmd, "--help"}, {cmd, "-h"}, {"help", cmd}, {cmd, "./dir", "--help"}} {
			r := tn.run(t, "", args...)
			assert.Equal(t, exitOK, r.code, args)
			for _, w := range want {
				assert.Contains(t, r.stdout, w, args)
			}
			assert.Empty(t, r.stderr)
		}
	}
	r := tn.run(t, "")
	assert.Equal(t, exitError, r.code)
	assert.Equal(t, usage, r.stderr)

	r = tn.run(t, "", "deploy", ".")
	assert.Equal(t, exitError, r.code)
	assert.Equal(t, "auth0-actions: unknown command \"deploy\": the commands are export, plan and apply (auth0-actions --help)\n", r.stderr)

	r = tn.run(t, "", "plan", "--force", ".")
	assert.Equal(t, exitError, r.code)
	assert.Equal(t, "auth0-actions: plan: flag provided but not defined: -force (auth0-actions plan --help)\n", r.stderr)

	r = tn.run(t, "", "--version")
	assert.Equal(t, exitOK, r.code)
	assert.Contains(t, r.stdout, "auth0-actions 0.")
}

func TestUsageMistakes(t *testing.T) {
	t.Parallel()
	tn := newFake(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "notes.txt"), "x")
	writeFile(t, filepath.Join(dir, "triggers", "triggers.json"), "{}")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"plan"}, "auth0-actions: plan: give one directory or YAML file, such as auth0-actions plan ./tenant (auth0-actions plan --help)\n"},
		{[]string{"plan", "a", "b"}, "auth0-actions: plan: give one directory or YAML file, such as auth0-actions plan ./tenant (auth0-actions plan --help)\n"},
		{[]string{"export"}, "auth0-actions: export: give one directory to write to, such as auth0-actions export ./tenant (auth0-actions export --help)\n"},
		{[]string{"export", "tenant.yaml"}, "auth0-actions: export: tenant.yaml is a YAML file's name; export writes the Deploy CLI's directory layout: give a directory\n"},
		{[]string{"plan", filepath.Join(dir, "nope")}, "auth0-actions: plan: " + filepath.Join(dir, "nope") + ": stat " + filepath.Join(dir, "nope") + ": no such file or directory: give a directory in the Deploy CLI's layout or its YAML file\n"},
		{[]string{"plan", filepath.Join(dir, "notes.txt")}, "auth0-actions: plan: " + filepath.Join(dir, "notes.txt") + " is neither a directory nor a .yaml or .yml file: give a directory in the Deploy CLI's layout or its YAML file\n"},
		{[]string{"apply", "--prune", "--yes", dir}, "auth0-actions: apply: refusing --prune: " + dir + " holds no action, so every action of the tenant would be deleted\n"},
		{[]string{"plan", dir, "--keywords", filepath.Join(dir, "notes.txt")}, "auth0-actions: plan: --keywords " + filepath.Join(dir, "notes.txt") + ": keyword mappings are not valid JSON: invalid character 'x' looking for beginning of value\n"},
	} {
		r := tn.run(t, "", tc.args...)
		assert.Equal(t, exitError, r.code, tc.args)
		assert.Equal(t, tc.want, r.stderr, tc.args)
	}
	tn.env["AUTH0_KEYWORD_REPLACE_MAPPINGS"] = `{"SECRET": "s3cr3t"`
	r := tn.run(t, "", "plan", dir)
	assert.Equal(t, exitError, r.code)
	assert.Equal(t, "auth0-actions: plan: AUTH0_KEYWORD_REPLACE_MAPPINGS: keyword mappings are not valid JSON: unexpected EOF\n", r.stderr)
	assert.NotContains(t, r.stderr, "s3cr3t")
	assert.Zero(t, tn.srv.RequestCount(auth0test.RouteAny))
}

// A tenant secret the files leave out: the plan refuses, and says which
// flag deletes it.
func TestPlanSecretsHint(t *testing.T) {
	t.Parallel()
	tn := newFake(t)
	seed(t, tn)
	dir := t.TempDir()
	r := tn.run(t, "", "export", dir)
	require.Equal(t, exitOK, r.code, r.stderr)
	name := filepath.Join(dir, "actions", "add-roles.json")
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	writeFile(t, name, strings.Replace(string(b), `"name": "TOKEN"`, `"name": "OTHER", "value": "v"`, 1))

	r = tn.run(t, "", "plan", dir)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, `action "add-roles": secrets: the tenant has secrets the config does not list (TOKEN)`)
	assert.Contains(t, r.stderr, "To delete those secrets, plan and apply with --prune-secrets.\n")

	r = tn.run(t, "", "plan", dir, "--prune-secrets")
	assert.Equal(t, exitChanges, r.code, r.stderr)
}

// --env makes every environment variable a keyword.
func TestEnvKeywords(t *testing.T) {
	t.Parallel()
	tn := newFake(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "actions", "a.json"), `{"name": "##NAME##", "code": "./a.js", "supported_triggers": [{"id": "post-login"}]}`)
	writeFile(t, filepath.Join(dir, "a.js"), "x")
	var out, errOut bytes.Buffer
	c := &cli{ctx: t.Context(), env: func(k string) string { return tn.env[k] }, environ: func() []string { return []string{"NAME=from-env", "BROKEN"} },
		stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, terminal: func(any) bool { return false },
		clientOptions: []option.RequestOption{option.WithBaseURL(tn.srv.URL + "/api/v2/"), option.WithToken(tn.srv.Token())}}
	assert.Equal(t, exitChanges, c.run([]string{"plan", "--env", dir}), errOut.String())
	assert.Contains(t, out.String(), `action "from-env": create`)
}

// run, as main calls it, reads the real process: a test can only check it
// without a tenant.
func TestRun(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	code := run([]string{"plan", t.TempDir()}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut.String(), "the directory has none of actions/, action-modules/ and triggers/")
	assert.False(t, isTerminal(&out))
	assert.False(t, isTerminal(strings.NewReader("")))
}

// A refused token: the error says what to check.
func TestRefusedCredentials(t *testing.T) {
	t.Parallel()
	tn := newFake(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "triggers", "triggers.json"), "{}")
	var out, errOut bytes.Buffer
	c := &cli{ctx: t.Context(), env: func(k string) string { return tn.env[k] }, environ: func() []string { return nil },
		stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, terminal: func(any) bool { return false },
		clientOptions: []option.RequestOption{option.WithBaseURL(tn.srv.URL + "/api/v2/"), option.WithToken("not-the-token"), option.WithMaxRetries(0)}}
	assert.Equal(t, exitError, c.run([]string{"plan", dir}))
	assert.Contains(t, errOut.String(), "auth0-actions: plan: reading the tenant: ")
	assert.Contains(t, errOut.String(), "401")
	assert.Contains(t, errOut.String(), "\nThe tenant refused the credentials: check AUTH0_API_TOKEN, or AUTH0_CLIENT_ID and its secret or key, and that they belong to the tenant AUTH0_DOMAIN names.\n")
	assert.NotContains(t, errOut.String(), "not-the-token")
}
