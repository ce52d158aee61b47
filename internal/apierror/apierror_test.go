package apierror

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/actions-sdk/auth0-go/internal/redact"
)

func newRequest(t *testing.T, method, rawURL string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer the-token")
	req.Header.Set("Content-Type", "application/json")
	return req
}

func newResponse(status int, kv ...string) *http.Response {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return &http.Response{StatusCode: status, Status: fmt.Sprintf("%d %s", status, http.StatusText(status)),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: h}
}

func TestNewDecodesBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                       string
		status                     int
		body                       string
		wantText, wantMsg, wantCod string
	}{
		{"management API", 400, `{"statusCode":400,"error":"Bad Request","message":"Payload validation error","errorCode":"invalid_body"}`, "Bad Request", "Payload validation error", "invalid_body"},
		{"no errorCode", 404, `{"statusCode":404,"error":"Not Found","message":"That action does not exist."}`, "Not Found", "That action does not exist.", ""},
		{"OAuth shape", 401, `{"error":"access_denied","error_description":"Unauthorized"}`, "Unauthorized", "Unauthorized", "access_denied"},
		{"HTML", 502, `<html>Bad Gateway</html>`, "Bad Gateway", "", ""},
		{"empty", 503, ``, "Service Unavailable", "", ""},
		{"whitespace", 500, " \r\n", "Internal Server Error", "", ""},
		{"JSON array", 400, `[1,2]`, "Bad Request", "", ""},
		{"JSON with wrong types", 400, `{"error":5,"message":["x"]}`, "Bad Request", "", ""},
		{"truncated JSON", 400, `{"statusCode":400,"error":"Bad Req`, "Bad Request", "", ""},
		{"unknown status", 599, ``, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := newRequest(t, http.MethodGet, "https://t.auth0.com/api/v2/actions/actions/a")
			e := New(req, nil, newResponse(tt.status), []byte(tt.body), redact.New())
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.wantText, e.ErrorText)
			assert.Equal(t, tt.wantMsg, e.Message)
			assert.Equal(t, tt.wantCod, e.Code)
			assert.Equal(t, http.MethodGet, e.Method)
			assert.Equal(t, "https://t.auth0.com/api/v2/actions/actions/a", e.URL)
			assert.Equal(t, tt.body, string(e.RawJSON()))
			b, err := io.ReadAll(e.Response.Body)
			require.NoError(t, err)
			assert.Equal(t, tt.body, string(b))
		})
	}
}

func TestErrorString(t *testing.T) {
	t.Parallel()
	reset := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"nil", nil, "auth0: <nil>"},
		{"zero", &Error{}, "auth0: 0"},
		{"full", &Error{StatusCode: 400, ErrorText: "Bad Request", Message: "bad", Code: "invalid_body", Method: "POST", URL: "https://x/y"},
			"auth0: POST https://x/y: 400 Bad Request: bad (invalid_body)"},
		{"attempts", &Error{StatusCode: 503, ErrorText: "Service Unavailable", Method: "GET", URL: "https://x/y", Attempts: 3},
			"auth0: GET https://x/y: 503 Service Unavailable after 3 attempts"},
		{"one attempt is not mentioned", &Error{StatusCode: 404, ErrorText: "Not Found", Attempts: 1}, "auth0: 404 Not Found"},
		{"rate limit on 429", &Error{StatusCode: 429, ErrorText: "Too Many Requests", RateLimit: &RateLimit{Limit: 50, Remaining: 0, Reset: reset}},
			"auth0: 429 Too Many Requests [rate limit 50, remaining 0, resets 2030-01-02T03:04:05Z]"},
		{"rate limit without reset", &Error{StatusCode: 429, RateLimit: &RateLimit{Limit: 5, Remaining: 1}}, "auth0: 429 [rate limit 5, remaining 1]"},
		{"rate limit hidden on other statuses", &Error{StatusCode: 404, ErrorText: "Not Found", RateLimit: &RateLimit{Limit: 50}}, "auth0: 404 Not Found"},
		{"outcome unknown", &Error{StatusCode: 502, ErrorText: "Bad Gateway", OutcomeUnknown: true, Hint: "list the actions"},
			"auth0: 502 Bad Gateway; outcome unknown: the server may have acted on this request; list the actions"},
		{"outcome unknown without hint", &Error{StatusCode: 502, OutcomeUnknown: true},
			"auth0: 502; outcome unknown: the server may have acted on this request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, tt.err.Error())
		})
	}
}

func TestErrorIs(t *testing.T) {
	t.Parallel()
	sentinels := []error{ErrNotFound, ErrRateLimited, ErrConflict, ErrUnauthorized, ErrForbidden, ErrBadRequest, ErrServer, ErrOutcomeUnknown, ErrResponseTooLarge}
	tests := []struct {
		err  *Error
		want []error
	}{
		{&Error{StatusCode: 400}, []error{ErrBadRequest}},
		{&Error{StatusCode: 401}, []error{ErrUnauthorized}},
		{&Error{StatusCode: 403}, []error{ErrForbidden}},
		{&Error{StatusCode: 404}, []error{ErrNotFound}},
		{&Error{StatusCode: 405}, nil},
		{&Error{StatusCode: 409}, []error{ErrConflict}},
		{&Error{StatusCode: 429}, []error{ErrRateLimited}},
		{&Error{StatusCode: 499}, nil},
		{&Error{StatusCode: 500}, []error{ErrServer}},
		{&Error{StatusCode: 504, OutcomeUnknown: true}, []error{ErrServer, ErrOutcomeUnknown}},
		{&Error{StatusCode: 408, OutcomeUnknown: true}, []error{ErrOutcomeUnknown}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.err.StatusCode), func(t *testing.T) {
			t.Parallel()
			for _, s := range sentinels {
				want := false
				for _, w := range tt.want {
					want = want || w == s
				}
				assert.Equal(t, want, errors.Is(tt.err, s), "%v", s)
				assert.Equal(t, want, errors.Is(fmt.Errorf("wrapped: %w", tt.err), s), "wrapped %v", s)
			}
		})
	}
	var nilErr *Error
	assert.False(t, nilErr.Is(ErrNotFound))
}

func TestParseRateLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		kv     []string
		want   RateLimit
		wantOK bool
	}{
		{"all", []string{"X-RateLimit-Limit", "50", "X-RateLimit-Remaining", "49", "X-RateLimit-Reset", "1675452600"}, RateLimit{50, 49, time.Unix(1675452600, 0)}, true},
		{"lower case", []string{"x-ratelimit-limit", "10", "x-ratelimit-remaining", "0", "x-ratelimit-reset", "1643756409"}, RateLimit{10, 0, time.Unix(1643756409, 0)}, true},
		{"spaces", []string{"X-RateLimit-Limit", " 7 "}, RateLimit{Limit: 7}, true},
		{"remaining only", []string{"X-RateLimit-Remaining", "3"}, RateLimit{Remaining: 3}, true},
		{"none", nil, RateLimit{}, false},
		{"garbage", []string{"X-RateLimit-Limit", "many", "X-RateLimit-Reset", "soon"}, RateLimit{}, false},
		{"zero reset ignored", []string{"X-RateLimit-Reset", "0"}, RateLimit{}, false},
		{"negative reset ignored", []string{"X-RateLimit-Reset", "-5", "X-RateLimit-Limit", "1"}, RateLimit{Limit: 1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := http.Header{}
			for i := 0; i+1 < len(tt.kv); i += 2 {
				h.Add(tt.kv[i], tt.kv[i+1]) // canonicalized, as net/http does
			}
			got, ok := ParseRateLimit(h)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.want.Limit, got.Limit)
			assert.Equal(t, tt.want.Remaining, got.Remaining)
			assert.True(t, tt.want.Reset.Equal(got.Reset), "reset %v, want %v", got.Reset, tt.want.Reset)
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"5", 5 * time.Second},
		{" 5 ", 5 * time.Second},
		{"1.5", 1500 * time.Millisecond},
		{"-1", 0},
		{"1e10", 0}, // absurd
		{"NaN", 0},
		{"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0},
		{"Wed, 01 Jan 2030 00:00:30 GMT", 30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.v, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, ParseRetryAfter(tt.v, now))
		})
	}
}

func TestNewRecordsRateLimitAndRetryAfter(t *testing.T) {
	t.Parallel()
	req := newRequest(t, http.MethodGet, "https://t.auth0.com/api/v2/x")
	e := New(req, nil, newResponse(429, "X-RateLimit-Limit", "50", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1900000000", "Retry-After", "3"), nil, nil)
	require.NotNil(t, e.RateLimit)
	assert.Equal(t, RateLimit{Limit: 50, Remaining: 0, Reset: time.Unix(1900000000, 0)}, *e.RateLimit)
	assert.Equal(t, 3*time.Second, e.RetryAfter)
	assert.Equal(t, "Too Many Requests", e.ErrorText)

	e = New(req, nil, newResponse(404), nil, nil)
	assert.Nil(t, e.RateLimit)
	assert.Zero(t, e.RetryAfter)
}

func TestNewRedacts(t *testing.T) {
	t.Parallel()
	r := redact.New("s3cr3t-value", "the-token")
	req := newRequest(t, http.MethodPost, "https://user:pw@t.auth0.com/api/v2/actions/actions")
	reqBody := []byte(`{"name":"x","secrets":[{"name":"API_KEY","value":"s3cr3t-value"}],"code":"uses s3cr3t-value"}`)
	body := []byte(`{"statusCode":400,"error":"Bad Request","message":"s3cr3t-value is bad","errorCode":"the-token"}`)
	e := New(req, reqBody, newResponse(400, "Content-Type", "application/json"), body, r)

	for name, s := range map[string]string{
		"Error":        e.Error(),
		"Message":      e.Message,
		"Code":         e.Code,
		"RawJSON":      string(e.RawJSON()),
		"DumpRequest":  string(e.DumpRequest(true)),
		"DumpResponse": string(e.DumpResponse(true)),
		"URL":          e.URL,
	} {
		assert.NotContains(t, s, "s3cr3t-value", name)
		assert.NotContains(t, s, "the-token", name)
		assert.NotContains(t, s, "pw@", name)
	}
	dump := string(e.DumpRequest(true))
	assert.Contains(t, dump, "POST /api/v2/actions/actions HTTP/1.1")
	assert.Contains(t, dump, "Authorization: [REDACTED]")
	assert.Contains(t, dump, `"API_KEY"`)
	assert.Contains(t, dump, `"name":"x"`)
	assert.NotContains(t, string(e.DumpRequest(false)), "API_KEY", "no body when body is false")
	assert.Contains(t, string(e.DumpResponse(true)), "400 Bad Request")
	assert.NotContains(t, string(e.DumpResponse(false)), "is bad")

	// The caller's request is left alone.
	assert.Equal(t, "Bearer the-token", req.Header.Get("Authorization"))
	assert.Equal(t, url.UserPassword("user", "pw"), req.URL.User)
	assert.Equal(t, "[REDACTED]", e.Request.Header.Get("Authorization"))
	assert.Nil(t, e.Request.URL.User)

	// Dumps can be taken again and again.
	assert.Equal(t, e.DumpRequest(true), e.DumpRequest(true))
	assert.Equal(t, e.DumpResponse(true), e.DumpResponse(true))
}

func TestOutcomeUnknownError(t *testing.T) {
	t.Parallel()
	cause := errors.New("auth0: POST https://x/y: connection reset")
	e := &OutcomeUnknownError{Hint: "list the actions", Err: cause}
	assert.Equal(t, "auth0: POST https://x/y: connection reset; outcome unknown: the server may have acted on this request, so it was not retried; list the actions", e.Error())
	assert.ErrorIs(t, e, ErrOutcomeUnknown)
	assert.ErrorIs(t, e, cause)
	assert.False(t, errors.Is(e, ErrServer))
	assert.ErrorIs(t, fmt.Errorf("w: %w", e), ErrOutcomeUnknown)

	var nilErr *OutcomeUnknownError
	assert.Equal(t, "auth0: <nil>", nilErr.Error())
	assert.NotPanics(t, func() {
		s := (&OutcomeUnknownError{}).Error()
		assert.True(t, strings.Contains(s, "outcome unknown"), s)
	})
}
