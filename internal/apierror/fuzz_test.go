package apierror

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/actions-sdk/auth0-go/internal/redact"
)

const fuzzToken = "fz-bearer-token-0c1d2e"

// FuzzNew builds an *Error from any status, error body and rate-limit
// headers, with an action secret value in the request body, and checks
// that nothing panics, that the figures are consistent, and that neither
// the bearer token nor the secret value shows in the error's text, fields,
// RawJSON or dumped bodies. Seeds: testdata/fuzz/FuzzNew.
func FuzzNew(f *testing.F) {
	f.Fuzz(func(t *testing.T, status uint16, body []byte, retryAfter, limit, remaining, reset, secret string) {
		code := 100 + int(status)%900
		req, err := http.NewRequest(http.MethodPost, "https://tenant.example/api/v2/actions/actions", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+fuzzToken)
		reqBody, _ := json.Marshal(map[string]any{"name": "a", "secrets": []any{map[string]any{"name": "K", "value": secret}}})
		h := http.Header{}
		for k, v := range map[string]string{"Retry-After": retryAfter, "X-RateLimit-Limit": limit,
			"X-RateLimit-Remaining": remaining, "X-RateLimit-Reset": reset} {
			if v != "" {
				h.Set(k, v)
			}
		}
		resp := &http.Response{StatusCode: code, Status: fmt.Sprintf("%d %s", code, http.StatusText(code)),
			Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: h}
		r := redact.New(secret, fuzzToken)

		e := New(req, reqBody, resp, body, r)
		text := e.Error()
		if e.StatusCode != code || !strings.Contains(text, strconv.Itoa(code)) {
			t.Fatalf("status %d, error %q", e.StatusCode, text)
		}
		if e.RetryAfter < 0 || e.RetryAfter > 1e9*time.Second {
			t.Fatalf("RetryAfter %s out of range for %q", e.RetryAfter, retryAfter)
		}
		if rl, ok := ParseRateLimit(h); ok != (e.RateLimit != nil) || ok && *e.RateLimit != rl {
			t.Fatalf("RateLimit %+v, headers say %+v (%v)", e.RateLimit, rl, ok)
		}
		for target, want := range map[error]bool{
			ErrNotFound: code == 404, ErrRateLimited: code == 429, ErrConflict: code == 409, ErrUnauthorized: code == 401,
			ErrForbidden: code == 403, ErrBadRequest: code == 400, ErrServer: code >= 500, ErrOutcomeUnknown: false,
		} {
			if errors.Is(e, target) != want {
				t.Fatalf("errors.Is(%d, %v) = %v", code, target, !want)
			}
		}
		if got := e.Request.Header.Get("Authorization"); got != redact.Placeholder {
			t.Fatalf("Request keeps Authorization %q", got)
		}
		reqDump, respDump := e.DumpRequest(true), e.DumpResponse(true)
		_, _ = e.DumpRequest(false), e.DumpResponse(false)

		// What came from the server or the request body, and so must be
		// scrubbed; headers and the request line are the caller's own.
		scrubbed := map[string]string{
			"Error()": text, "Message": e.Message, "Code": e.Code, "ErrorText": e.ErrorText,
			"RawJSON": string(e.RawJSON()), "DumpRequest body": dumpBody(reqDump), "DumpResponse body": dumpBody(respDump),
		}
		baseline := New(req, nil, resp, nil, r)
		scaffold := baseline.Error() + string(baseline.DumpRequest(false)) + string(baseline.DumpResponse(false))
		for _, s := range []string{fuzzToken, secret} {
			if !redactable(s, scaffold) {
				continue
			}
			for where, got := range scrubbed {
				if strings.Contains(got, s) {
					t.Fatalf("%s shows %q: %q", where, s, got)
				}
			}
		}
	})
}

// dumpBody is the body of an HTTP dump.
func dumpBody(dump []byte) string {
	if _, body, ok := bytes.Cut(dump, []byte("\r\n\r\n")); ok {
		return string(body)
	}
	return ""
}

// redactable reports whether a secret can be checked for by substring:
// long enough to be scrubbed (3 bytes), not part of the error's own
// scaffolding (such as "POST" or the status text), and sharing no edge
// with the placeholder, which would let a replacement re-create it.
func redactable(s, scaffold string) bool {
	if len(s) < 3 || strings.Contains(scaffold, s) || strings.Contains(redact.Placeholder, s) {
		return false
	}
	for k := 1; k <= len(s) && k <= len(redact.Placeholder); k++ {
		if strings.HasSuffix(redact.Placeholder, s[:k]) || strings.HasPrefix(redact.Placeholder, s[len(s)-k:]) {
			return false
		}
	}
	return true
}
