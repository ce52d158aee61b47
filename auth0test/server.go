package auth0test

import (
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// Server is a fake Auth0 Management API serving the 24 operations of the
// Actions API (14 for actions, versions, triggers, bindings and
// executions; 10 for Action Modules) under URL+"/api/v2/", and the
// client-credentials token endpoint at URL+"/oauth/token". Its state
// (actions, versions, bindings, executions, modules and their versions)
// lives in memory and is changed by requests as the live API would change
// it. All its methods are safe for concurrent use.
type Server struct {
	// URL is the server's root as a client on this machine reaches it,
	// such as http://127.0.0.1:41503, or https://127.0.0.1:41503 with
	// WithTLS (no trailing slash). The API is under URL+"/api/v2/".
	URL string

	t         reporter
	ts        *httptest.Server
	cfg       config
	certPEM   []byte // with WithTLS
	closeOnce sync.Once
	closed    chan struct{}

	// mu guards everything below, the model included.
	mu           sync.Mutex
	st           *state
	faults       map[string][]*Fault
	latency      time.Duration
	requests     []*Request
	issued       map[string]time.Time // client-credentials tokens and their expiry
	assertionIDs map[string]time.Time // jti of client assertions accepted, and their expiry
	bucket       bucket
}

// NewServer starts a fake API and closes it when the test ends
// (t.Cleanup). A bad option fails the test at once.
func NewServer(t testing.TB, opts ...ServerOption) *Server {
	t.Helper()
	s, err := start(t, opts)
	if err != nil {
		t.Fatalf("auth0test.NewServer: %v", err)
		return nil
	}
	t.Cleanup(s.Close)
	return s
}

// Start starts a fake API outside a test, for programs such as examples
// and local development; call Close when done. A bad option is an error.
// Misuse of the seeding methods (which fails a test under NewServer)
// panics with the reason.
func Start(opts ...ServerOption) (*Server, error) {
	return start(panicReporter{}, opts)
}

// reporter is the part of testing.TB the server uses.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// panicReporter reports misuse outside a test.
type panicReporter struct{}

func (panicReporter) Helper()                        {}
func (panicReporter) Errorf(format string, a ...any) { panic(fmt.Sprintf(format, a...)) }
func (panicReporter) Fatalf(format string, a ...any) { panic(fmt.Sprintf(format, a...)) }

func start(t reporter, opts []ServerOption) (*Server, error) {
	cfg := defaultConfig()
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	if cfg.err != nil {
		return nil, cfg.err
	}
	s := &Server{
		t:            t,
		cfg:          cfg,
		closed:       make(chan struct{}),
		faults:       map[string][]*Fault{},
		issued:       map[string]time.Time{},
		assertionIDs: map[string]time.Time{},
		bucket:       newBucket(cfg.limit, cfg.perSecond),
	}
	s.st = newState(&s.cfg)
	if cfg.seed != nil {
		if err := s.applySeed(cfg.seed); err != nil {
			return nil, err
		}
	}
	ts := httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	// The HTTP server's own errors (a client refusing the certificate, a
	// malformed request) go to the logger, or nowhere: never to the
	// standard logger.
	ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	if cfg.logger != nil {
		ts.Config.ErrorLog = slog.NewLogLogger(cfg.logger.Handler(), slog.LevelWarn)
	}
	if cfg.listenAddr != "" {
		l, err := net.Listen("tcp", cfg.listenAddr)
		if err != nil {
			ts.Close()
			return nil, fmt.Errorf("auth0test: listening on %s: %w", cfg.listenAddr, err)
		}
		_ = ts.Listener.Close()
		ts.Listener = l
	}
	host, port, _ := net.SplitHostPort(ts.Listener.Addr().String())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1" // listening everywhere, loopback included
	}
	scheme := "http"
	if cfg.tls {
		cert, pemBytes, err := newCertificate(certificateHosts(listenHost(cfg.listenAddr), publicHost(cfg.publicURL)), time.Now())
		if err != nil {
			ts.Close()
			return nil, fmt.Errorf("auth0test: making the TLS certificate: %w", err)
		}
		ts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		s.certPEM = pemBytes
		ts.StartTLS()
		scheme = "https"
	} else {
		ts.Start()
	}
	s.ts = ts
	s.URL = scheme + "://" + net.JoinHostPort(host, port)
	return s, nil
}

// splitListenAddress checks a listen address as net.Listen would read it.
func splitListenAddress(addr string) (host, port string, err error) {
	host, port, err = net.SplitHostPort(addr)
	if err != nil {
		return "", "", fmt.Errorf("%q is not host:port: %w", addr, err)
	}
	if _, err := net.LookupPort("tcp", port); err != nil {
		return "", "", fmt.Errorf("%q has a bad port: %w", addr, err)
	}
	return host, port, nil
}

// listenHost is the host of a listen address ("" for none).
func listenHost(addr string) string {
	host, _, _ := splitListenAddress(addr)
	return host
}

// publicHost is the host name of a public URL ("" for none).
func publicHost(publicURL string) string {
	_, rest, _ := strings.Cut(publicURL, "://")
	if host, _, err := net.SplitHostPort(rest); err == nil {
		return host
	}
	return strings.Trim(rest, "[]")
}

// Domain returns the domain clients use for the server, as they use a
// tenant's domain: the host and port of URL (127.0.0.1:41503), or of
// WithPublicURL's URL when it is set. With WithTLS, real clients reach the
// server at https://{domain}, as they reach Auth0: AUTH0_DOMAIN for this
// SDK, Auth0's Deploy CLI and Terraform provider, option.WithDomain.
func (s *Server) Domain() string {
	u := s.URL
	if s.cfg.publicURL != "" {
		u = s.cfg.publicURL
	}
	_, host, _ := strings.Cut(u, "://")
	return host
}

// localDomain is the host and port of URL: where this machine reaches the
// server, whatever the public URL.
func (s *Server) localDomain() string {
	_, host, _ := strings.Cut(s.URL, "://")
	return host
}

// Close shuts the server down, ending requests still delayed by latency or
// faults. It is called by the test's cleanup; calling it again is harmless.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closed)
		s.ts.Close()
	})
}

// Token returns the bearer token the server accepts.
func (s *Server) Token() string { return s.cfg.token }

// Client returns an SDK client for this server: its address, its token
// (Token), its HTTP client, and retry waits of 1 to 10 milliseconds so that
// retry tests are quick; then opts, which may override any of them (for
// example option.WithClientCredentials to go through /oauth/token). With
// WithTLS the client calls https://{domain} (option.WithDomain with the
// server's 127.0.0.1:PORT) and its HTTP client trusts the server's
// certificate, so requests and token requests go exactly where a client of
// a real tenant sends them; without it, the client uses
// option.WithBaseURL(URL+"/api/v2/") over plain http to loopback.
//
// After a 429 the client's rate-limit pacing may hold the next request
// until x-ratelimit-reset, up to a second later (the header counts whole
// seconds); option.WithRateLimitPacing(false) turns that off.
func (s *Server) Client(opts ...option.RequestOption) *auth0.Client {
	target := option.WithBaseURL(s.URL + "/api/v2/")
	if s.certPEM != nil {
		target = option.WithDomain(s.localDomain())
	}
	all := []option.RequestOption{
		target,
		option.WithToken(s.cfg.token),
		option.WithHTTPClient(s.ts.Client()),
		option.WithRetryWait(time.Millisecond, 10*time.Millisecond),
	}
	return auth0.NewClient(append(all, opts...)...)
}
