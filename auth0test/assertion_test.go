package auth0test_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/internal/testutil"
	"github.com/actions-sdk/auth0-go/option"
)

func TestClientAssertion(t *testing.T) {
	t.Parallel()
	key, keyPEM := testutil.RSAKey(t)
	for _, alg := range []string{"RS256", "RS384", "PS256"} {
		t.Run(alg, func(t *testing.T) {
			t.Parallel()
			srv := auth0test.NewServer(t, auth0test.WithClientAssertion("m2m", &key.PublicKey, alg))
			c := srv.Client(option.WithClientAssertion("m2m", keyPEM, alg))
			if _, err := c.Actions.List(t.Context(), auth0.ActionListParams{}); err != nil {
				t.Fatal(err)
			}
			if n := srv.RequestCount(auth0test.RouteToken); n != 1 {
				t.Errorf("token requests = %d, want 1", n)
			}
			form, _ := url.ParseQuery(string(srv.Requests()[0].Body))
			if form.Get("client_secret") != "" || form.Get("client_assertion") == "" {
				t.Errorf("token request = %v", form)
			}
		})
	}

	// Another key, or another algorithm than the credential's, is refused.
	_, otherPEM := testutil.NewRSAKey(t)
	srv := auth0test.NewServer(t, auth0test.WithClientAssertion("m2m", &key.PublicKey, "RS256"))
	for name, opt := range map[string]option.RequestOption{
		"wrong key":       option.WithClientAssertion("m2m", otherPEM, "RS256"),
		"wrong algorithm": option.WithClientAssertion("m2m", keyPEM, "PS256"),
		"wrong client":    option.WithClientAssertion("other", keyPEM, "RS256"),
	} {
		_, err := srv.Client(opt).Actions.List(t.Context(), auth0.ActionListParams{})
		if apiErr := apiError(t, err); apiErr.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: %v", name, err)
		}
		if strings.Contains(err.Error(), "PRIVATE KEY") {
			t.Errorf("%s: the error quotes the key: %v", name, err)
		}
	}
}

func TestClientAssertionRules(t *testing.T) {
	t.Parallel()
	key, _ := testutil.RSAKey(t)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	srv := auth0test.NewServer(t, auth0test.WithClientAssertion("m2m", &key.PublicKey, "RS256"),
		auth0test.WithClock(func() time.Time { return now }))
	sign := func(edit func(*jwt.RegisteredClaims)) string {
		claims := jwt.RegisteredClaims{Issuer: "m2m", Subject: "m2m", Audience: jwt.ClaimStrings{srv.URL + "/"},
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(time.Minute)), ID: "jti-" + t.Name()}
		edit(&claims)
		s, err := jwt.NewWithClaims(jwt.SigningMethodRS256, claims).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	post := func(assertion string) (int, string) {
		form := url.Values{"grant_type": {"client_credentials"}, "audience": {srv.URL + "/api/v2/"},
			"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"}, "client_assertion": {assertion}}
		res, err := http.PostForm(srv.URL+"/oauth/token", form)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b strings.Builder
		buf := make([]byte, 4096)
		n, _ := res.Body.Read(buf)
		b.Write(buf[:n])
		return res.StatusCode, b.String()
	}
	ok := sign(func(c *jwt.RegisteredClaims) { c.ID = "once" })
	if status, body := post(ok); status != http.StatusOK {
		t.Fatalf("valid assertion: %d %s", status, body)
	}
	if status, body := post(ok); status != http.StatusUnauthorized || !strings.Contains(body, "used before") {
		t.Errorf("replayed jti: %d %s", status, body)
	}
	for name, edit := range map[string]func(*jwt.RegisteredClaims){
		"expired":        func(c *jwt.RegisteredClaims) { c.ID, c.ExpiresAt = "e", jwt.NewNumericDate(now.Add(-time.Second)) },
		"too long":       func(c *jwt.RegisteredClaims) { c.ID, c.ExpiresAt = "l", jwt.NewNumericDate(now.Add(time.Hour)) },
		"wrong audience": func(c *jwt.RegisteredClaims) { c.ID, c.Audience = "a", jwt.ClaimStrings{srv.URL + "/api/v2/"} },
		"wrong issuer":   func(c *jwt.RegisteredClaims) { c.ID, c.Issuer = "i", "other" },
		"wrong subject":  func(c *jwt.RegisteredClaims) { c.ID, c.Subject = "s", "other" },
		"no jti":         func(c *jwt.RegisteredClaims) { c.ID = "" },
	} {
		if status, body := post(sign(edit)); status != http.StatusUnauthorized || !strings.Contains(body, "invalid_client") {
			t.Errorf("%s: %d %s", name, status, body)
		}
	}
}
