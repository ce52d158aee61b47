package auth0test_test

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// trusting returns an HTTP client that trusts only the PEM certificates.
func trusting(t *testing.T, pemBytes []byte) *http.Client {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemBytes) {
		t.Fatalf("no certificate in %q", pemBytes)
	}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
}

// parseCert decodes the one certificate of a PEM file.
func parseCert(t *testing.T, pemBytes []byte) *x509.Certificate {
	t.Helper()
	block, rest := pem.Decode(pemBytes)
	if block == nil || block.Type != "CERTIFICATE" || len(bytes.TrimSpace(rest)) != 0 {
		t.Fatalf("PEM = %q, want one CERTIFICATE block", pemBytes)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

// TestTLSClientCallsTheDomain: with WithTLS the server is at
// https://127.0.0.1:PORT, and its Client calls https://{domain} as a client
// of a real tenant does, trusting the certificate made at start.
func TestTLSClientCallsTheDomain(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithTLS())
	if !strings.HasPrefix(srv.URL, "https://127.0.0.1:") {
		t.Fatalf("URL = %q, want https://127.0.0.1:PORT", srv.URL)
	}
	if want := strings.TrimPrefix(srv.URL, "https://"); srv.Domain() != want {
		t.Errorf("Domain() = %q, want %q", srv.Domain(), want)
	}
	c := srv.Client()
	a, err := c.Actions.New(t.Context(), newParams("over-https"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Actions.DeployAndWait(t.Context(), a.ID); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) == 0 {
		t.Fatal("no request reached the server")
	}
	for _, r := range reqs {
		if !strings.HasPrefix(r.Path, "/api/v2/actions/") {
			t.Errorf("request to %s, want /api/v2/actions/…", r.Path)
		}
	}

	// The certificate: self-signed, for the loopback names, valid now.
	cert := parseCert(t, srv.CertificatePEM())
	if err := cert.CheckSignatureFrom(cert); err != nil {
		t.Errorf("not self-signed: %v", err)
	}
	for _, host := range []string{"127.0.0.1", "::1", "localhost"} {
		if err := cert.VerifyHostname(host); err != nil {
			t.Errorf("certificate: %v", err)
		}
	}
	if err := cert.VerifyHostname("example.com"); err == nil {
		t.Error("the certificate is valid for example.com; it should name only the server's hosts")
	}

	// Any client that trusts the PEM reaches it, by IP or by localhost;
	// one that does not is refused at the handshake.
	_, port, _ := net.SplitHostPort(srv.Domain())
	for _, origin := range []string{srv.URL, "https://localhost:" + port} {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, origin+"/api/v2/actions/triggers", nil)
		req.Header.Set("Authorization", "Bearer "+srv.Token())
		resp, err := trusting(t, srv.CertificatePEM()).Do(req)
		if err != nil {
			t.Fatalf("%s: %v", origin, err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", origin, resp.StatusCode)
		}
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/api/v2/actions/triggers", nil)
	var unknownAuthority x509.UnknownAuthorityError
	if resp, err := (&http.Client{Transport: &http.Transport{}}).Do(req); err == nil {
		_ = resp.Body.Close()
		t.Error("a client that does not trust the certificate reached the server")
	} else if !errors.As(err, &unknownAuthority) {
		t.Errorf("untrusted: %v, want x509.UnknownAuthorityError", err)
	}
}

// TestTLSClientCredentials: a client configured only by the domain, the
// certificate and client credentials, as Auth0's tools are, gets a token
// from https://{domain}/oauth/token for the audience https://{domain}/api/v2/
// and calls the API with it.
func TestTLSClientCredentials(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithTLS(), auth0test.WithClientCredentials("m2m", "shh"))
	c := auth0.NewClient(option.WithDomain(srv.Domain()), option.WithClientCredentials("m2m", "shh"),
		option.WithHTTPClient(trusting(t, srv.CertificatePEM())))
	if _, err := c.Actions.Triggers.List(t.Context()); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Route != auth0test.RouteToken || reqs[1].Route != auth0test.RouteTriggersList {
		t.Fatalf("requests = %v, want the token request then the trigger list", routesOf(reqs))
	}
	form, _ := url.ParseQuery(string(reqs[0].Body))
	if want := "https://" + srv.Domain() + "/api/v2/"; form.Get("audience") != want {
		t.Errorf("audience = %q, want %q", form.Get("audience"), want)
	}
	if got := reqs[1].Header.Get("Authorization"); !strings.HasPrefix(got, "Bearer auth0test-cc-") {
		t.Errorf("Authorization = %q, want an issued token", got)
	}
}

func routesOf(reqs []auth0test.Request) []string {
	out := make([]string, 0, len(reqs))
	for _, r := range reqs {
		out = append(out, r.Route)
	}
	return out
}

// TestTokenRequestsOfOtherClients: the token endpoint answers the bodies
// Auth0's own clients send: the Node.js SDK's form (client_id, audience,
// client_secret, grant_type, in that order), a JSON body, and
// golang.org/x/oauth2's Basic authentication; the audience is
// https://{domain}/api/v2/, with its trailing slash.
func TestTokenRequestsOfOtherClients(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithTLS(), auth0test.WithClientCredentials("m2m", "s3cret"))
	hc := trusting(t, srv.CertificatePEM())
	aud := "https://" + srv.Domain() + "/api/v2/"
	post := func(contentType, body string, basic bool) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, "https://"+srv.Domain()+"/oauth/token", strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		if basic {
			req.SetBasicAuth("m2m", "s3cret")
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, m
	}
	const form = "application/x-www-form-urlencoded"
	cases := []struct {
		name, contentType, body string
		basic                   bool
		status                  int
		errCode                 string
	}{
		{"node-auth0 form", form, "client_id=m2m&audience=" + url.QueryEscape(aud) + "&client_secret=s3cret&grant_type=client_credentials", false, 200, ""},
		{"form with charset", form + ";charset=UTF-8", "grant_type=client_credentials&client_id=m2m&client_secret=s3cret&audience=" + url.QueryEscape(aud), false, 200, ""},
		{"JSON", "application/json", `{"grant_type":"client_credentials","client_id":"m2m","client_secret":"s3cret","audience":"` + aud + `"}`, false, 200, ""},
		{"Basic", form, "grant_type=client_credentials&audience=" + url.QueryEscape(aud), true, 200, ""},
		{"the URL's audience", form, "grant_type=client_credentials&client_id=m2m&client_secret=s3cret&audience=" + url.QueryEscape(srv.URL+"/api/v2/"), false, 200, ""},
		{"no trailing slash", form, "grant_type=client_credentials&client_id=m2m&client_secret=s3cret&audience=" + url.QueryEscape(strings.TrimSuffix(aud, "/")), false, 403, "access_denied"},
		{"another API", form, "grant_type=client_credentials&client_id=m2m&client_secret=s3cret&audience=" + url.QueryEscape("https://tenant.auth0.com/api/v2/"), false, 403, "access_denied"},
		{"no audience", form, "grant_type=client_credentials&client_id=m2m&client_secret=s3cret", false, 403, "access_denied"},
		{"wrong secret", form, "grant_type=client_credentials&client_id=m2m&client_secret=nope&audience=" + url.QueryEscape(aud), false, 401, "access_denied"},
		{"bad JSON", "application/json", `{"grant_type":`, false, 400, "invalid_request"},
	}
	for _, tc := range cases {
		status, body := post(tc.contentType, tc.body, tc.basic)
		if status != tc.status {
			t.Errorf("%s: status %d %v, want %d", tc.name, status, body, tc.status)
			continue
		}
		if tc.status == 200 {
			if body["token_type"] != "Bearer" || body["access_token"] == nil || body["expires_in"] == nil {
				t.Errorf("%s: token = %v", tc.name, body)
			}
		} else if body["error"] != tc.errCode {
			t.Errorf("%s: error = %v, want %q", tc.name, body, tc.errCode)
		}
		if b, _ := json.Marshal(body); bytes.Contains(b, []byte("s3cret")) {
			t.Errorf("%s: the answer shows the secret: %s", tc.name, b)
		}
	}
}

// TestPublicURL: behind a proxy, clients know the server by the public
// URL: Domain is its host, its audience is accepted, the certificate names
// its host, and Client still calls the server directly.
func TestPublicURL(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithTLS(), auth0test.WithClientCredentials("m2m", "shh"),
		auth0test.WithPublicURL("https://auth0.test:9443"))
	if srv.Domain() != "auth0.test:9443" {
		t.Errorf("Domain() = %q", srv.Domain())
	}
	if !strings.HasPrefix(srv.URL, "https://127.0.0.1:") {
		t.Errorf("URL = %q", srv.URL)
	}
	if err := parseCert(t, srv.CertificatePEM()).VerifyHostname("auth0.test"); err != nil {
		t.Error(err)
	}
	for _, aud := range []string{"https://auth0.test:9443/api/v2/", srv.URL + "/api/v2/"} {
		c := srv.Client(option.WithClientCredentials("m2m", "shh"), option.WithAudience(aud))
		if _, err := c.Actions.Triggers.List(t.Context()); err != nil {
			t.Errorf("audience %s: %v", aud, err)
		}
	}

	for _, bad := range []string{"auth0.test", "ftp://auth0.test", "https://", "https://auth0.test/api/v2", "https://u:p@auth0.test", "https://auth0.test?x=1", "https://u:p@auth0 test"} {
		if _, err := auth0test.Start(auth0test.WithPublicURL(bad)); err == nil || strings.Contains(err.Error(), ":p@") {
			t.Errorf("WithPublicURL(%q): err = %v, want an error that does not show the password", bad, err)
		}
	}
}

// TestStartWithTLS: outside a test, Start serves HTTPS too, and the
// certificate can be written for other programs.
func TestStartWithTLS(t *testing.T) {
	t.Parallel()
	srv, err := auth0test.Start(auth0test.WithTLS(), auth0test.WithListenAddress("127.0.0.1:0"))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if _, err := srv.Client().Actions.Triggers.List(t.Context()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "auth0test.pem")
	if err := srv.WriteCertificate(path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, srv.CertificatePEM()) {
		t.Errorf("file = %q, %v; want the PEM", got, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, %v; want 0600", fi.Mode(), err)
	}
	if err := srv.WriteCertificate(filepath.Join(t.TempDir(), "missing", "x.pem")); err == nil {
		t.Error("writing into a missing directory: no error")
	}
	// Without TLS there is no certificate.
	plain := auth0test.NewServer(t)
	if plain.CertificatePEM() != nil || plain.WriteCertificate(path) == nil {
		t.Error("a plain-http server has a certificate")
	}
	if !strings.HasPrefix(plain.URL, "http://127.0.0.1:") || plain.Domain() != strings.TrimPrefix(plain.URL, "http://") {
		t.Errorf("plain: URL %q, Domain %q", plain.URL, plain.Domain())
	}
}

// TestListenAddress: the server listens where it is told; on every
// interface it is still reached at 127.0.0.1; bad addresses and a port in
// use are errors.
func TestListenAddress(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithListenAddress(":0"), auth0test.WithTLS())
	if !strings.HasPrefix(srv.URL, "https://127.0.0.1:") {
		t.Errorf("URL = %q", srv.URL)
	}
	if _, err := srv.Client().Actions.Triggers.List(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "127.0.0.1", "127.0.0.1:http-nope", "127.0.0.1:70000"} {
		if _, err := auth0test.Start(auth0test.WithListenAddress(bad)); err == nil {
			t.Errorf("WithListenAddress(%q): no error", bad)
		}
	}
	_, err := auth0test.Start(auth0test.WithListenAddress(srv.Domain()))
	if err == nil || !strings.Contains(err.Error(), "listening on") {
		t.Errorf("port in use: err = %v", err)
	}
}

// TestLogger: WithLogger logs each request without its headers or body;
// without it nothing is logged.
func TestLogger(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&lockedWriter{mu: &mu, w: &buf}, nil))
	srv := auth0test.NewServer(t, auth0test.WithTLS(), auth0test.WithLogger(l), auth0test.WithClientCredentials("m2m", "s3cret"))
	c := srv.Client(option.WithClientCredentials("m2m", "s3cret"))
	if _, err := c.Actions.New(t.Context(), auth0.ActionNewParams{Name: "logged", SupportedTriggers: postLoginV3,
		Secrets: []auth0.ActionSecretParam{{Name: "K", Value: "secret-value"}}}); err != nil {
		t.Fatal(err)
	}
	// A client that does not trust the certificate: the handshake error is
	// the HTTP server's, logged at Warn.
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/api/v2/actions/triggers", nil)
	if resp, err := (&http.Client{Transport: &http.Transport{}}).Do(req); err == nil {
		_ = resp.Body.Close()
	}
	srv.Close() // waits for the handlers, so every line is written
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	for _, leak := range []string{"s3cret", "secret-value", srv.Token(), "auth0test-cc-"} {
		if strings.Contains(out, leak) {
			t.Errorf("the log shows %q:\n%s", leak, out)
		}
	}
	var routes []string
	for line := range strings.Lines(out) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if rec["msg"] == "auth0test: request" {
			routes = append(routes, rec["route"].(string)+" "+jsonNumber(rec["status"]))
		}
	}
	if want := []string{auth0test.RouteToken + " 200", auth0test.RouteActionsNew + " 201"}; !slices.Equal(routes, want) {
		t.Errorf("logged %v, want %v", routes, want)
	}
	if !strings.Contains(out, "TLS handshake error") {
		t.Errorf("the handshake error was not logged:\n%s", out)
	}
	if _, err := auth0test.Start(auth0test.WithLogger(nil)); err == nil {
		t.Error("WithLogger(nil): no error")
	}
}

func jsonNumber(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// lockedWriter serializes writes from the server's goroutines.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}
