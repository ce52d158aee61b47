package contracttest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/actions-sdk/auth0-go/internal/testutil"
)

// prismStartTimeout bounds how long Prism may take to listen.
const prismStartTimeout = 30 * time.Second

func TestMain(m *testing.M) {
	// Ctrl-C reaches the test binary but not Prism, which runs in its own
	// process group: stop Prism, then exit.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sig
		stopAllPrism()
		fmt.Fprintf(os.Stderr, "contracttest: %v: stopped Prism\n", s)
		os.Exit(1)
	}()

	code := m.Run()
	stopAllPrism()
	if n := totals.requests.Load(); n > 0 {
		fmt.Printf("contracttest: %d calls checked (static %d, dynamic %d, auto-paging pages %d, workflow-helper requests %d), %d requests validated by Prism, %d violations\n",
			totals.static.Load()+totals.dynamic.Load()+totals.paging.Load()+totals.workflow.Load(),
			totals.static.Load(), totals.dynamic.Load(), totals.paging.Load(), totals.workflow.Load(),
			n, totals.violations.Load())
	}
	os.Exit(code)
}

// environment is where the suite finds Prism and the documents.
type environment struct {
	prism       string
	spec        string
	dynamicSpec string
	// missing says what is missing, when the suite cannot run.
	missing string
}

var resolveEnv = sync.OnceValue(func() environment {
	var env environment
	var missing []string

	env.spec = os.Getenv("AUTH0_OPENAPI_SPEC")
	specFrom := "AUTH0_OPENAPI_SPEC"
	if env.spec == "" {
		env.spec = filepath.Join("..", "testdata", "openapi", "auth0-actions.openapi.json")
		specFrom = "default path"
	}
	env.spec = absPath(env.spec)
	if !isFile(env.spec) {
		missing = append(missing, fmt.Sprintf("the OpenAPI document %s (%s) does not exist", env.spec, specFrom))
	}

	env.dynamicSpec = os.Getenv("AUTH0_OPENAPI_SPEC_DYNAMIC")
	if env.dynamicSpec != "" {
		env.dynamicSpec = absPath(env.dynamicSpec)
		if !isFile(env.dynamicSpec) {
			missing = append(missing, fmt.Sprintf("the OpenAPI document %s (AUTH0_OPENAPI_SPEC_DYNAMIC) does not exist", env.dynamicSpec))
		}
	} else {
		// The variant that types the list counters and version numbers as
		// integers, next to the document: random JSON numbers (floats) for
		// them would look nothing like the live API's.
		env.dynamicSpec = env.spec
		if base, ok := strings.CutSuffix(env.spec, ".openapi.json"); ok && isFile(base+".integers.openapi.json") {
			env.dynamicSpec = base + ".integers.openapi.json"
		}
	}

	env.prism = os.Getenv("PRISM_BIN")
	prismFrom := "PRISM_BIN"
	if env.prism == "" {
		env.prism = filepath.Join("..", "tools", "prism", "node_modules", ".bin", "prism")
		prismFrom = "default path"
	}
	if !strings.ContainsRune(env.prism, filepath.Separator) && !strings.Contains(env.prism, "/") {
		if p, err := exec.LookPath(env.prism); err == nil {
			env.prism = p
		}
	}
	env.prism = absPath(env.prism)
	if !isFile(env.prism) {
		missing = append(missing, fmt.Sprintf("Prism is not installed at %s (%s)", env.prism, prismFrom))
	} else if needsNode(env.prism) {
		if _, err := exec.LookPath("node"); err != nil {
			missing = append(missing, fmt.Sprintf("Node.js (node) is not on PATH, and %s is a Node.js script", env.prism))
		}
	}
	env.missing = strings.Join(missing, "; ")
	return env
})

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

// needsNode reports whether the executable is a script run by node (the
// npm-installed Prism) rather than a standalone binary.
func needsNode(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	return strings.HasPrefix(line, "#!") && strings.Contains(line, "node")
}

func ciMode() bool {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	return ci
}

// prismServer is one running Prism mock server.
type prismServer struct {
	dynamic bool
	spec    string
	baseURL string // http://127.0.0.1:PORT/

	cmd      *exec.Cmd
	out      *prismOutput
	done     chan struct{} // closed when the process has exited
	waitErr  error
	stopOnce sync.Once
}

func (s *prismServer) mode() string {
	if s.dynamic {
		return "dynamic"
	}
	return "static"
}

var (
	prismMu      sync.Mutex
	prismStarted []*prismServer
	prismClosed  bool
	prismStatic  = sync.OnceValues(func() (*prismServer, error) { return startPrism(false) })
	prismDynamic = sync.OnceValues(func() (*prismServer, error) { return startPrism(true) })
	warmUpOnce   sync.Once
)

// requirePrism returns the running Prism of the given mode, starting it (and,
// in the background, the other one) on first use. When Prism, Node.js or
// the document is missing it skips the test, or fails it with CI=true.
func requirePrism(t *testing.T, dynamic bool) *prismServer {
	t.Helper()
	env := resolveEnv()
	if env.missing != "" {
		if ciMode() {
			t.Fatalf("the contract suite cannot run and CI=true: %s. Install Prism with `make prism` (needs Node.js 20 and npm), then run `make contract`.", env.missing)
		}
		t.Skipf("contract suite skipped: %s. To run it: `make prism` (needs Node.js 20 and npm), then `make contract`.", env.missing)
	}
	warmUpOnce.Do(func() {
		go prismStatic()
		go prismDynamic()
	})
	start := prismStatic
	if dynamic {
		start = prismDynamic
	}
	srv, err := start()
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-srv.done:
		t.Fatalf("Prism (%s mode) exited: %v\n--- Prism output ---\n%s", srv.mode(), srv.waitErr, srv.out.tail(8000))
	default:
	}
	return srv
}

// requireSpec returns the path of the document, for tests that read it
// without Prism; it skips (or with CI=true fails) like requirePrism.
func requireSpec(t *testing.T) string {
	t.Helper()
	env := resolveEnv()
	if !isFile(env.spec) {
		if ciMode() {
			t.Fatalf("the contract suite cannot run and CI=true: %s", env.missing)
		}
		t.Skipf("contract suite skipped: %s", env.missing)
	}
	return env.spec
}

func startPrism(dynamic bool) (*prismServer, error) {
	env := resolveEnv()
	spec := env.spec
	if dynamic {
		spec = env.dynamicSpec
	}
	var lastErr error
	for range 3 { // a new port if another process took the free one first
		port, err := freePort()
		if err != nil {
			return nil, fmt.Errorf("finding a free loopback port for Prism: %w", err)
		}
		args := []string{"mock", "-p", strconv.Itoa(port), "-h", "127.0.0.1"}
		if dynamic {
			args = append(args, "-d")
		}
		args = append(args, spec)
		cmd := exec.Command(env.prism, args...)
		out := &prismOutput{}
		cmd.Stdout, cmd.Stderr = out, out
		cmd.Env = append(os.Environ(), "NO_COLOR=1", "FORCE_COLOR=0")
		cmd.WaitDelay = 2 * time.Second
		setProcessGroup(cmd)
		// Start and register under the lock, so that stopAllPrism cannot
		// miss a Prism started while the tests end.
		prismMu.Lock()
		if prismClosed {
			prismMu.Unlock()
			return nil, errors.New("the tests have ended")
		}
		if err := cmd.Start(); err != nil {
			prismMu.Unlock()
			return nil, fmt.Errorf("starting Prism (%s %s): %w", env.prism, strings.Join(args, " "), err)
		}
		srv := &prismServer{
			dynamic: dynamic,
			spec:    spec,
			baseURL: fmt.Sprintf("http://127.0.0.1:%d/", port),
			cmd:     cmd,
			out:     out,
			done:    make(chan struct{}),
		}
		prismStarted = append(prismStarted, srv)
		prismMu.Unlock()
		go func() {
			srv.waitErr = cmd.Wait()
			close(srv.done)
		}()
		if err := srv.waitReady(prismStartTimeout); err != nil {
			srv.stop()
			lastErr = fmt.Errorf("Prism (%s mode, %s) did not start: %v\ncommand: %s %s\n--- Prism output ---\n%s",
				srv.mode(), filepath.Base(spec), err, env.prism, strings.Join(args, " "), out.tail(8000))
			if strings.Contains(out.String(), "EADDRINUSE") {
				continue
			}
			return nil, lastErr
		}
		return srv, nil
	}
	return nil, lastErr
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls until Prism answers GET /actions/triggers with a 200,
// which also shows it is serving the document, or until it exits or the
// timeout passes.
func (s *prismServer) waitReady(timeout time.Duration) error {
	// Background, not a test's context: one Prism, started once through
	// sync.OnceValues, serves every test of the run, so its start must not
	// hang on whichever test happened to start it.
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	hc := &http.Client{Timeout: 2 * time.Second}
	var last error
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.baseURL+"actions/triggers", nil)
		req.Header.Set("Authorization", "Bearer contract-test-token")
		resp, err := hc.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			// Listening, but not serving the Actions document.
			return fmt.Errorf("Prism is listening on %s but GET /actions/triggers answered %s (is %s Auth0's Actions document?)",
				s.baseURL, resp.Status, s.spec)
		}
		last = err
		select {
		case <-s.done:
			return fmt.Errorf("Prism exited (%v) before listening", s.waitErr)
		case <-ctx.Done():
			return fmt.Errorf("not listening on %s after %s (last: %v)", s.baseURL, timeout, last)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// stop ends Prism and everything it started: SIGTERM to its process group,
// then SIGKILL.
func (s *prismServer) stop() {
	s.stopOnce.Do(func() {
		signalGroup(s.cmd, false)
		select {
		case <-s.done:
		case <-time.After(3 * time.Second):
		}
		signalGroup(s.cmd, true) // stragglers, or a Prism that ignored SIGTERM
		select {
		case <-s.done:
		case <-time.After(5 * time.Second):
		}
	})
}

func stopAllPrism() {
	prismMu.Lock()
	prismClosed = true
	started := append([]*prismServer(nil), prismStarted...)
	prismMu.Unlock()
	var wg sync.WaitGroup
	for _, s := range started {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.stop()
		}()
	}
	wg.Wait()
}

// prismOutput collects Prism's output, which Prism writes while tests read it.
type prismOutput struct{ testutil.SyncBuffer }

// tail returns the output, or its start and end when it is longer than n.
func (b *prismOutput) tail(n int) string {
	s := b.String()
	if len(s) > n {
		s = s[:n/2] + "\n[…]\n" + s[len(s)-n/2:]
	}
	if s == "" {
		s = "(no output)"
	}
	return s
}

// totals count across the whole run, for the summary.
var totals struct {
	static, dynamic, paging, workflow atomic.Int64
	requests, violations              atomic.Int64
}
