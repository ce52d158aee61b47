package auth0test_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
)

var postLoginV3 = []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}

func newParams(name string) auth0.ActionNewParams {
	return auth0.ActionNewParams{
		Name:              name,
		SupportedTriggers: postLoginV3,
		Code:              auth0.String(`exports.onExecutePostLogin = async (event, api) => {};`),
	}
}

var (
	uuidRE      = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	timestampRE = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$`)
)

// raw sends a request with a plain http.Client, with the server's token
// when auth is true, and decodes a JSON body.
func raw(t *testing.T, srv *auth0test.Server, method, path, body string, auth bool) (*http.Response, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+srv.Token())
	}
	resp, err := (&http.Client{}).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if len(b) > 0 {
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s %s: body %q is not a JSON object: %v", method, path, b, err)
		}
	}
	return resp, m
}

// rawKeys decodes JSON into a map, to check which keys the wire has.
func rawKeys(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("decoding %s: %v", b, err)
	}
	return m
}

// apiError returns err as an *auth0.Error, failing the test if it is not.
func apiError(t *testing.T, err error) *auth0.Error {
	t.Helper()
	var apiErr *auth0.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v (%T), want an *auth0.Error", err, err)
	}
	return apiErr
}

func wantAPIError(t *testing.T, err error, status int, code, message string) {
	t.Helper()
	apiErr := apiError(t, err)
	if apiErr.StatusCode != status || apiErr.Code != code {
		t.Errorf("error = %d %q (%s), want %d %q", apiErr.StatusCode, apiErr.Code, apiErr.Message, status, code)
	}
	if message != "" && apiErr.Message != message {
		t.Errorf("message = %q, want %q", apiErr.Message, message)
	}
}

// clock is a settable clock for WithClock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock {
	return &clock{now: time.Date(2026, 3, 2, 9, 15, 27, 118204531, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// second returns the error of a two-result call, to test it in one line.
func second[T any](_ T, err error) error { return err }

// without returns a copy of m without key.
func without(m map[string]any, key string) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}
