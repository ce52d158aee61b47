package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// parseEnv reads the exports the command prints.
func parseEnv(t *testing.T, out string) map[string]string {
	t.Helper()
	env := map[string]string{}
	for line := range strings.Lines(out) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		if !ok || !strings.HasPrefix(line, "export ") {
			t.Fatalf("line %q is not an export", line)
		}
		unq, err := shellUnquote(value)
		if err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		env[name] = unq
	}
	return env
}

// shellUnquote undoes shellQuote.
func shellUnquote(s string) (string, error) {
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return "", errors.New("not single-quoted")
	}
	return strings.ReplaceAll(s[1:len(s)-1], `'\''`, "'"), nil
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestRun: the command prints the environment, writes it and the
// certificate, serves the seed, and stops cleanly when its context ends,
// removing the files it made.
func TestRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seed := filepath.Join(dir, "seed.json")
	if err := os.WriteFile(seed, []byte(`{"actions": [{"name": "seeded", "supported_triggers": [{"id": "post-login", "version": "v3"}], "deploy": true}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	envFile, certFile := filepath.Join(dir, "a0.env"), filepath.Join(dir, "cert.pem")
	if err := os.WriteFile(envFile, []byte("stale"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	var stdout, stderr syncBuffer
	served := make(chan *auth0test.Server, 1)
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-env-file", envFile, "-cert-file", certFile, "-token", "tok'en", "-client-id", "cid",
			"-client-secret", "sec", "-seed", seed, "-build-after-reads", "2", "-rate-limit", "100",
			"-build-statuses", "building, retrying,packaged"}, &stdout, &stderr,
			func(s *auth0test.Server) { served <- s })
	}()
	var srv *auth0test.Server
	select {
	case srv = <-served:
	case code := <-done:
		t.Fatalf("run ended with %d before serving: %s", code, stderr.String())
	}
	env := parseEnv(t, stdout.String())
	want := map[string]string{"AUTH0_DOMAIN": srv.Domain(), "AUTH0_API_TOKEN": "tok'en", "AUTH0_CLIENT_ID": "cid",
		"AUTH0_CLIENT_SECRET": "sec", "SSL_CERT_FILE": certFile, "NODE_EXTRA_CA_CERTS": certFile}
	if len(env) != len(want) {
		t.Errorf("environment = %v, want %v", env, want)
	}
	for k, v := range want {
		if env[k] != v {
			t.Errorf("%s = %q, want %q", k, env[k], v)
		}
	}
	if b, err := os.ReadFile(envFile); err != nil || string(b) != stdout.String() {
		t.Errorf("env file = %q, %v; want what was printed", b, err)
	}
	if b, err := os.ReadFile(certFile); err != nil || !bytes.Equal(b, srv.CertificatePEM()) {
		t.Errorf("cert file = %q, %v", b, err)
	}
	if acts := srv.Actions(); len(acts) != 1 || acts[0].DeployedVersion == nil {
		t.Errorf("seeded actions = %+v", acts)
	}
	// The flags reached the server: a new action's build shows the
	// statuses asked for.
	c := srv.Client()
	a, err := c.Actions.New(t.Context(), auth0.ActionNewParams{Name: "flags", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}})
	if err != nil {
		t.Fatal(err)
	}
	var statuses []string
	for range 4 {
		got, err := c.Actions.Get(t.Context(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		statuses = append(statuses, string(got.Status))
	}
	if got := strings.Join(statuses, " "); got != "building retrying packaged built" {
		t.Errorf("statuses = %s", got)
	}

	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit status %d, want 0; stderr: %s", code, stderr.String())
	}
	if _, err := os.Stat(envFile); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("env file left behind: %v", err)
	}
	if _, err := os.Stat(certFile); err != nil {
		t.Errorf("the -cert-file given was removed: %v", err)
	}
	if !strings.Contains(stderr.String(), "stopping (5 requests served)") {
		t.Errorf("stderr = %q", stderr.String())
	}
}

// TestRunRefuses: bad flags are a usage error (2), a bad seed or address
// an error (1), -h is help (0); nothing is served.
func TestRunRefuses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	badSeed := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(badSeed, []byte(`{"actions": [{"name": "a"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"-h"}, 0, "Usage: auth0test"},
		{[]string{"-nope"}, exitUsage, "flag provided but not defined"},
		{[]string{"extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"-rate-refill", "2"}, exitUsage, "-rate-refill needs -rate-limit"},
		{[]string{"-build-after-reads", "-1"}, 1, "WithBuildAfterReads"},
		{[]string{"-build-statuses", "building,built"}, 1, "WithBuildStatuses"},
		{[]string{"-listen", "nope"}, 1, "WithListenAddress"},
		{[]string{"-seed", badSeed}, 1, "WithSeed: actions[0] (a): 400"},
		{[]string{"-seed", filepath.Join(dir, "missing.json")}, 1, "missing.json"},
		{[]string{"-public-url", "ftp://x"}, 1, "WithPublicURL"},
	}
	for _, tc := range cases {
		var stdout, stderr syncBuffer
		code := run(t.Context(), tc.args, &stdout, &stderr, func(*auth0test.Server) { t.Errorf("%v: served", tc.args) })
		if code != tc.code || !strings.Contains(stderr.String(), tc.stderr) || stdout.String() != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want %d and %q", tc.args, code, stderr.String(), stdout.String(), tc.code, tc.stderr)
		}
	}
}

// TestPlainHTTP: -https=false serves plain http and says how to reach it.
func TestPlainHTTP(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-https=false"}, &stdout, &stderr, func(*auth0test.Server) { cancel() })
	}()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	out := stdout.String()
	if !strings.Contains(out, "# plain http") || strings.Contains(out, "SSL_CERT_FILE") || !strings.Contains(out, "AUTH0_DOMAIN") {
		t.Errorf("stdout = %q", out)
	}
}

// build compiles a package of this module into dir.
func build(t *testing.T, dir, pkg string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command on PATH: %v", err)
	}
	out := filepath.Join(dir, filepath.Base(pkg))
	cmd := exec.CommandContext(t.Context(), goBin, "build", "-o", out, pkg)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
	return out
}

// TestQuickstartLiveAgainstTheStandaloneServer runs the command as users
// do, and then the quickstart example with -live and the environment the
// command printed: the SDK reaches the fake as it reaches a tenant
// (https://{domain}, the certificate trusted through SSL_CERT_FILE), with
// the static token and then with client credentials. SIGTERM stops the
// server cleanly.
func TestQuickstartLiveAgainstTheStandaloneServer(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	server := build(t, dir, "github.com/actions-sdk/auth0-go/auth0test/cmd/auth0test")
	quickstart := build(t, dir, "github.com/actions-sdk/auth0-go/examples/quickstart")

	var stderr syncBuffer
	cmd := exec.CommandContext(t.Context(), server, "-build-after-reads", "2")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = w, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	_ = w.Close()
	// The environment is six lines, printed once the server listens.
	var printed strings.Builder
	sc := bufio.NewScanner(r)
	for len(parseEnv(t, printed.String())) < 6 && sc.Scan() {
		printed.WriteString(sc.Text() + "\n")
	}
	env := parseEnv(t, printed.String())
	if len(env) < 6 {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("the server printed %q; stderr %q", printed.String(), stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, r) }()

	base := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for _, creds := range [][]string{{"AUTH0_API_TOKEN"}, {"AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET"}} {
		vars := append([]string{}, base...)
		for _, k := range append([]string{"AUTH0_DOMAIN", "SSL_CERT_FILE"}, creds...) {
			vars = append(vars, k+"="+env[k])
		}
		qs := exec.CommandContext(t.Context(), quickstart, "-live")
		qs.Env = vars
		out, err := qs.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "9. unbound and deleted the action") ||
			!strings.Contains(string(out), "tenant "+env["AUTH0_DOMAIN"]) {
			t.Errorf("quickstart -live with %v: %v\n%s", creds, err, out)
		}
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("after SIGTERM: %v; stderr %q", err, stderr.String())
	}
	if _, err := os.Stat(env["SSL_CERT_FILE"]); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("certificate left behind: %v", err)
	}
	served := stderr.String()
	i := strings.Index(served, "stopping (")
	if i < 0 {
		t.Fatalf("stderr = %q", served)
	}
	n, _ := strconv.Atoi(strings.Fields(served[i+len("stopping ("):])[0])
	if n < 40 {
		t.Errorf("%d requests served, want the quickstart's two runs", n)
	}
}
