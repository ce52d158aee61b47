package auth0test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
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
	// URL is the server's root, such as http://127.0.0.1:41503 (no
	// trailing slash). The API is under URL+"/api/v2/".
	URL string

	t         reporter
	ts        *httptest.Server
	cfg       config
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
	s.ts = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.URL = s.ts.URL
	return s, nil
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

// Client returns an SDK client for this server: its base URL, its token
// (Token), its HTTP client, and retry waits of 1 to 10 milliseconds so that
// retry tests are quick; then opts, which may override any of them (for
// example option.WithClientCredentials to go through /oauth/token).
//
// After a 429 the client's rate-limit pacing may hold the next request
// until x-ratelimit-reset, up to a second later (the header counts whole
// seconds); option.WithRateLimitPacing(false) turns that off.
func (s *Server) Client(opts ...option.RequestOption) *auth0.Client {
	all := []option.RequestOption{
		option.WithBaseURL(s.URL + "/api/v2/"),
		option.WithToken(s.cfg.token),
		option.WithHTTPClient(s.ts.Client()),
		option.WithRetryWait(time.Millisecond, 10*time.Millisecond),
	}
	return auth0.NewClient(append(all, opts...)...)
}
