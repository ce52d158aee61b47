package requestconfig

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/actions-sdk/auth0-go/internal/apierror"
)

// fixedAuth is an Authenticator whose Invalidate answer is fixed.
type fixedAuth struct {
	renewable   bool
	invalidated []string
}

func (a *fixedAuth) Token(context.Context, *RequestConfig) (string, error) { return "tok", nil }
func (a *fixedAuth) Invalidate(tok string) bool {
	a.invalidated = append(a.invalidated, tok)
	return a.renewable
}
func (a *fixedAuth) Secrets() []string { return nil }

func statusResponse(code int, kv ...string) *http.Response {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return &http.Response{StatusCode: code, Header: h}
}

func TestCheckRetryStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code         int
		safe, unsafe bool
	}{
		{200, false, false},
		{204, false, false},
		{301, false, false},
		{400, false, false},
		{401, false, false}, // no renewable credentials here
		{403, false, false},
		{404, false, false},
		{408, true, false},
		{409, false, false},
		{422, false, false},
		{429, true, true},
		{500, true, false},
		{501, false, false},
		{502, true, false},
		{503, true, false},
		{504, true, false},
		{505, false, false},
		{507, true, false},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.code), func(t *testing.T) {
			t.Parallel()
			for _, unsafe := range []bool{false, true} {
				st := &call{c: &Call{Unsafe: unsafe}}
				st.cfg.Auth = &fixedAuth{}
				got, err := st.checkRetry(t.Context(), statusResponse(tt.code), nil)
				require.NoError(t, err)
				want := tt.safe
				if unsafe {
					want = tt.unsafe
				}
				assert.Equal(t, want, got, "unsafe=%v", unsafe)
			}
		})
	}
}

func TestCheckRetry401(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		auth     Authenticator
		explicit bool
		want     bool
	}{
		{"renewable credentials", &fixedAuth{renewable: true}, false, true},
		{"credentials that cannot be renewed", &fixedAuth{renewable: false}, false, false},
		{"Authorization set by the caller", &fixedAuth{renewable: true}, true, false},
		{"no authenticator", nil, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, unsafe := range []bool{false, true} {
				st := &call{c: &Call{Unsafe: unsafe}, token: "old", explicitAuth: tt.explicit}
				st.cfg.Auth = tt.auth
				got, err := st.checkRetry(t.Context(), statusResponse(401), nil)
				require.NoError(t, err)
				assert.Equal(t, tt.want, got, "first 401, unsafe=%v", unsafe)
				assert.Equal(t, tt.want, st.needToken)
				// A second 401 is final: a new token was already tried.
				got, err = st.checkRetry(t.Context(), statusResponse(401), nil)
				require.NoError(t, err)
				assert.False(t, got, "second 401")
			}
		})
	}
}

func TestCheckRetryInvalidatesTheRefusedToken(t *testing.T) {
	t.Parallel()
	auth := &fixedAuth{renewable: true}
	st := &call{c: &Call{}, token: "refused"}
	st.cfg.Auth = auth
	_, _ = st.checkRetry(t.Context(), statusResponse(401), nil)
	assert.Equal(t, []string{"refused"}, auth.invalidated)
	// The wait before the retry is none: nothing is wrong with the server.
	assert.Zero(t, st.backoff(time.Second, 10*time.Second, 0, statusResponse(401)))
}

func TestCheckRetryContextDone(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	st := &call{c: &Call{}}
	got, err := st.checkRetry(ctx, statusResponse(503), nil)
	assert.False(t, got)
	assert.ErrorIs(t, err, context.Canceled)
	got, err = st.checkRetry(ctx, nil, errors.New("boom"))
	assert.False(t, got)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestCheckRetryTransportErrors(t *testing.T) {
	t.Parallel()
	wrap := func(err error) error { return &url.Error{Op: "Get", URL: "https://x", Err: err} }
	tests := []struct {
		name         string
		err          error
		safe, unsafe bool
		neverSent    bool
	}{
		{"reset", errors.New("connection reset by peer"), true, false, false},
		{"EOF", wrap(errors.New("EOF")), true, false, false},
		{"read OpError", wrap(&net.OpError{Op: "read", Err: errors.New("reset")}), true, false, false},
		{"timeout", wrap(context.DeadlineExceeded), true, false, false},
		{"dial refused", wrap(&net.OpError{Op: "dial", Err: errors.New("refused")}), true, true, true},
		{"temporary DNS", wrap(&net.DNSError{Err: "timeout", IsTimeout: true}), true, true, true},
		{"unknown host", wrap(&net.DNSError{Err: "no such host", IsNotFound: true}), false, false, true},
		{"unknown authority", wrap(x509.UnknownAuthorityError{}), false, false, true},
		{"wrong host name", wrap(x509.HostnameError{Certificate: &x509.Certificate{}, Host: "x"}), false, false, true},
		{"expired certificate", wrap(x509.CertificateInvalidError{Reason: x509.Expired}), false, false, true},
		{"verification", wrap(&tls.CertificateVerificationError{Err: errors.New("bad")}), false, false, true},
		{"not TLS", wrap(tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}), false, false, true},
		{"handshake text", wrap(errors.New("remote error: tls: handshake failure")), false, false, true},
		{"too many redirects", wrap(errors.New("stopped after 10 redirects")), false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, unsafe := range []bool{false, true} {
				st := &call{c: &Call{Unsafe: unsafe}}
				got, err := st.checkRetry(t.Context(), nil, tt.err)
				require.NoError(t, err)
				want := tt.safe
				if unsafe {
					want = tt.unsafe
				}
				assert.Equal(t, want, got, "unsafe=%v", unsafe)
			}
			assert.Equal(t, tt.neverSent, neverSent(tt.err), "neverSent")
		})
	}
}

func TestTransportErrorOutcome(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		err         error
		unsafe      bool
		wantUnknown bool
	}{
		{"safe reset", errors.New("reset"), false, false},
		{"unsafe reset", errors.New("reset"), true, true},
		{"unsafe dial", &net.OpError{Op: "dial", Err: errors.New("refused")}, true, false},
		{"unsafe bad certificate", x509.UnknownAuthorityError{}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := &call{c: &Call{Method: http.MethodPost, Unsafe: tt.unsafe, Hint: "check it"}, url: "https://x/y", attempts: 1}
			err := st.transportError(t.Context(), &url.Error{Op: "Post", URL: "https://x/y", Err: tt.err})
			assert.ErrorIs(t, err, tt.err)
			assert.Contains(t, err.Error(), "POST https://x/y")
			assert.Equal(t, tt.wantUnknown, errors.Is(err, apierror.ErrOutcomeUnknown))
			if tt.wantUnknown {
				assert.Contains(t, err.Error(), "check it")
			}
		})
	}
}

func TestBackoff429(t *testing.T) {
	t.Parallel()
	now := time.Now()
	tests := []struct {
		name     string
		resp     *http.Response
		min, max time.Duration
		lo, hi   time.Duration
	}{
		{"Retry-After seconds", statusResponse(429, "Retry-After", "3"), time.Millisecond, 10 * time.Second, 3 * time.Second, 3 * time.Second},
		{"Retry-After fraction", statusResponse(429, "Retry-After", "0.25"), time.Millisecond, 10 * time.Second, 250 * time.Millisecond, 250 * time.Millisecond},
		{"Retry-After capped", statusResponse(429, "Retry-After", "3600"), time.Millisecond, 2 * time.Second, 2 * time.Second, 2 * time.Second},
		{"Retry-After date", statusResponse(429, "Retry-After", now.Add(5*time.Second).UTC().Format(http.TimeFormat)), time.Millisecond, 10 * time.Second, 3 * time.Second, 5 * time.Second},
		{"Retry-After date capped", statusResponse(429, "Retry-After", now.Add(time.Hour).UTC().Format(http.TimeFormat)), time.Millisecond, time.Second, time.Second, time.Second},
		{"x-ratelimit-reset", statusResponse(429, "X-RateLimit-Reset", strconv.FormatInt(now.Add(4*time.Second).Unix(), 10)), time.Millisecond, 10 * time.Second, 2 * time.Second, 4*time.Second + 100*time.Millisecond},
		{"x-ratelimit-reset capped", statusResponse(429, "X-RateLimit-Reset", strconv.FormatInt(now.Add(time.Hour).Unix(), 10)), time.Millisecond, 1500 * time.Millisecond, 1500 * time.Millisecond, 1500 * time.Millisecond},
		{"Retry-After wins", statusResponse(429, "Retry-After", "1", "X-RateLimit-Reset", strconv.FormatInt(now.Add(time.Hour).Unix(), 10)), time.Millisecond, 10 * time.Second, time.Second, time.Second},
		{"past reset falls back to backoff", statusResponse(429, "X-RateLimit-Reset", strconv.FormatInt(now.Add(-time.Hour).Unix(), 10)), 100 * time.Millisecond, 10 * time.Second, 50 * time.Millisecond, 100 * time.Millisecond},
		{"garbage falls back to backoff", statusResponse(429, "Retry-After", "soon", "X-RateLimit-Reset", "later"), 100 * time.Millisecond, 10 * time.Second, 50 * time.Millisecond, 100 * time.Millisecond},
		{"negative Retry-After falls back", statusResponse(429, "Retry-After", "-5"), 100 * time.Millisecond, 10 * time.Second, 50 * time.Millisecond, 100 * time.Millisecond},
		{"neither: backoff", statusResponse(429), 100 * time.Millisecond, 10 * time.Second, 50 * time.Millisecond, 100 * time.Millisecond},
		{"503 honours Retry-After", statusResponse(503, "Retry-After", "2"), 100 * time.Millisecond, 10 * time.Second, 2 * time.Second, 2 * time.Second},
		{"503 Retry-After capped", statusResponse(503, "Retry-After", "3600"), 100 * time.Millisecond, 10 * time.Second, 10 * time.Second, 10 * time.Second},
		{"5xx without Retry-After: backoff", statusResponse(502), 100 * time.Millisecond, 10 * time.Second, 50 * time.Millisecond, 100 * time.Millisecond},
		{"transport error: backoff", nil, 100 * time.Millisecond, 10 * time.Second, 50 * time.Millisecond, 100 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := &call{c: &Call{}}
			for range 20 { // jitter: every draw is in range
				d := st.backoff(tt.min, tt.max, 0, tt.resp)
				assert.GreaterOrEqual(t, d, tt.lo)
				assert.LessOrEqual(t, d, tt.hi)
			}
		})
	}
}

func TestExponentialBackoff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		min, max time.Duration
		attempt  int
		lo, hi   time.Duration
	}{
		{100 * time.Millisecond, 10 * time.Second, 0, 50 * time.Millisecond, 100 * time.Millisecond},
		{100 * time.Millisecond, 10 * time.Second, 1, 100 * time.Millisecond, 200 * time.Millisecond},
		{100 * time.Millisecond, 10 * time.Second, 3, 400 * time.Millisecond, 800 * time.Millisecond},
		{100 * time.Millisecond, time.Second, 10, 500 * time.Millisecond, time.Second},
		{100 * time.Millisecond, time.Second, 1000, 500 * time.Millisecond, time.Second},
		{10 * time.Second, 10 * time.Second, 62, 5 * time.Second, 10 * time.Second},
		{0, time.Second, 0, 0, time.Millisecond},
		{time.Millisecond, 5 * time.Millisecond, 2, 2 * time.Millisecond, 4 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s-%s-%d", tt.min, tt.max, tt.attempt), func(t *testing.T) {
			t.Parallel()
			for range 50 {
				d := exponential(tt.min, tt.max, tt.attempt)
				assert.GreaterOrEqual(t, d, tt.lo)
				assert.LessOrEqual(t, d, tt.hi)
			}
		})
	}
}

func TestCapWait(t *testing.T) {
	t.Parallel()
	assert.Equal(t, time.Second, capWait(time.Hour, time.Second))
	assert.Equal(t, time.Millisecond, capWait(time.Millisecond, time.Second))
	assert.Equal(t, time.Hour, capWait(time.Hour, 0), "max 0 is no cap")
	assert.Zero(t, capWait(-time.Second, time.Second))
}
