package auth0test_test

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

func TestUnauthorized(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)

	resp, body := raw(t, srv, http.MethodGet, "/api/v2/actions/actions", "", false)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("status = %d, want 401", resp.StatusCode)
	}
	want := map[string]any{"statusCode": float64(401), "error": "Unauthorized", "message": "Missing authentication"}
	if len(body) != len(want) {
		t.Errorf("body = %v, want %v", body, want)
	}
	for k, v := range want {
		if body[k] != v {
			t.Errorf("body[%q] = %v, want %v", k, body[k], v)
		}
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	for _, h := range []string{"X-Ratelimit-Limit", "X-Ratelimit-Remaining", "X-Ratelimit-Reset"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}

	_, err := srv.Client(option.WithToken("wrong")).Actions.List(t.Context(), auth0.ActionListParams{})
	wantAPIError(t, err, http.StatusUnauthorized, "", "Invalid token")
	if !errors.Is(err, auth0.ErrUnauthorized) {
		t.Error("errors.Is(err, ErrUnauthorized) = false")
	}

	custom := auth0test.NewServer(t, auth0test.WithToken("my-token"))
	if custom.Token() != "my-token" {
		t.Errorf("Token() = %q", custom.Token())
	}
	if _, err := custom.Client().Actions.Triggers.List(t.Context()); err != nil {
		t.Error(err)
	}
}

func TestClientCredentials(t *testing.T) {
	t.Parallel()
	clk := newClock()
	srv := auth0test.NewServer(t, auth0test.WithClientCredentials("m2m", "shh"), auth0test.WithClock(clk.Now),
		auth0test.WithTokenLifetime(time.Hour))
	c := srv.Client(option.WithClientCredentials("m2m", "shh"))
	ctx := t.Context()

	for range 3 {
		if _, err := c.Actions.List(ctx, auth0.ActionListParams{}); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.RequestCount(auth0test.RouteToken); n != 1 {
		t.Errorf("token requests = %d, want 1 (cached)", n)
	}
	tokenReq := srv.Requests()[0]
	form, _ := url.ParseQuery(string(tokenReq.Body))
	if form.Get("grant_type") != "client_credentials" || form.Get("audience") != srv.URL+"/api/v2/" {
		t.Errorf("token request = %s", tokenReq.Body)
	}

	// A revoked token is refused; the SDK fetches a new one and retries.
	srv.RevokeTokens()
	if _, err := c.Actions.List(ctx, auth0.ActionListParams{}); err != nil {
		t.Fatalf("after RevokeTokens: %v", err)
	}
	if n := srv.RequestCount(auth0test.RouteToken); n != 2 {
		t.Errorf("token requests = %d, want 2", n)
	}

	// Expired by the server's clock: likewise.
	clk.Advance(2 * time.Hour)
	if _, err := c.Actions.List(ctx, auth0.ActionListParams{}); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if n := srv.RequestCount(auth0test.RouteToken); n != 3 {
		t.Errorf("token requests = %d, want 3", n)
	}
	var expired bool
	for _, r := range srv.Requests() {
		expired = expired || r.Status == http.StatusUnauthorized
	}
	if !expired {
		t.Error("no request was refused with 401")
	}

	// Wrong secret: the token endpoint's 401 reaches the caller.
	_, err := srv.Client(option.WithClientCredentials("m2m", "nope")).Actions.List(ctx, auth0.ActionListParams{})
	if apiErr := apiError(t, err); apiErr.StatusCode != http.StatusUnauthorized || strings.Contains(err.Error(), "nope") {
		t.Errorf("wrong secret: %v", err)
	}
}

func TestTokenEndpoint(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithClientCredentials("m2m", "shh"))
	post := func(form url.Values) (int, map[string]any) {
		t.Helper()
		resp, err := http.PostForm(srv.URL+"/oauth/token", form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		m := rawKeysFrom(t, resp)
		return resp.StatusCode, m
	}
	aud := srv.URL + "/api/v2/"
	status, body := post(url.Values{"grant_type": {"client_credentials"}, "client_id": {"m2m"}, "client_secret": {"shh"}, "audience": {aud}})
	if status != http.StatusOK || body["token_type"] != "Bearer" || body["expires_in"] != float64(86400) || body["access_token"] == "" {
		t.Errorf("token = %d %v", status, body)
	}
	status, body = post(url.Values{"grant_type": {"client_credentials"}, "client_id": {"m2m"}, "client_secret": {"shh"}, "audience": {"https://other/api/v2/"}})
	if status != http.StatusForbidden || body["error"] != "access_denied" {
		t.Errorf("wrong audience = %d %v", status, body)
	}
	status, body = post(url.Values{"grant_type": {"password"}, "client_id": {"m2m"}, "client_secret": {"shh"}, "audience": {aud}})
	if status != http.StatusForbidden || body["error"] != "unauthorized_client" {
		t.Errorf("password grant = %d %v", status, body)
	}
	resp, got := raw(t, srv, http.MethodPost, "/api/v2/actions/actions", `{}`, false)
	if resp.StatusCode != http.StatusUnauthorized || got["message"] != "Missing authentication" {
		t.Errorf("no token = %d %v", resp.StatusCode, got)
	}
}

func rawKeysFrom(t *testing.T, resp *http.Response) map[string]any {
	t.Helper()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return rawKeys(t, []byte(b.String()))
}
