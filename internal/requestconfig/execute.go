package requestconfig

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/hashicorp/go-retryablehttp"

	"github.com/actions-sdk/auth0-go/internal/apierror"
	"github.com/actions-sdk/auth0-go/internal/jsondec"
	"github.com/actions-sdk/auth0-go/internal/redact"
)

// Call describes one API call.
type Call struct {
	// Method is the HTTP method.
	Method string
	// Path is where the call goes (see Path and Static): the escaped path
	// relative to the base URL, and its route template, which middlewares
	// and transports read with RouteFromContext.
	Path Endpoint
	// PathErr is the error from building Path, reported before anything is sent.
	PathErr error
	// Params become the query string (GET, DELETE) or the JSON body (POST,
	// PATCH, PUT). url.Values and json.RawMessage are used as they are. If
	// Params has a Validate() error method it is called first. The query
	// and JSON edits of the options (RequestConfig.QueryEdits, JSONEdits)
	// apply to what Params became.
	Params any
	// Result is decoded from the response body; nil discards the body.
	// A *[]byte receives the body itself.
	Result any
	// Unsafe marks a call that must not be repeated if the server may have
	// seen it (create, deploy, roll-back): 5xx, 408 and connection errors
	// after sending are not retried, and the error says the outcome is unknown.
	Unsafe bool
	// Hint tells the caller how to check the outcome of an Unsafe call.
	Hint string
	// Secrets are values to scrub from errors, dumps and logs.
	Secrets []string
}

// call is the per-call state. One allocation holds the config, the HTTP
// client wrapper and the retry engine.
type call struct {
	cfg   RequestConfig
	c     *Call
	url   string
	body  []byte
	token string
	// explicitAuth is true when the caller set Authorization with WithHeader.
	explicitAuth bool
	// routed is the request's context when the call has a route: the
	// caller's ctx carrying the route, kept here so it costs no allocation.
	routed routeContext

	attempts  int
	respBody  []byte // the body of the last response, read by the attempt
	reauthed  bool
	needToken bool
	redactor  *redact.Redactor

	transport attemptTransport
	http      http.Client
	retry     retryablehttp.Client
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Execute sends one call through the pipeline. Options are applied in the
// order of the sets given (client, service, call). It returns the response
// body of a 2xx response, which decoded values may keep referring to.
func Execute(ctx context.Context, c *Call, optSets ...[]RequestOption) ([]byte, error) {
	if ctx == nil {
		return nil, errors.New("auth0: nil context")
	}
	st := &call{c: c}
	cfg := &st.cfg
	cfg.Header = make(http.Header, 6)
	for _, set := range optSets {
		if err := cfg.Apply(set...); err != nil {
			return nil, err
		}
	}
	if c.PathErr != nil {
		return nil, c.PathErr
	}
	if v, ok := c.Params.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return nil, err
		}
	}
	base, err := cfg.baseURL()
	if err != nil {
		return nil, err
	}
	st.url = base + c.Path.Escaped
	if err := st.encodeParams(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		// Checked here, after the URL is known, so that the error names
		// the call as every other error does.
		return nil, apierror.WithContext(c.Method+" "+st.url, err)
	}
	st.explicitAuth = cfg.Header.Get("Authorization") != ""
	if !st.explicitAuth {
		if cfg.Auth == nil {
			return nil, errors.New("auth0: no credentials: set AUTH0_API_TOKEN, or AUTH0_CLIENT_ID with AUTH0_CLIENT_ASSERTION_PRIVATE_KEY or AUTH0_CLIENT_SECRET, or use option.WithToken, option.WithClientAssertion, option.WithClientCredentials or option.WithTokenSource")
		}
		if st.token, err = cfg.Auth.Token(ctx, cfg); err != nil {
			return nil, err
		}
	}

	var rawBody any
	if st.body != nil {
		rawBody = st.body
	}
	reqCtx := ctx
	if c.Path.Route != "" {
		st.routed = routeContext{Context: ctx, route: c.Path.Route}
		reqCtx = &st.routed
	}
	req, err := retryablehttp.NewRequestWithContext(reqCtx, c.Method, st.url, rawBody)
	if err != nil {
		return nil, fmt.Errorf("auth0: building %s %s: %w", c.Method, st.url, err)
	}
	for k, v := range cfg.Header {
		req.Header[k] = v
	}
	if st.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if req.Header.Get("Accept") == "" {
		req.Header["Accept"] = acceptJSON
	}
	if !st.explicitAuth {
		if s, ok := cfg.Auth.(*StaticToken); ok {
			req.Header["Authorization"] = s.header // shared, read-only
		} else {
			req.Header.Set("Authorization", "Bearer "+st.token)
		}
	}

	st.setupClients()
	resp, err := st.retry.Do(req)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, st.transportError(ctx, err)
	}
	// The attempt transport read the body already, so that a body that
	// breaks is retried like any connection error.
	body := st.respBody
	if cfg.ResponseInto != nil {
		*cfg.ResponseInto = apierror.RedactResponse(resp, body, st.redact())
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := apierror.New(resp.Request, st.body, resp, body, st.redact())
		apiErr.Attempts = st.attempts
		if c.Unsafe && (resp.StatusCode >= 500 || resp.StatusCode == http.StatusRequestTimeout) {
			apiErr.OutcomeUnknown = true
			apiErr.Hint = c.Hint
		}
		return nil, apiErr
	}
	if c.Result == nil {
		return body, nil
	}
	if p, ok := c.Result.(*[]byte); ok {
		*p = body
		return body, nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("auth0: %s %s: %d response has an empty body where JSON was expected", c.Method, st.url, resp.StatusCode)
	}
	if err := jsondec.Unmarshal(body, c.Result); err != nil {
		return nil, fmt.Errorf("auth0: %s %s: decoding the %d response: %w", c.Method, st.url, resp.StatusCode, err)
	}
	return body, nil
}

var acceptJSON = []string{"application/json"}

func (st *call) encodeParams() error {
	c, cfg := st.c, &st.cfg
	usesQuery := c.Method == http.MethodGet || c.Method == http.MethodDelete || c.Method == http.MethodHead
	var q url.Values
	if c.Params != nil {
		switch p := c.Params.(type) {
		case url.Values:
			if usesQuery {
				q = p
			}
		case json.RawMessage:
			if !usesQuery {
				st.body = p
			}
		case []byte:
			if !usesQuery {
				st.body = p
			}
		default:
			var err error
			if usesQuery {
				if q, err = query.Values(p); err != nil {
					return fmt.Errorf("auth0: encoding the query of %s %s: %w", c.Method, st.url, err)
				}
			} else if st.body, err = json.Marshal(p); err != nil {
				return fmt.Errorf("auth0: encoding the body of %s %s: %w", c.Method, st.url, err)
			}
		}
	}
	if len(cfg.QueryEdits) > 0 {
		q = applyQueryEdits(q, cfg.QueryEdits)
	}
	if len(q) > 0 {
		st.url += "?" + q.Encode()
	}
	if len(cfg.JSONEdits) > 0 {
		if usesQuery {
			return fmt.Errorf("auth0: %s %s: %s: the call sends no JSON body; JSON edits apply to POST, PATCH and PUT calls (use option.WithQuery for the query string)", c.Method, st.url, cfg.JSONEdits[0].Option)
		}
		body, err := applyJSONEdits(st.body, cfg.JSONEdits)
		if err != nil {
			return apierror.WithContext(c.Method+" "+st.url, err)
		}
		st.body = body
	}
	return nil
}

func (st *call) setupClients() {
	cfg := &st.cfg
	base := cfg.HTTPClient
	if base == nil {
		base = http.DefaultClient
	}
	st.transport = attemptTransport{st: st, base: base.Transport}
	st.http = http.Client{
		Transport:     &st.transport,
		CheckRedirect: sameHostRedirect,
		Jar:           base.Jar,
		Timeout:       base.Timeout,
	}
	if userCheck := base.CheckRedirect; userCheck != nil {
		st.http.CheckRedirect = func(req *http.Request, via []*http.Request) error {
			if err := sameHostRedirect(req, via); err != nil {
				return err
			}
			return userCheck(req, via)
		}
	}
	retries := cfg.MaxRetries
	if retries < 0 {
		retries = 0
	}
	st.retry = retryablehttp.Client{
		HTTPClient:   &st.http,
		RetryWaitMin: cfg.RetryWaitMin,
		RetryWaitMax: cfg.RetryWaitMax,
		RetryMax:     retries,
		CheckRetry:   st.checkRetry,
		Backoff:      st.backoff,
		ErrorHandler: passThrough,
	}
	if _, static := cfg.Auth.(*StaticToken); !static && !st.explicitAuth {
		st.retry.PrepareRetry = st.prepareRetry // only tokens that can be renewed need it
	}
}

// errRedirectRefused is returned for a redirect to another host. It has no
// "auth0: " prefix: it only reaches the caller inside a transport error,
// which has one.
var errRedirectRefused = errors.New("refusing to follow a redirect to another host")

// sameHostRedirect follows redirects only within the scheme and host the
// caller named: a redirect elsewhere would re-send the body (with action
// secret values) to a host nobody chose. Go already drops Authorization.
func sameHostRedirect(req *http.Request, via []*http.Request) error {
	first := via[0].URL
	if req.URL.Host != first.Host || req.URL.Scheme != first.Scheme {
		return fmt.Errorf("%w: %s://%s to %s://%s", errRedirectRefused, first.Scheme, first.Host, req.URL.Scheme, req.URL.Host)
	}
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	return nil
}

// passThrough hands the last response or error back to Execute, so that
// every non-2xx reaches the one place that builds *apierror.Error.
func passThrough(resp *http.Response, err error, _ int) (*http.Response, error) {
	return resp, err
}

// errTooLarge is the size guard's error; it is not retried.
type errTooLarge struct{ limit int64 }

func (e *errTooLarge) Error() string {
	return fmt.Sprintf("response body exceeds the %d-byte limit (option.WithMaxResponseSize)", e.limit)
}

func (e *errTooLarge) Unwrap() error { return apierror.ErrResponseTooLarge }

// readBody reads a response body in full, within the size guard.
func (st *call) readBody(resp *http.Response) ([]byte, error) {
	limit := st.cfg.MaxResponseBytes
	if limit <= 0 {
		limit = DefaultMaxResponseBytes
	}
	if resp.ContentLength > limit {
		return nil, &errTooLarge{limit}
	}
	if resp.ContentLength >= 0 {
		body := make([]byte, resp.ContentLength)
		if _, err := io.ReadFull(resp.Body, body); err != nil {
			return nil, fmt.Errorf("reading the response body: %w", err)
		}
		return body, nil
	}
	buf := bufPool.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 4<<20 {
			buf.Reset()
			bufPool.Put(buf)
		}
	}()
	buf.Reset()
	n, err := buf.ReadFrom(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading the response body: %w", err)
	}
	if n > limit {
		return nil, &errTooLarge{limit}
	}
	return bytes.Clone(buf.Bytes()), nil
}

func (st *call) transportError(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return apierror.WithContext(st.c.Method+" "+st.url, ctxErr)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // the URL is already in our message
	}
	call := st.c.Method + " " + st.url
	if st.attempts > 1 {
		call += " (after " + strconv.Itoa(st.attempts) + " attempts)"
	}
	wrapped := apierror.WithContext(call, err)
	if st.c.Unsafe && !neverSent(err) && !definiteAnswer(err) {
		return &apierror.OutcomeUnknownError{Hint: st.c.Hint, Err: wrapped}
	}
	return wrapped
}

func (st *call) redact() *redact.Redactor {
	if st.redactor == nil {
		r := redact.New(st.c.Secrets...)
		if st.token != "" {
			r.Add(st.token)
		}
		if st.cfg.Auth != nil {
			r.Add(st.cfg.Auth.Secrets()...)
		}
		st.redactor = r
	}
	return st.redactor
}

// attemptTransport runs once per attempt: it paces against the rate-limit
// mirror, applies the per-attempt timeout and the middlewares, records the
// rate-limit headers and logs. It deliberately does not implement
// CloseIdleConnections, so go-retryablehttp cannot close the connections of
// the caller's transport.
type attemptTransport struct {
	st   *call
	base http.RoundTripper
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	st := t.st
	cfg := &st.cfg
	st.attempts++
	attempt := st.attempts
	var lim *Limiter
	var ticket Ticket
	if cfg.Pacing && cfg.Shared != nil {
		lim = &cfg.Shared.Limiter
		var err error
		if ticket, err = lim.Wait(req.Context(), cfg.RetryWaitMax); err != nil {
			return nil, err
		}
	}
	var cancel context.CancelFunc
	if cfg.RequestTimeout > 0 {
		var ctx context.Context
		ctx, cancel = context.WithTimeout(req.Context(), cfg.RequestTimeout)
		req = req.WithContext(ctx)
	}
	var start time.Time
	if cfg.Logger != nil {
		start = time.Now()
	}
	resp, err := t.send(req)
	if lim != nil {
		if resp != nil {
			lim.Done(ticket, resp.Header, resp.StatusCode)
		} else {
			lim.Done(ticket, nil, 0)
		}
	} else if cfg.Shared != nil && resp != nil {
		// Keep the latest figures even when not pacing.
		cfg.Shared.Limiter.observe(resp.Header)
	}
	if cfg.Logger != nil {
		st.log(req, attempt, resp, err, time.Since(start))
	}
	if err == nil {
		// Read the body here, inside the attempt: its per-attempt timeout
		// covers the read, and a body that breaks is an attempt error the
		// retry policy sees.
		data, rerr := st.readBody(resp)
		resp.Body.Close()
		if rerr != nil {
			resp, err = nil, rerr
		} else {
			// The body is kept by the call (the last attempt's wins), not
			// the response, which the retry engine may drain and discard.
			st.respBody = data
			resp.Body = http.NoBody
		}
	}
	if cancel != nil {
		cancel()
	}
	return resp, err
}

func (t *attemptTransport) send(req *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	mws := t.st.cfg.Middlewares
	if len(mws) == 0 {
		return base.RoundTrip(req)
	}
	// The retry engine reuses one request for every attempt: give the
	// middlewares a copy, so that what they change (an added header) does
	// not carry over to the next attempt.
	req = req.Clone(req.Context())
	next := base.RoundTrip
	for i := len(mws) - 1; i >= 0; i-- {
		mw, n := mws[i], next
		next = func(r *http.Request) (*http.Response, error) { return mw(r, n) }
	}
	return next(req)
}

func (st *call) log(req *http.Request, attempt int, resp *http.Response, err error, d time.Duration) {
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("url", st.url),
		slog.Int("attempt", attempt),
		slog.Duration("duration", d),
	}
	level := slog.LevelDebug
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", st.redact().String(err.Error())))
	}
	st.cfg.Logger.LogAttrs(req.Context(), level, "auth0 request", attrs...)
}
