package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// TestBinaryOverHTTPS runs the built command as a user runs it: a binary
// (go build), a process with nothing but the environment that
// auth0test/cmd/auth0test prints (AUTH0_DOMAIN=127.0.0.1:PORT, the client
// ID and secret or the API token, SSL_CERT_FILE for the fake's
// certificate), standard input a pipe, as in CI. The other tests drive run
// through client options; this one proves the path no test option takes:
// main, auth0.NewClient's AUTH0_* environment, a domain with a port, the
// system's certificate pool through SSL_CERT_FILE, and the client
// credentials exchanged at POST /oauth/token for the token the API then
// accepts. The walk is the issue's: export, plan (0), edit a code file,
// plan --json (2), apply --yes (2), plan (0).
func TestBinaryOverHTTPS(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	const clientID = "auth0-actions-binary-test"
	secret := rand.Text()
	srv := auth0test.NewServer(t, auth0test.WithTLS(), auth0test.WithClientCredentials(clientID, secret))
	dir := t.TempDir()
	cert := filepath.Join(dir, "auth0test.pem")
	require.NoError(t, srv.WriteCertificate(cert))
	seedOverHTTPS(t, srv)

	// The environment auth0test/cmd/auth0test prints, and HOME; nothing
	// of the developer's (their AUTH0_*, a proxy) reaches the binary.
	env := []string{"HOME=" + dir, "AUTH0_DOMAIN=" + srv.Domain(), "AUTH0_CLIENT_ID=" + clientID,
		"AUTH0_CLIENT_SECRET=" + secret, "SSL_CERT_FILE=" + cert}
	repo := filepath.Join(dir, "repo")
	runs := 0
	runCmd := func(env []string, args ...string) result {
		t.Helper()
		runs++
		return runBinary(t, bin, dir, env, args...)
	}

	r := runCmd(env, "export", repo)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Wrote 1 module(s), 2 action(s) and the bindings of 1 trigger(s)")
	assert.FileExists(t, filepath.Join(repo, "actions", "greet", "code.js"))

	r = runCmd(env, "plan", repo)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "No changes")

	code := filepath.Join(repo, "actions", "greet", "code.js")
	require.NoError(t, os.WriteFile(code, []byte("exports.onExecutePostLogin = async () => { /* v2 */ };\n"), 0o644))

	r = runCmd(env, "plan", repo, "--json")
	assert.Equal(t, exitChanges, r.code, r.stderr)
	var doc struct {
		HasChanges bool `json:"has_changes"`
		Steps      []struct{ Kind, Op, Name string }
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc), r.stdout)
	assert.True(t, doc.HasChanges)
	if assert.Len(t, doc.Steps, 1) {
		assert.Equal(t, "greet", doc.Steps[0].Name)
	}

	r = runCmd(env, "apply", repo, "--yes")
	assert.Equal(t, exitChanges, r.code, r.stderr)
	assert.Contains(t, r.stdout, `action "greet": updated, deployed (version 2)`)
	assert.Empty(t, r.stderr, "no progress on stderr when it is not a terminal")

	r = runCmd(env, "plan", repo)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "No changes")

	// The tenant has the edit, deployed and still bound.
	var greet auth0.Action
	for _, a := range srv.Actions() {
		if a.Name == "greet" {
			greet = a
		}
	}
	require.NotNil(t, greet.DeployedVersion)
	assert.Equal(t, 2, greet.DeployedVersion.Number)
	assert.Contains(t, greet.DeployedVersion.Code, "/* v2 */")
	assert.Equal(t, []string{"greet", "add-roles"}, boundNames(srv.Bindings(auth0.TriggerPostLogin)))

	// Every run got one token with the client credentials, for the
	// audience of the domain, and every API request carried it.
	reqs := srv.Requests()
	tokens := 0
	for _, req := range reqs {
		if req.Route == auth0test.RouteToken {
			tokens++
			form, err := url.ParseQuery(string(req.Body))
			require.NoError(t, err)
			assert.Equal(t, "client_credentials", form.Get("grant_type"))
			assert.Equal(t, "https://"+srv.Domain()+"/api/v2/", form.Get("audience"))
			continue
		}
		assert.True(t, strings.HasPrefix(req.Header.Get("Authorization"), "Bearer auth0test-cc-"),
			"%s %s: not the issued token", req.Method, req.Path)
		assert.True(t, strings.HasPrefix(req.Header.Get("User-Agent"), "auth0-actions/"), "%s %s: User-Agent %q", req.Method, req.Path, req.Header.Get("User-Agent"))
		assert.NotEmpty(t, req.Route, "%s %s matched no route", req.Method, req.Path)
	}
	assert.Equal(t, runs, tokens, "one token request per run")

	// A static token, AUTH0_API_TOKEN, instead of client credentials.
	srv.ResetRequests()
	r = runCmd([]string{"HOME=" + dir, "AUTH0_DOMAIN=" + srv.Domain(), "AUTH0_API_TOKEN=" + srv.Token(), "SSL_CERT_FILE=" + cert}, "plan", repo)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Zero(t, srv.RequestCount(auth0test.RouteToken))

	// Without SSL_CERT_FILE the fake's certificate is not trusted: the
	// TLS is real.
	r = runCmd([]string{"HOME=" + dir, "AUTH0_DOMAIN=" + srv.Domain(), "AUTH0_API_TOKEN=" + srv.Token()}, "plan", repo)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "certificate")
}

// buildBinary builds the command into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	require.NoError(t, err, "the test builds the command with the go command")
	bin := filepath.Join(t.TempDir(), "auth0-actions")
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, gobin, "build", "-o", bin, ".")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

// runBinary runs the binary in dir with exactly env, stdin an empty pipe.
func runBinary(t *testing.T, bin, dir string, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir, cmd.Env, cmd.Stdin = dir, env, strings.NewReader("")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if err != nil {
		var exit *exec.ExitError
		require.True(t, errors.As(err, &exit), "auth0-actions %s: %v", strings.Join(args, " "), err)
		code = exit.ExitCode()
	}
	return result{code, out.String(), errOut.String()}
}

// seedOverHTTPS deploys a module and two actions using it, bound in order
// to post-login, through the fake's own client (over HTTPS too).
func seedOverHTTPS(t *testing.T, srv *auth0test.Server) {
	t.Helper()
	v3 := []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}
	cfg := &actionsync.Config{
		Modules: []actionsync.Module{{Name: "shared-utils", Code: "module.exports = {};\n"}},
		Actions: []actionsync.Action{
			{Name: "add-roles", Code: "exports.onExecutePostLogin = async () => {};\n", SupportedTriggers: v3, Deployed: true,
				Modules: []auth0.ActionModuleReference{{ModuleName: "shared-utils"}},
				Secrets: []auth0.ActionSecretParam{{Name: "TOKEN", Value: "action-secret"}}},
			{Name: "greet", Code: "exports.onExecutePostLogin = async () => { /* v1 */ };\n", SupportedTriggers: v3, Deployed: true},
		},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {{ActionName: "greet", DisplayName: "Say hello"}, {ActionName: "add-roles"}}},
	}
	client := srv.Client()
	plan, err := actionsync.NewPlan(t.Context(), client, cfg, actionsync.PlanOptions{})
	require.NoError(t, err)
	_, err = actionsync.Apply(t.Context(), client, plan, actionsync.ApplyOptions{})
	require.NoError(t, err)
	srv.ResetRequests()
}

func boundNames(bs []auth0.Binding) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.Action.Name
	}
	return out
}
