package interop

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/actions-sdk/auth0-go/auth0test"
)

// The helpers of the interop tests: finding the pinned Deploy CLI, running
// it with a clean environment, and reading what the fake saw.

func ciMode() bool {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	return ci
}

// minNode is the oldest Node.js the pinned Deploy CLI supports (its
// engines field).
var minNode = [3]int{20, 19, 0}

// requireDeployCLI returns the a0deploy executable, or skips the test or
// benchmark (fails it with CI=true) when it or Node.js is missing.
func requireDeployCLI(t testing.TB) string {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...) + ". Install it with `make deploycli` (needs Node.js 20.19 or newer and npm), then run `make interop`."
		if ciMode() {
			t.Fatalf("the interop tests and benchmarks cannot run and CI=true: %s", msg)
		}
		t.Skipf("interop skipped: %s", msg)
	}
	bin := os.Getenv("DEPLOYCLI_BIN")
	from := "DEPLOYCLI_BIN"
	if bin == "" {
		bin, from = filepath.Join("..", "tools", "deploycli", "node_modules", ".bin", "a0deploy"), "default path"
	}
	abs, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(abs); err != nil || fi.IsDir() {
		missing("the Deploy CLI is not installed at %s (%s)", abs, from)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("Node.js (node) is not on PATH")
	}
	out, err := exec.CommandContext(t.Context(), node, "--version").Output()
	if err != nil {
		missing("node --version: %v", err)
	}
	if v := parseVersion(strings.TrimSpace(string(out))); compareVersions(v, minNode) < 0 {
		missing("Node.js %s is older than %d.%d", strings.TrimSpace(string(out)), minNode[0], minNode[1])
	}
	return abs
}

var versionRE = regexp.MustCompile(`^v?(\d+)\.(\d+)\.(\d+)`)

func parseVersion(s string) [3]int {
	var v [3]int
	m := versionRE.FindStringSubmatch(s)
	for i := range v {
		if m != nil {
			v[i], _ = strconv.Atoi(m[i+1])
		}
	}
	return v
}

func compareVersions(a, b [3]int) int {
	for i := range a {
		if a[i] != b[i] {
			return a[i] - b[i]
		}
	}
	return 0
}

// deployCLI runs a0deploy against one server.
type deployCLI struct {
	bin    string
	dir    string // working directory and HOME
	config string // the config file
	cert   string // the server's certificate, for NODE_EXTRA_CA_CERTS
	srv    *auth0test.Server
	secret string // the client secret the fake issues tokens for
}

// run runs a0deploy with args and returns its output and how long it
// took; it fails the test when a0deploy fails.
func (d *deployCLI) run(t testing.TB, args ...string) (string, time.Duration) {
	t.Helper()
	out, took, err := d.try(t, args...)
	if err != nil {
		t.Fatalf("a0deploy %s: %v (after %s)\n--- output ---\n%s\n--- requests the fake received ---\n%s",
			strings.Join(args, " "), err, took.Round(time.Millisecond), out, requestLog(d.srv.Requests()))
	}
	return out, took
}

// try runs a0deploy with args and returns its output, how long it took,
// and its error (an *exec.ExitError when it ran and failed). The
// environment is clean but for PATH: nothing of the developer's (an
// AUTH0_DOMAIN, a token) can reach the Deploy CLI, which reads every
// AUTH0_* variable, and send it to a real tenant.
func (d *deployCLI) try(t testing.TB, args ...string) (string, time.Duration, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, d.bin, args...)
	cmd.Dir = d.dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + d.dir, "NODE_EXTRA_CA_CERTS=" + d.cert, "NO_COLOR=1"}
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	return string(out), time.Since(start), err
}

// requestLog lists requests one a line: method, path and query, route,
// status.
func requestLog(reqs []auth0test.Request) string {
	var b strings.Builder
	for _, r := range reqs {
		fmt.Fprintf(&b, "%s %s", r.Method, target(r))
		fmt.Fprintf(&b, "  [%s] %d\n", r.Route, r.Status)
	}
	return b.String()
}

// target is a request's path and query, as recordings write it.
func target(r auth0test.Request) string {
	if q := r.Query.Encode(); q != "" {
		return r.Path + "?" + q
	}
	return r.Path
}

// countByRoute counts requests per route, for the log.
func countByRoute(reqs []auth0test.Request) string {
	counts := map[string]int{}
	var order []string
	for _, r := range reqs {
		if counts[r.Route] == 0 {
			order = append(order, r.Route)
		}
		counts[r.Route]++
	}
	parts := make([]string, 0, len(order))
	for _, route := range order {
		parts = append(parts, fmt.Sprintf("%s ×%d", route, counts[route]))
	}
	return strings.Join(parts, ", ")
}

// copyDir copies a directory tree.
func copyDir(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// readJSON decodes a JSON file.
func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// writeJSON encodes v into a file, indented as the Deploy CLI writes.
func writeJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
}

// codeFiles returns the code files under dir, by path relative to it.
func codeFiles(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".js" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// newFake starts the fake over HTTPS, issuing tokens to the Deploy CLI's
// client credentials, with a directory for the run (the Deploy CLI's
// working directory and HOME, its config.json and the fake's certificate)
// and a deployCLI configured for it: only the actions, modules and
// triggers handlers (AUTH0_INCLUDED_ONLY; without it the Deploy CLI calls
// about 150 endpoints of the Management API that the fake does not
// serve), and keywords as AUTH0_KEYWORD_REPLACE_MAPPINGS.
func newFake(tb testing.TB, bin string, keywords map[string]string, opts ...auth0test.ServerOption) *deployCLI {
	tb.Helper()
	secret := rand.Text()
	dir := tb.TempDir()
	srv := auth0test.NewServer(tb, append([]auth0test.ServerOption{auth0test.WithTLS(), auth0test.WithClientCredentials(clientID, secret)}, opts...)...)
	cli := &deployCLI{bin: bin, dir: dir, config: filepath.Join(dir, "config.json"), cert: filepath.Join(dir, "auth0test.pem"), srv: srv, secret: secret}
	if err := srv.WriteCertificate(cli.cert); err != nil {
		tb.Fatal(err)
	}
	config := map[string]any{
		"AUTH0_DOMAIN":        srv.Domain(),
		"AUTH0_CLIENT_ID":     clientID,
		"AUTH0_CLIENT_SECRET": secret,
		"AUTH0_INCLUDED_ONLY": []string{"actions", "actionModules", "triggers"},
	}
	if len(keywords) > 0 {
		config["AUTH0_KEYWORD_REPLACE_MAPPINGS"] = keywords
	}
	writeJSON(tb, cli.config, config)
	return cli
}

// importDir runs a0deploy import of dir (a directory or a YAML file).
func (d *deployCLI) importDir(tb testing.TB, dir string) (string, time.Duration) {
	tb.Helper()
	return d.run(tb, "import", "--config_file", d.config, "--input_file", dir)
}

// export runs a0deploy export in format (directory or yaml) into dir.
func (d *deployCLI) export(tb testing.TB, format, dir string) (string, time.Duration) {
	tb.Helper()
	return d.run(tb, "export", "--config_file", d.config, "--format", format, "--output_folder", dir)
}
