// Command auth0test runs the auth0test fake of Auth0's Actions Management
// API as a standalone server, for testing programs in any language (Auth0's
// Deploy CLI, its Terraform provider, its Node.js and Python SDKs, your
// own) against a stateful fake tenant instead of a real one:
//
//	go run github.com/actions-sdk/auth0-go/auth0test/cmd/auth0test -env-file auth0test.env &
//	until [ -s auth0test.env ]; do sleep 0.1; done
//	. ./auth0test.env        # AUTH0_DOMAIN, AUTH0_API_TOKEN, AUTH0_CLIENT_ID, …
//	a0deploy export -c config.json -f directory -o out
//
// It serves HTTPS by default, as Auth0 does, with a certificate made at
// start, written to a file. Once it listens it prints, on standard output
// and in -env-file, the environment a client needs, ready to eval:
//
//	export AUTH0_DOMAIN='127.0.0.1:41503'
//	export AUTH0_API_TOKEN='auth0test-…'
//	export AUTH0_CLIENT_ID='auth0test'
//	export AUTH0_CLIENT_SECRET='…'
//	export SSL_CERT_FILE='/tmp/auth0test-41503.pem'
//	export NODE_EXTRA_CA_CERTS='/tmp/auth0test-41503.pem'
//
// AUTH0_DOMAIN and the credentials are the names this SDK, Auth0's CLI and
// Terraform provider read (the Deploy CLI reads AUTH0_DOMAIN,
// AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET). SSL_CERT_FILE makes Go programs
// trust the certificate; on Linux it replaces the system's roots, so set
// it only for the program under test. NODE_EXTRA_CA_CERTS adds it to
// Node.js's roots. The server runs until SIGINT or SIGTERM, then stops,
// removing the files it wrote (a -cert-file given by you is kept).
//
// Flags set the behaviour that auth0test's options set in Go: how builds
// progress (-build-delay, -build-after-reads, -build-statuses), the deploy
// lag before a binding succeeds (-deploy-lag), a rate limit (-rate-limit,
// -rate-refill), the Action Modules limits, the credentials, a public URL
// behind a proxy, and a seed: a JSON file with the tenant's modules,
// actions and bindings at start (see auth0test.WithSeed for its format).
// Run it with -h for the list.
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil))
}

// exitUsage is the exit status of a bad command line, as flag's.
const exitUsage = 2

// settings are the command line's values.
type settings struct {
	listen, certFile, envFile, seedFile, publicURL string
	token, clientID, clientSecret                  string
	https, log                                     bool
	buildStatuses                                  []auth0.BuildStatus
	buildDelay, deployLag, tokenLifetime           time.Duration
	buildAfterReads                                int
	rateLimit                                      int
	rateRefill                                     float64
	limits                                         auth0test.ModuleLimits
}

func parseFlags(args []string, stderr io.Writer) (*settings, error) {
	var st settings
	fs := flag.NewFlagSet("auth0test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: auth0test [flags]\n\n"+
			"Serves a fake Auth0 Actions Management API and prints the environment a client needs.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&st.listen, "listen", "127.0.0.1:0", "`address` to listen on (host:port; port 0 picks a free one)")
	fs.BoolVar(&st.https, "https", true, "serve HTTPS with a certificate made at start (-https=false: plain http)")
	fs.StringVar(&st.certFile, "cert-file", "", "`file` to write the certificate to (default: auth0test-PORT.pem in the temporary directory, removed on exit)")
	fs.StringVar(&st.envFile, "env-file", "", "also write the environment to this `file` once the server listens (removed on exit)")
	fs.StringVar(&st.publicURL, "public-url", "", "the `URL` clients use when the server is behind a proxy or port mapping (its audience is accepted; AUTH0_DOMAIN is its host)")
	fs.StringVar(&st.seedFile, "seed", "", "JSON `file` of modules, actions and bindings the tenant starts with (format: go doc auth0test.WithSeed)")
	fs.StringVar(&st.token, "token", "", "the static bearer `token` the API accepts, printed as AUTH0_API_TOKEN (default: random)")
	fs.StringVar(&st.clientID, "client-id", "auth0test", "the client ID of the client-credentials grant")
	fs.StringVar(&st.clientSecret, "client-secret", "", "the client secret of the client-credentials grant (default: random)")
	fs.DurationVar(&st.tokenLifetime, "token-lifetime", 24*time.Hour, "expires_in of the tokens /oauth/token issues")
	fs.DurationVar(&st.buildDelay, "build-delay", 0, "how long a build takes after a create or update")
	fs.IntVar(&st.buildAfterReads, "build-after-reads", 0, "a build finishes at the `n`th GET of the action (0: at once)")
	fs.Func("build-statuses", "comma-separated `statuses` a running build shows, one per read of the action, as live builds pass through them: building, packaged, retrying (for example building,retrying,packaged)", func(s string) error {
		st.buildStatuses = nil
		for _, v := range strings.Split(s, ",") {
			st.buildStatuses = append(st.buildStatuses, auth0.BuildStatus(strings.TrimSpace(v)))
		}
		return nil
	})
	fs.DurationVar(&st.deployLag, "deploy-lag", 0, "for this long after a deploy, binding the action is the live API's 400 \"has not been deployed yet\"")
	fs.IntVar(&st.rateLimit, "rate-limit", 0, "rate-limit bucket `size`: requests beyond it get 429 (0: no limit)")
	fs.Float64Var(&st.rateRefill, "rate-refill", 0, "requests per second the bucket refills (default: the bucket size)")
	fs.IntVar(&st.limits.ModulesPerAction, "modules-per-action", 0, "Action Modules limit (0: Auth0's, 3)")
	fs.IntVar(&st.limits.SecretsPerModule, "secrets-per-module", 0, "Action Modules limit (0: Auth0's, 30)")
	fs.IntVar(&st.limits.DependenciesPerModule, "dependencies-per-module", 0, "Action Modules limit (0: Auth0's, 10)")
	fs.IntVar(&st.limits.VersionsPerModule, "versions-per-module", 0, "Action Modules limit (0: Auth0's, 50)")
	fs.IntVar(&st.limits.ModulesPerTenant, "modules-per-tenant", 0, "Action Modules limit (0: Auth0's, 100)")
	fs.BoolVar(&st.log, "log", false, "log each request (method, path, status; never a header or body) to standard error")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if st.rateRefill != 0 && st.rateLimit <= 0 {
		return nil, errors.New("-rate-refill needs -rate-limit")
	}
	return &st, nil
}

// options turns the settings into the server's options.
func (st *settings) options(stderr io.Writer) ([]auth0test.ServerOption, error) {
	opts := []auth0test.ServerOption{
		auth0test.WithListenAddress(st.listen),
		auth0test.WithClientCredentials(st.clientID, st.clientSecret),
		auth0test.WithTokenLifetime(st.tokenLifetime),
		auth0test.WithBuildDelay(st.buildDelay),
		auth0test.WithBuildAfterReads(st.buildAfterReads),
		auth0test.WithDeployLag(st.deployLag),
		auth0test.WithModuleLimits(st.limits),
		auth0test.WithBuildStatuses(st.buildStatuses...),
	}
	if st.https {
		opts = append(opts, auth0test.WithTLS())
	}
	if st.token != "" {
		opts = append(opts, auth0test.WithToken(st.token))
	}
	if st.publicURL != "" {
		opts = append(opts, auth0test.WithPublicURL(st.publicURL))
	}
	if st.rateLimit > 0 {
		refill := st.rateRefill
		if refill == 0 {
			refill = float64(st.rateLimit)
		}
		opts = append(opts, auth0test.WithRateLimit(st.rateLimit, refill))
	}
	if st.seedFile != "" {
		data, err := os.ReadFile(st.seedFile) //nolint:gosec // G703: the file the user names with -seed is the one to read
		if err != nil {
			return nil, err
		}
		opts = append(opts, auth0test.WithSeed(data))
	}
	if st.log {
		opts = append(opts, auth0test.WithLogger(slog.New(slog.NewTextHandler(stderr, nil))))
	}
	return opts, nil
}

// run serves until ctx ends and returns the exit status. ready, when not
// nil, receives the server once it listens (for tests).
func run(ctx context.Context, args []string, stdout, stderr io.Writer, ready func(*auth0test.Server)) int {
	st, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		if !strings.HasPrefix(err.Error(), "flag provided but not defined") && !strings.Contains(err.Error(), "invalid value") {
			fmt.Fprintf(stderr, "auth0test: %v\n", err)
		}
		return exitUsage
	}
	if st.clientSecret == "" {
		st.clientSecret = randomSecret()
	}
	opts, err := st.options(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "auth0test: %v\n", err)
		return 1
	}
	if st.envFile != "" {
		// A waiting script must not read the environment of an earlier run.
		if err := os.Remove(st.envFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(stderr, "auth0test: %v\n", err)
			return 1
		}
	}
	srv, err := auth0test.Start(opts...)
	if err != nil {
		fmt.Fprintf(stderr, "auth0test: %v\n", err)
		return 1
	}
	var cleanup []string
	defer func() {
		srv.Close()
		for _, f := range cleanup {
			_ = os.Remove(f)
		}
	}()

	certFile := st.certFile
	if st.https {
		if certFile == "" {
			_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "https://"))
			certFile = filepath.Join(os.TempDir(), "auth0test-"+port+".pem")
			cleanup = append(cleanup, certFile)
		}
		if certFile, err = filepath.Abs(certFile); err == nil {
			err = srv.WriteCertificate(certFile)
		}
		if err != nil {
			fmt.Fprintf(stderr, "auth0test: %v\n", err)
			return 1
		}
	}
	env := environment(srv, st, certFile)
	if _, err := io.WriteString(stdout, env); err != nil {
		fmt.Fprintf(stderr, "auth0test: %v\n", err)
		return 1
	}
	if st.envFile != "" {
		if err := writeAtomic(st.envFile, env); err != nil {
			fmt.Fprintf(stderr, "auth0test: %v\n", err)
			return 1
		}
		cleanup = append(cleanup, st.envFile)
	}
	fmt.Fprintf(stderr, "auth0test: serving the Actions API at %s/api/v2/ (domain %s); stop with Ctrl-C or SIGTERM\n", srv.URL, srv.Domain())
	if ready != nil {
		ready(srv)
	}
	<-ctx.Done()
	fmt.Fprintf(stderr, "auth0test: stopping (%d requests served)\n", srv.RequestCount(auth0test.RouteAny))
	return 0
}

// environment is what a client needs, as shell exports.
func environment(srv *auth0test.Server, st *settings, certFile string) string {
	var b strings.Builder
	export := func(name, value string) { fmt.Fprintf(&b, "export %s=%s\n", name, shellQuote(value)) }
	if !st.https {
		fmt.Fprintf(&b, "# plain http: clients that always use https://{domain} cannot reach it; use the base URL %s/api/v2/\n", srv.URL)
	}
	export("AUTH0_DOMAIN", srv.Domain())
	export("AUTH0_API_TOKEN", srv.Token())
	export("AUTH0_CLIENT_ID", st.clientID)
	export("AUTH0_CLIENT_SECRET", st.clientSecret)
	if st.https {
		export("SSL_CERT_FILE", certFile)
		export("NODE_EXTRA_CA_CERTS", certFile)
	}
	return b.String()
}

// randomSecret is a client secret for a run.
func randomSecret() string {
	return rand.Text()
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// writeAtomic writes data to path so that a reader sees all of it or
// nothing.
func writeAtomic(path, data string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".auth0test-env-*")
	if err != nil {
		return err
	}
	_, err = tmp.WriteString(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
	return err
}
