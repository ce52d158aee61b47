// Package apierror holds the pipeline's record of a response outside 2xx
// (Error), of a request whose outcome is unknown (OutcomeUnknownError), and
// the one way to add context to an error of the SDK (WithContext).
//
// These types travel through the pipeline only: the root package turns them
// into auth0.Error and auth0.OutcomeUnknownError, which document every
// field, in one place (its publicError). Wrap them with WithContext, not
// fmt.Errorf, so that every message keeps a single "auth0: " prefix.
package apierror

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"
	"time"

	"github.com/actions-sdk/auth0-go/internal/redact"
)

// Sentinel errors matched by (*Error).Is, so callers can write
// errors.Is(err, auth0.ErrNotFound) instead of comparing status codes. The
// root package's errors.go exports them with their documentation.
var (
	ErrNotFound       = errors.New("auth0: not found")
	ErrRateLimited    = errors.New("auth0: rate limited")
	ErrConflict       = errors.New("auth0: conflict")
	ErrPrecondition   = errors.New("auth0: precondition failed")
	ErrUnauthorized   = errors.New("auth0: unauthorized")
	ErrForbidden      = errors.New("auth0: forbidden")
	ErrBadRequest     = errors.New("auth0: bad request")
	ErrServer         = errors.New("auth0: server error")
	ErrOutcomeUnknown = errors.New("auth0: outcome unknown")
)

// RateLimit holds the x-ratelimit-* figures of a response.
type RateLimit struct {
	// Limit is x-ratelimit-limit: the size of the tenant's request bucket.
	Limit int
	// Remaining is x-ratelimit-remaining: requests left in the bucket.
	Remaining int
	// Reset is x-ratelimit-reset: when the bucket is refilled.
	Reset time.Time
}

// ParseRateLimit reads the x-ratelimit-* headers. It returns false when none
// of them is present or parseable.
func ParseRateLimit(h http.Header) (RateLimit, bool) {
	var rl RateLimit
	var ok bool
	if v := h.Get("X-Ratelimit-Limit"); v != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			rl.Limit, ok = n, true
		}
	}
	if v := h.Get("X-Ratelimit-Remaining"); v != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			rl.Remaining, ok = n, true
		}
	}
	if v := h.Get("X-Ratelimit-Reset"); v != "" {
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && n > 0 {
			rl.Reset, ok = time.Unix(n, 0), true
		}
	}
	return rl, ok
}

// Error is the error for every response with a status outside 2xx.
//
// The request and response it carries are redacted copies: the Authorization
// header, the client secret and action secret values are replaced.
type Error struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Code is the body's errorCode, such as "invalid_body"; often empty.
	Code string
	// Message is the body's human-readable message.
	Message string
	// ErrorText is the body's "error" field: the reason phrase, such as "Not Found".
	ErrorText string
	// RateLimit holds the x-ratelimit-* figures, when the response had them.
	RateLimit *RateLimit
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration
	// Method and URL identify the call.
	Method string
	URL    string
	// Attempts is how many requests were sent for this call.
	Attempts int
	// OutcomeUnknown is true when the request was not safe to retry and the
	// server may have acted on it (a 5xx to a create, deploy or roll-back).
	OutcomeUnknown bool
	// Hint says how to check the outcome when OutcomeUnknown is true.
	Hint string
	// Request is a redacted copy of the last request sent.
	Request *http.Request
	// Response is the last response; its body can be read again.
	Response *http.Response

	// Body is the response body, redacted.
	Body []byte
	// RequestBody is the JSON body of the request, redacted.
	RequestBody []byte
}

// New builds an *Error from a response and its body (already read). The
// redactor scrubs secret values from everything the error keeps.
func New(req *http.Request, reqBody []byte, resp *http.Response, body []byte, r *redact.Redactor) *Error {
	e := &Error{
		StatusCode:  resp.StatusCode,
		Method:      req.Method,
		URL:         redactURL(req),
		Body:        r.Bytes(body),
		RequestBody: r.JSON(reqBody),
	}
	var wire struct {
		StatusCode int    `json:"statusCode"`
		Error      string `json:"error"`
		Message    string `json:"message"`
		ErrorCode  string `json:"errorCode"`
		// The token endpoint's shape (RFC 6749).
		ErrorDescription string `json:"error_description"`
	}
	if len(bytes.TrimSpace(body)) > 0 && json.Unmarshal(body, &wire) == nil {
		e.ErrorText = r.String(wire.Error)
		e.Message = r.String(wire.Message)
		e.Code = r.String(wire.ErrorCode)
		if wire.ErrorDescription != "" && e.Message == "" {
			e.Message = r.String(wire.ErrorDescription)
			e.Code = e.ErrorText
			e.ErrorText = ""
		}
	}
	if e.ErrorText == "" {
		e.ErrorText = http.StatusText(resp.StatusCode)
	}
	if rl, ok := ParseRateLimit(resp.Header); ok {
		e.RateLimit = &rl
	}
	e.RetryAfter = ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())

	e.Response = RedactResponse(resp, e.Body, r)
	e.Request = redactRequest(req)
	e.Response.Request = e.Request
	return e
}

// RedactResponse returns a copy of resp that is safe to hand out: its
// header values and the request it carries are redacted, and its body
// reads body (which the caller has redacted or chosen to keep).
func RedactResponse(resp *http.Response, body []byte, r *redact.Redactor) *http.Response {
	copied := *resp
	copied.Header = make(http.Header, len(resp.Header))
	for k, vs := range resp.Header {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = r.String(v)
		}
		copied.Header[k] = out
	}
	if resp.Request != nil {
		copied.Request = redactRequest(resp.Request)
	}
	copied.Body = readCloser{bytes.NewReader(body)}
	return &copied
}

// ParseRetryAfter reads a Retry-After value in seconds or as an HTTP date.
// It returns 0 when the value is absent or unparseable.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		if !(n > 0 && n <= 1e9) { // also refuses NaN
			return 0
		}
		return time.Duration(n * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 && d <= 1e9*time.Second {
			return d
		}
	}
	return 0
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// Error implements error. It is safe to call on a nil *Error.
func (e *Error) Error() string {
	if e == nil {
		return "auth0: <nil>"
	}
	var b strings.Builder
	b.WriteString("auth0: ")
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
		b.WriteString(e.URL)
		b.WriteString(": ")
	}
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.ErrorText != "" {
		b.WriteByte(' ')
		b.WriteString(e.ErrorText)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Code != "" {
		b.WriteString(" (")
		b.WriteString(e.Code)
		b.WriteByte(')')
	}
	if e.RateLimit != nil && e.StatusCode == http.StatusTooManyRequests {
		fmt.Fprintf(&b, " [rate limit %d, remaining %d", e.RateLimit.Limit, e.RateLimit.Remaining)
		if !e.RateLimit.Reset.IsZero() {
			fmt.Fprintf(&b, ", resets %s", e.RateLimit.Reset.UTC().Format(time.RFC3339))
		}
		b.WriteByte(']')
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.OutcomeUnknown {
		b.WriteString("; outcome unknown: the server may have acted on this request")
		if e.Hint != "" {
			b.WriteString("; ")
			b.WriteString(e.Hint)
		}
	}
	return b.String()
}

// Is reports whether the error matches one of the sentinel errors, so that
// errors.Is(err, auth0.ErrNotFound) works.
func (e *Error) Is(target error) bool {
	if e == nil {
		return false
	}
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrPrecondition:
		return e.StatusCode == http.StatusPreconditionFailed
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest
	case ErrServer:
		return e.StatusCode >= 500
	case ErrOutcomeUnknown:
		return e.OutcomeUnknown
	}
	return false
}

// RawJSON returns the response body, redacted.
func (e *Error) RawJSON() json.RawMessage {
	if e == nil {
		return nil
	}
	return e.Body
}

// DumpRequest returns the last request as HTTP/1.1 wire text, with the
// Authorization header and secret values redacted. With body true it
// includes the (redacted) JSON body.
func (e *Error) DumpRequest(body bool) []byte {
	if e == nil || e.Request == nil {
		return nil
	}
	req := e.Request.Clone(e.Request.Context())
	if body && len(e.RequestBody) > 0 {
		req.Body = readCloser{bytes.NewReader(e.RequestBody)}
		req.ContentLength = int64(len(e.RequestBody))
	} else {
		req.Body = nil
		req.ContentLength = 0
	}
	out, err := httputil.DumpRequestOut(req, body)
	if err != nil {
		return nil
	}
	return out
}

// DumpResponse returns the response as HTTP/1.1 wire text, redacted like
// DumpRequest.
func (e *Error) DumpResponse(body bool) []byte {
	if e == nil || e.Response == nil {
		return nil
	}
	resp := *e.Response
	resp.Body = readCloser{bytes.NewReader(e.Body)}
	resp.ContentLength = int64(len(e.Body))
	resp.TransferEncoding = nil
	out, err := httputil.DumpResponse(&resp, body)
	if err != nil {
		return nil
	}
	return out
}

func redactRequest(req *http.Request) *http.Request {
	c := req.Clone(req.Context())
	c.Body = nil
	c.GetBody = nil
	if c.Header.Get("Authorization") != "" {
		c.Header.Set("Authorization", redact.Placeholder)
	}
	if c.URL != nil && c.URL.User != nil {
		c.URL.User = nil
	}
	return c
}

func redactURL(req *http.Request) string {
	if req.URL == nil {
		return ""
	}
	if req.URL.User == nil {
		return req.URL.String()
	}
	u := *req.URL
	u.User = nil
	return u.String()
}
