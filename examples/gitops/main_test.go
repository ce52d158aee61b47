package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// TestGitops runs the pipeline against the fake: the review plans
// everything, the merge applies it, the next review has nothing to do.
func TestGitops(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildAfterReads(1))
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), srv.Client(), os.DirFS("tenant"), &out))
	got := out.String()
	for _, want := range []string{
		"Plan: 3 to create, 0 to update, 1 to publish, 2 to deploy, 1 trigger(s) to bind, 0 to delete; 0 unchanged.\n",
		"  + secret BLOCKED_IPS\n",
		"  order: (none) → block-risky-ips (as \"Block risky IPs\"), add-roles (as \"Add roles to tokens\")\n",
		"module \"shared-utils\": created, published (version 1)\n",
		"== review of the next pull request, with the same files\nNo changes: the tenant matches the config (4 unchanged).\n",
	} {
		assert.Contains(t, got, want)
	}
	var order []string
	for _, b := range srv.Bindings(auth0.TriggerPostLogin) {
		order = append(order, b.Action.Name+"/"+b.DisplayName)
	}
	assert.Equal(t, []string{"block-risky-ips/Block risky IPs", "add-roles/Add roles to tokens"}, order)
}

// TestCIScript runs ci.sh as a CI would, with the auth0-actions command
// built from this module, against the fake over HTTPS with client
// credentials: the review exits 0 with the plan, the merge applies it, and
// a second review plans nothing.
func TestCIScript(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash on this machine")
	}
	srv := auth0test.NewServer(t, auth0test.WithTLS(), auth0test.WithBuildAfterReads(1),
		auth0test.WithClientCredentials("ci-client", "ci-secret"))
	tmp := t.TempDir()
	cert := filepath.Join(tmp, "fake.pem")
	require.NoError(t, srv.WriteCertificate(cert))
	bin := filepath.Join(tmp, "auth0-actions")
	build := exec.CommandContext(t.Context(), "go", "build", "-o", bin, "github.com/actions-sdk/auth0-go/cmd/auth0-actions")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// A copy of the example, so that plan.json is written there.
	repo := filepath.Join(tmp, "repo")
	require.NoError(t, os.CopyFS(repo, os.DirFS(".")))
	env := append(os.Environ(),
		"AUTH0_DOMAIN="+srv.Domain(), "AUTH0_CLIENT_ID=ci-client", "AUTH0_CLIENT_SECRET=ci-secret",
		"AUTH0_API_TOKEN=", "SSL_CERT_FILE="+cert, "AUTH0_ACTIONS="+bin,
		`AUTH0_KEYWORD_REPLACE_MAPPINGS={"BLOCKED_IPS":"203.0.113.7"}`)
	ci := func(step string) (string, error) {
		cmd := exec.CommandContext(t.Context(), "bash", filepath.Join(repo, "ci.sh"), step)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	out, err := ci("review")
	require.NoError(t, err, out)
	assert.Contains(t, out, "Plan: 3 to create")
	plan, err := os.ReadFile(filepath.Join(repo, "plan.json"))
	require.NoError(t, err)
	var doc struct {
		Format     int  `json:"format"`
		HasChanges bool `json:"has_changes"`
		Steps      []struct {
			Kind, Op, Name string
		} `json:"steps"`
	}
	require.NoError(t, json.Unmarshal(plan, &doc), "plan.json: %s", plan)
	assert.Equal(t, 1, doc.Format)
	assert.True(t, doc.HasChanges)
	assert.Len(t, doc.Steps, 4, "the module, two actions and post-login")
	assert.NotContains(t, string(plan)+out, "203.0.113.7", "a secret's value is never shown")
	assert.Empty(t, srv.Actions(), "the review wrote nothing")

	out, err = ci("merge")
	require.NoError(t, err, out)
	assert.Len(t, srv.Actions(), 2)
	assert.Len(t, srv.Bindings(auth0.TriggerPostLogin), 2)
	assert.Equal(t, 1, srv.RequestCount(auth0test.RouteBindingsUpdate), "one bindings write")

	out, err = ci("review")
	require.NoError(t, err, out)
	assert.Contains(t, out, "No changes")
	assert.Equal(t, 1, srv.RequestCount(auth0test.RouteBindingsUpdate))
}
