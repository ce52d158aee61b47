package auth0test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// Server is a fake Auth0 Management API serving the 14 Actions endpoints
// under URL+"/api/v2/", and the client-credentials token endpoint at
// URL+"/oauth/token". Its state (actions, versions, bindings, executions)
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

	mu         sync.Mutex
	actions    map[string]*action
	seq        int
	bindings   map[string][]*binding // by trigger ID, in execution order
	executions map[string]wireExecution
	failBuilds map[string][]auth0.ActionError
	faults     map[string][]*Fault
	latency    time.Duration
	requests   []*Request
	issued     map[string]time.Time // client-credentials tokens and their expiry
	bucket     bucket
}

// ServerOption configures a Server; pass it to NewServer.
type ServerOption func(*config)

type config struct {
	token           string
	clientID        string
	clientSecret    string
	tokenLifetime   time.Duration
	buildAfterReads int
	buildDelay      time.Duration
	limit           int
	perSecond       float64
	now             func() time.Time
	err             error
}

func (c *config) fail(format string, args ...any) {
	if c.err == nil {
		c.err = fmt.Errorf(format, args...)
	}
}

// WithToken sets the bearer token the server accepts (Server.Token);
// by default it is a random one.
func WithToken(token string) ServerOption {
	return func(c *config) {
		if token == "" || strings.ContainsAny(token, " \t\r\n") {
			c.fail("WithToken: the token must be non-empty and without spaces")
			return
		}
		c.token = token
	}
}

// WithClientCredentials makes POST /oauth/token issue access tokens for
// this client ID and secret (grant_type client_credentials, audience
// URL+"/api/v2/"). The tokens are accepted by the API until they expire
// (see WithTokenLifetime). Without this option the token endpoint refuses
// every client.
func WithClientCredentials(clientID, clientSecret string) ServerOption {
	return func(c *config) {
		if clientID == "" || clientSecret == "" {
			c.fail("WithClientCredentials: both the client ID and the client secret are required")
			return
		}
		c.clientID, c.clientSecret = clientID, clientSecret
	}
}

// WithTokenLifetime sets the expires_in of issued access tokens (default
// 24 hours, as Auth0). Tokens expire by the server's clock (WithClock).
func WithTokenLifetime(d time.Duration) ServerOption {
	return func(c *config) {
		if d < time.Second {
			c.fail("WithTokenLifetime: %s is shorter than a second", d)
			return
		}
		c.tokenLifetime = d
	}
}

// WithBuildAfterReads makes a build (after a create or an update) finish
// at the nth GET /actions/actions/{id} of the action: the create or update
// response says "pending", reads 1 to n-1 "building", and read n "built"
// (or "failed"). Lists and the inspection methods do not count as reads.
// 0, the default, builds at once: the create response still says
// "pending", as live, and everything after it sees "built". Combined with
// WithBuildDelay, both must have passed.
func WithBuildAfterReads(n int) ServerOption {
	return func(c *config) {
		if n < 0 {
			c.fail("WithBuildAfterReads: %d is negative", n)
			return
		}
		c.buildAfterReads = n
	}
}

// WithBuildDelay makes a build finish d after the create or update, by the
// server's clock (WithClock); until then the action reads "building".
func WithBuildDelay(d time.Duration) ServerOption {
	return func(c *config) {
		if d < 0 {
			c.fail("WithBuildDelay: %s is negative", d)
			return
		}
		c.buildDelay = d
	}
}

// WithRateLimit enforces a token bucket on the API: it holds limit
// requests and refills at perSecond. An empty bucket answers 429, as
// Auth0's global limit does. Every API response carries the bucket in
// x-ratelimit-limit, x-ratelimit-remaining and x-ratelimit-reset (when it
// is full again, in Unix seconds). The default bucket (a million requests,
// refilled a million a second) is never hit by tests.
func WithRateLimit(limit int, perSecond float64) ServerOption {
	return func(c *config) {
		if limit < 1 || !(perSecond > 0) || math.IsInf(perSecond, 0) {
			c.fail("WithRateLimit: need limit >= 1 and a finite perSecond > 0, got %d and %g", limit, perSecond)
			return
		}
		c.limit, c.perSecond = limit, perSecond
	}
}

// WithClock sets the clock of timestamps, build delays and token expiry
// (time.Now by default), for deterministic tests. The rate-limit bucket and
// latency always use real time.
func WithClock(now func() time.Time) ServerOption {
	return func(c *config) {
		if now == nil {
			c.fail("WithClock: the clock is nil")
			return
		}
		c.now = now
	}
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
	cfg := config{
		token:         "auth0test-" + randomHex(16),
		tokenLifetime: 24 * time.Hour,
		limit:         1_000_000,
		perSecond:     1_000_000,
		now:           time.Now,
	}
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	if cfg.err != nil {
		return nil, cfg.err
	}
	s := &Server{
		t:          t,
		cfg:        cfg,
		closed:     make(chan struct{}),
		actions:    map[string]*action{},
		bindings:   map[string][]*binding{},
		executions: map[string]wireExecution{},
		failBuilds: map[string][]auth0.ActionError{},
		faults:     map[string][]*Fault{},
		issued:     map[string]time.Time{},
	}
	s.bucket = bucket{limit: float64(cfg.limit), rate: cfg.perSecond, tokens: float64(cfg.limit), at: time.Now()}
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

func (s *Server) now() time.Time { return s.cfg.now() }

// Request is a request the server received, for assertions.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Route is the endpoint, such as RouteActionsDeploy; empty when the
	// request matched no endpoint.
	Route string
	// Path is the escaped request path, such as /api/v2/actions/actions/a%2Fb.
	Path string
	// Query is the parsed query string.
	Query url.Values
	// Header holds the request headers.
	Header http.Header
	// Body is the request body.
	Body []byte
	// Status is the response status; 0 while in flight or when the
	// connection was dropped.
	Status int
	// Time is when the request arrived (real time).
	Time time.Time
}

// Requests returns the requests received since the start or the last
// ResetRequests, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, 0, len(s.requests))
	for _, r := range s.requests {
		c := *r
		c.Query = cloneValues(r.Query)
		c.Header = r.Header.Clone()
		c.Body = bytes.Clone(r.Body)
		out = append(out, c)
	}
	return out
}

// RequestCount returns how many requests reached route (a Route…
// constant, such as RouteActionsDeploy, or RouteAny for all) since the start
// or the last ResetRequests. Requests answered by a fault, refused or
// dropped count too.
func (s *Server) RequestCount(route string) int {
	s.checkRoute("RequestCount", route)
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if route == RouteAny || r.Route == route {
			n++
		}
	}
	return n
}

// ResetRequests forgets the requests received so far (Requests and
// RequestCount start again from zero). State and faults are kept.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// SetLatency delays every response by d (0 turns it off). The wait ends
// early when the client gives up or the server closes.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d < 0 {
		d = 0
	}
	s.latency = d
}

// RevokeTokens makes every access token issued by /oauth/token invalid
// (401), as when a tenant rotates its signing key, so that a client's
// renewal after a 401 can be tested. Server.Token stays valid.
func (s *Server) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.issued)
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// apiError is an error response in Auth0's shape.
type apiError struct {
	status  int
	message string
	code    string
	// attributes is the extra object of some 401s.
	attributes map[string]string
}

func (e *apiError) body() map[string]any {
	m := map[string]any{"statusCode": e.status, "error": http.StatusText(e.status), "message": e.message}
	if e.code != "" {
		m["errorCode"] = e.code
	}
	if e.attributes != nil {
		m["attributes"] = e.attributes
	}
	return m
}

func notFound(msg string) *apiError { return &apiError{status: http.StatusNotFound, message: msg} }

var (
	errActionNotFound    = notFound("That action does not exist.")
	errVersionNotFound   = notFound("That action version does not exist.")
	errExecutionNotFound = notFound("That execution does not exist.")
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		fmt.Fprintf(&buf, `{"statusCode":500,"error":"Internal Server Error","message":%q}`, "auth0test: "+err.Error())
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// statusWriter records the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// bucket is the token bucket behind the x-ratelimit-* headers.
type bucket struct {
	limit, rate, tokens float64
	at                  time.Time
}

func (b *bucket) refill(now time.Time) {
	if el := now.Sub(b.at).Seconds(); el > 0 {
		b.tokens = math.Min(b.limit, b.tokens+el*b.rate)
		b.at = now
	}
}

// take spends a token; false when the bucket is empty.
func (b *bucket) take(now time.Time) bool {
	b.refill(now)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (b *bucket) setHeaders(h http.Header, now time.Time, empty bool) {
	b.refill(now)
	remaining := int(math.Floor(b.tokens))
	if empty {
		remaining = 0
	}
	full := now.Add(time.Duration((b.limit - b.tokens) / b.rate * float64(time.Second)))
	reset := full.Unix()
	if full.Nanosecond() > 0 {
		reset++
	}
	h.Set("X-Ratelimit-Limit", strconv.Itoa(int(b.limit)))
	h.Set("X-Ratelimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-Ratelimit-Reset", strconv.FormatInt(reset, 10))
}

// sleep waits d, or until the request is abandoned or the server closes;
// it reports whether the whole wait passed.
func (s *Server) sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
	case <-s.closed:
	}
	return false
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	rt := match(r)
	rec := &Request{Method: r.Method, Route: rt.name, Path: r.URL.EscapedPath(), Query: r.URL.Query(),
		Header: r.Header.Clone(), Body: body, Time: time.Now()}
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	latency := s.latency
	fault := s.takeFault(rt.name)
	s.mu.Unlock()

	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		s.mu.Lock()
		rec.Status = sw.status
		s.mu.Unlock()
	}()

	if !s.sleep(r, latency) {
		return
	}
	if fault != nil {
		if !s.sleep(r, fault.Delay) {
			return
		}
		if fault.Drop {
			dropConnection(w)
			return
		}
		if fault.Status != 0 {
			s.writeFault(sw, rt, fault)
			return
		}
	}
	switch {
	case rt.token:
		s.serveToken(sw, r, body)
	case rt.api:
		s.serveAPI(sw, r, rt, body)
	default:
		writeJSON(sw, http.StatusNotFound, notFound("Not Found").body())
	}
}

func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, rt routeMatch, body []byte) {
	s.mu.Lock()
	now := time.Now()
	if e := s.authorize(r); e != nil {
		s.bucket.setHeaders(w.Header(), now, false)
		s.mu.Unlock()
		writeJSON(w, e.status, e.body())
		return
	}
	if !s.bucket.take(now) {
		s.bucket.setHeaders(w.Header(), now, true)
		s.mu.Unlock()
		writeJSON(w, http.StatusTooManyRequests, tooManyRequests().body())
		return
	}
	s.bucket.setHeaders(w.Header(), now, false)
	if rt.handler == nil {
		s.mu.Unlock()
		writeJSON(w, http.StatusNotFound, notFound("Not Found").body())
		return
	}
	status, v, e := rt.handler(s, r, rt.params, body)
	s.mu.Unlock()
	switch {
	case e != nil:
		writeJSON(w, e.status, e.body())
	case status == http.StatusNoContent:
		w.WriteHeader(status)
	default:
		writeJSON(w, status, v)
	}
}

func tooManyRequests() *apiError {
	return &apiError{status: http.StatusTooManyRequests, message: "Global limit has been reached", code: "too_many_requests"}
}

// authorize checks the bearer token; s.mu is held.
func (s *Server) authorize(r *http.Request) *apiError {
	h := r.Header.Get("Authorization")
	if h == "" {
		return &apiError{status: http.StatusUnauthorized, message: "Missing authentication"}
	}
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return &apiError{status: http.StatusBadRequest, message: "Bad HTTP authentication header format"}
	}
	tok = strings.TrimSpace(tok)
	if tok == s.cfg.token {
		return nil
	}
	if exp, ok := s.issued[tok]; ok {
		if s.now().Before(exp) {
			return nil
		}
		return &apiError{status: http.StatusUnauthorized, message: "Expired token received for JSON Web Token validation",
			attributes: map[string]string{"error": "Expired token received for JSON Web Token validation"}}
	}
	return &apiError{status: http.StatusUnauthorized, message: "Invalid token", attributes: map[string]string{"error": "Invalid token"}}
}

// serveToken is POST /oauth/token with the client-credentials grant.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request, body []byte) {
	oauthError := func(status int, code, desc string) {
		writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
	}
	params := url.Values{}
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	switch {
	case strings.HasPrefix(ct, "application/json"):
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			oauthError(http.StatusBadRequest, "invalid_request", "Invalid request payload JSON format")
			return
		}
		for k, v := range m {
			if str, ok := v.(string); ok {
				params.Set(k, str)
			}
		}
	default:
		var err error
		if params, err = url.ParseQuery(string(body)); err != nil {
			oauthError(http.StatusBadRequest, "invalid_request", "Invalid request body")
			return
		}
	}
	if id, secret, ok := r.BasicAuth(); ok {
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
		params.Set("client_id", id)
		params.Set("client_secret", secret)
	}
	switch grant := params.Get("grant_type"); grant {
	case "client_credentials":
	case "":
		oauthError(http.StatusBadRequest, "invalid_request", "Missing required parameter: grant_type")
		return
	default:
		oauthError(http.StatusForbidden, "unauthorized_client", "Grant type '"+grant+"' not allowed for the client.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cfg.clientID == "" || params.Get("client_id") != s.cfg.clientID || params.Get("client_secret") != s.cfg.clientSecret {
		oauthError(http.StatusUnauthorized, "access_denied", "Unauthorized")
		return
	}
	audience := s.URL + "/api/v2/"
	if aud := params.Get("audience"); aud != audience {
		if aud == "" {
			oauthError(http.StatusForbidden, "access_denied", "No audience parameter was provided, and no default audience has been configured")
		} else {
			oauthError(http.StatusForbidden, "access_denied", "Service not enabled within domain: "+aud)
		}
		return
	}
	tok := "auth0test-cc-" + randomHex(16)
	s.issued[tok] = s.now().Add(s.cfg.tokenLifetime)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": tok,
		"expires_in":   int(s.cfg.tokenLifetime / time.Second),
		"scope":        "read:actions create:actions update:actions delete:actions",
		"token_type":   "Bearer",
	})
}

// routeMatch is the endpoint a request goes to.
type routeMatch struct {
	name    string
	api     bool // under /api/v2/
	token   bool // POST /oauth/token
	params  []string
	handler handlerFunc
}

type handlerFunc func(s *Server, r *http.Request, params []string, body []byte) (int, any, *apiError)

// match routes a request by its escaped path, split on "/" with each
// segment unescaped, so that IDs containing "/" reach the right endpoint.
func match(r *http.Request) routeMatch {
	p := r.URL.EscapedPath()
	if p == "/oauth/token" {
		if r.Method == http.MethodPost {
			return routeMatch{name: RouteToken, token: true}
		}
		return routeMatch{}
	}
	rest, ok := strings.CutPrefix(p, "/api/v2/")
	if !ok {
		return routeMatch{}
	}
	raw := strings.Split(rest, "/")
	segs := make([]string, len(raw))
	for i, seg := range raw {
		u, err := url.PathUnescape(seg)
		if err != nil || u == "" {
			return routeMatch{api: true}
		}
		segs[i] = u
	}
	for _, rt := range routes {
		if rt.method != r.Method || len(rt.segs) != len(segs) {
			continue
		}
		var params []string
		ok := true
		for i, want := range rt.segs {
			if strings.HasPrefix(want, "{") {
				params = append(params, segs[i])
			} else if want != raw[i] {
				ok = false
				break
			}
		}
		if ok {
			return routeMatch{name: rt.name, api: true, params: params, handler: rt.handler}
		}
	}
	return routeMatch{api: true}
}

type route struct {
	name    string
	method  string
	segs    []string
	handler handlerFunc
}

var routes []route

func init() {
	for name, h := range map[string]handlerFunc{
		RouteActionsList:    (*Server).listActions,
		RouteActionsNew:     (*Server).newAction,
		RouteActionsGet:     (*Server).getAction,
		RouteActionsUpdate:  (*Server).updateAction,
		RouteActionsDelete:  (*Server).deleteAction,
		RouteActionsDeploy:  (*Server).deployAction,
		RouteActionsTest:    (*Server).testAction,
		RouteExecutionsGet:  (*Server).getExecution,
		RouteTriggersList:   (*Server).listTriggers,
		RouteBindingsList:   (*Server).listBindings,
		RouteBindingsUpdate: (*Server).updateBindings,
		RouteVersionsList:   (*Server).listVersions,
		RouteVersionsGet:    (*Server).getVersion,
		RouteVersionsDeploy: (*Server).rollback,
	} {
		method, path, _ := strings.Cut(name, " ")
		routes = append(routes, route{name: name, method: method, segs: strings.Split(strings.TrimPrefix(path, "/"), "/"), handler: h})
	}
}

// Routes, for Fail, Inject, DropConnections and RequestCount: the method
// and the path template below /api/v2, as in Auth0's API reference.
const (
	// RouteActionsList is GET /actions/actions.
	RouteActionsList = "GET /actions/actions"
	// RouteActionsNew is POST /actions/actions.
	RouteActionsNew = "POST /actions/actions"
	// RouteActionsGet is GET /actions/actions/{id}.
	RouteActionsGet = "GET /actions/actions/{id}"
	// RouteActionsUpdate is PATCH /actions/actions/{id}.
	RouteActionsUpdate = "PATCH /actions/actions/{id}"
	// RouteActionsDelete is DELETE /actions/actions/{id}.
	RouteActionsDelete = "DELETE /actions/actions/{id}"
	// RouteActionsDeploy is POST /actions/actions/{id}/deploy.
	RouteActionsDeploy = "POST /actions/actions/{id}/deploy"
	// RouteActionsTest is POST /actions/actions/{id}/test.
	RouteActionsTest = "POST /actions/actions/{id}/test"
	// RouteExecutionsGet is GET /actions/executions/{id}.
	RouteExecutionsGet = "GET /actions/executions/{id}"
	// RouteTriggersList is GET /actions/triggers.
	RouteTriggersList = "GET /actions/triggers"
	// RouteBindingsList is GET /actions/triggers/{triggerId}/bindings.
	RouteBindingsList = "GET /actions/triggers/{triggerId}/bindings"
	// RouteBindingsUpdate is PATCH /actions/triggers/{triggerId}/bindings.
	RouteBindingsUpdate = "PATCH /actions/triggers/{triggerId}/bindings"
	// RouteVersionsList is GET /actions/actions/{actionId}/versions.
	RouteVersionsList = "GET /actions/actions/{actionId}/versions"
	// RouteVersionsGet is GET /actions/actions/{actionId}/versions/{id}.
	RouteVersionsGet = "GET /actions/actions/{actionId}/versions/{id}"
	// RouteVersionsDeploy is POST /actions/actions/{actionId}/versions/{id}/deploy (roll-back).
	RouteVersionsDeploy = "POST /actions/actions/{actionId}/versions/{id}/deploy"
	// RouteToken is POST /oauth/token, outside /api/v2.
	RouteToken = "POST /oauth/token"
	// RouteAny matches every request.
	RouteAny = "*"
)

func validRoute(name string) bool {
	if name == RouteAny || name == RouteToken {
		return true
	}
	for _, rt := range routes {
		if rt.name == name {
			return true
		}
	}
	return false
}

// checkRoute reports a route that no request can match, which would
// otherwise make a fault or a count silently useless.
func (s *Server) checkRoute(method, name string) bool {
	if validRoute(name) {
		return true
	}
	s.t.Helper()
	s.t.Errorf("auth0test: %s: unknown route %q; use a Route… constant such as %q", method, name, RouteActionsGet)
	return false
}
