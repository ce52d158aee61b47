package requestconfig

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/actions-sdk/auth0-go/internal/testutil"
)

// rsaTestKey returns the test binary's shared 2048-bit RSA key.
func rsaTestKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	key, _ := testutil.RSAKey(t)
	return key
}

func pemOf(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func pkcs8PEM(t *testing.T, key any) string {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	return pemOf("PRIVATE KEY", der)
}

// verifyAssertion checks an assertion's signature with the public key and
// returns its claims.
func verifyAssertion(t *testing.T, assertion, alg string, pub *rsa.PublicKey) jwt.MapClaims {
	t.Helper()
	claims := jwt.MapClaims{}
	tok, err := jwt.ParseWithClaims(assertion, claims, func(*jwt.Token) (any, error) { return pub, nil },
		jwt.WithValidMethods([]string{alg}), jwt.WithExpirationRequired(), jwt.WithIssuedAt())
	require.NoError(t, err)
	require.True(t, tok.Valid)
	assert.Equal(t, alg, tok.Header["alg"])
	return claims
}

func TestAssertionSignerClaims(t *testing.T) {
	t.Parallel()
	key := rsaTestKey(t)
	for _, alg := range []string{"RS256", "RS384", "PS256"} {
		s, err := NewAssertionSigner(pkcs8PEM(t, key), alg)
		require.NoError(t, err, alg)
		assert.Equal(t, alg, s.Alg())
		now := time.Now()
		a1, err := s.Sign("my-client", "https://t.auth0.com/oauth/token", now)
		require.NoError(t, err)
		a2, err := s.Sign("my-client", "https://t.auth0.com/oauth/token", now)
		require.NoError(t, err)

		c := verifyAssertion(t, a1, alg, &key.PublicKey)
		assert.Equal(t, "my-client", c["iss"], alg)
		assert.Equal(t, "my-client", c["sub"], alg)
		aud, err := c.GetAudience()
		require.NoError(t, err)
		assert.Equal(t, jwt.ClaimStrings{"https://t.auth0.com/"}, aud, "aud is the tenant URL with its trailing slash")
		assert.EqualValues(t, now.Unix(), c["iat"])
		assert.EqualValues(t, now.Add(time.Minute).Unix(), c["exp"], "a minute's lifetime")
		assert.Regexp(t, `^[0-9a-f]{32}$`, c["jti"])
		assert.NotEqual(t, c["jti"], verifyAssertion(t, a2, alg, &key.PublicKey)["jti"], "every assertion has its own jti")

		// The other algorithms' verifiers refuse it: the header is honest.
		_, err = jwt.Parse(a1, func(*jwt.Token) (any, error) { return &key.PublicKey, nil }, jwt.WithValidMethods([]string{"HS256"}))
		assert.Error(t, err)
	}
}

func TestAssertionSignerAcceptsKeyForms(t *testing.T) {
	t.Parallel()
	key := rsaTestKey(t)
	pkcs1 := pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key))
	for name, text := range map[string]string{
		"PKCS #8":             pkcs8PEM(t, key),
		"PKCS #1":             pkcs1,
		"escaped line breaks": strings.ReplaceAll(pkcs1, "\n", `\n`),
		"surrounding space":   "\n  " + pkcs1 + "\n\n",
		"CRLF line breaks":    strings.ReplaceAll(pkcs1, "\n", "\r\n"),
	} {
		s, err := NewAssertionSigner(text, "rs256")
		require.NoError(t, err, name)
		a, err := s.Sign("c", "https://t.auth0.com/oauth/token", time.Now())
		require.NoError(t, err, name)
		verifyAssertion(t, a, "RS256", &key.PublicKey)
	}
	s, err := NewAssertionSigner(pkcs1, "")
	require.NoError(t, err)
	assert.Equal(t, "RS256", s.Alg(), "no algorithm means RS256")
}

func TestAssertionSignerRejects(t *testing.T) {
	t.Parallel()
	key := rsaTestKey(t)
	good := pkcs8PEM(t, key)
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	ecDER, err := x509.MarshalECPrivateKey(ec)
	require.NoError(t, err)
	pubDER, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	require.NoError(t, err)
	block, _ := pem.Decode([]byte(good))
	corrupt := append([]byte(nil), block.Bytes...)
	corrupt[len(corrupt)/2] ^= 0xff
	corrupt = corrupt[:len(corrupt)-7]
	encrypted := strings.Replace(pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key)), "-----\n", "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n", 1)

	tests := []struct {
		name, pem, alg, want string
	}{
		{"empty", "  \n", "RS256", "the private key is empty"},
		{"not PEM", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-not-pem-at-all", "RS256", "not PEM-encoded"},
		{"public key", pemOf("PUBLIC KEY", pubDER), "RS256", "is a public key, not the private key"},
		{"certificate", pemOf("CERTIFICATE", pubDER), "RS256", "is a certificate, not the private key"},
		{"EC key", pemOf("EC PRIVATE KEY", ecDER), "RS256", "is an EC key"},
		{"EC key in PKCS #8", pkcs8PEM(t, ec), "RS256", "not an RSA key"},
		{"encrypted", encrypted, "RS256", "is encrypted"},
		{"encrypted PKCS #8", pemOf("ENCRYPTED PRIVATE KEY", block.Bytes), "RS256", "is encrypted"},
		{"corrupt DER", pemOf("PRIVATE KEY", corrupt), "RS256", "the PRIVATE KEY block does not hold a valid key"},
		{"unknown block", pemOf("OPENSSH PRIVATE KEY", block.Bytes), "RS256", `type "OPENSSH PRIVATE KEY"`},
		{"1024-bit key", pkcs8PEM(t, small), "RS256", "has 1024 bits: Auth0 requires at least 2048"},
		{"HS256", good, "HS256", `signing algorithm "HS256" is not supported: Auth0 accepts RS256, RS384 and PS256`},
		{"none", good, "none", `"none" is not supported`},
		{"ES256", good, "ES256", `"ES256" is not supported`},
		{"RS512", good, "RS512", `"RS512" is not supported`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, err := NewAssertionSigner(tc.pem, tc.alg)
			require.Error(t, err)
			assert.Nil(t, s)
			msg := err.Error()
			assert.Contains(t, msg, tc.want)
			assert.NotContains(t, msg, "auth0:", "the caller adds the prefix with the setting's name")
			assertNoKeyMaterial(t, msg, tc.pem, good)
		})
	}
}

// assertNoKeyMaterial fails if msg contains any line (of 16 characters or
// more) of the PEM texts.
func assertNoKeyMaterial(t *testing.T, msg string, pems ...string) {
	t.Helper()
	for _, p := range pems {
		for _, line := range strings.Split(strings.ReplaceAll(p, `\n`, "\n"), "\n") {
			line = strings.TrimSpace(line)
			if len(line) >= 16 && !strings.HasPrefix(line, "-----") && !strings.HasPrefix(line, "DEK-Info") && !strings.HasPrefix(line, "Proc-Type") {
				assert.NotContains(t, msg, line, "the message shows key material")
			}
		}
	}
}

func TestClientAssertionTokenRequest(t *testing.T) {
	t.Parallel()
	key := rsaTestKey(t)
	signer, err := NewAssertionSigner(pkcs8PEM(t, key), "PS256")
	require.NoError(t, err)
	var forms []url.Values
	var mu sync.Mutex
	cfg := newTokenConfig(func(req *http.Request) (*http.Response, error) {
		if err := req.ParseForm(); err != nil {
			return nil, err
		}
		mu.Lock()
		forms = append(forms, req.PostForm)
		mu.Unlock()
		assert.Empty(t, req.Header.Get("Authorization"), "no basic auth: the assertion authenticates")
		return tokenJSONResponder("tok-1", 86400)(req)
	})
	cc := NewClientAssertion("my-client", signer)

	tok, err := cc.Token(t.Context(), cfg)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
	tok, err = cc.Token(t.Context(), cfg)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok, "the token is cached")
	require.Len(t, forms, 1)

	f := forms[0]
	assertion := f.Get("client_assertion")
	f.Del("client_assertion")
	assert.Equal(t, url.Values{
		"grant_type":            {"client_credentials"},
		"client_id":             {"my-client"},
		"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
		"audience":              {"https://t.auth0.com/api/v2/"},
	}, f, "no client_secret is sent")
	c := verifyAssertion(t, assertion, "PS256", &key.PublicKey)
	assert.Equal(t, "my-client", c["iss"])
	assert.Equal(t, "my-client", c["sub"])
	assert.Equal(t, []any{"https://t.auth0.com/"}, c["aud"])

	secrets := cc.Secrets()
	assert.Contains(t, secrets, assertion, "the redactor knows the assertion while it is valid")
	assert.Contains(t, secrets, signer.pem, "and the key")
}

func TestClientAssertionRetrySignsAnew(t *testing.T) {
	t.Parallel()
	key := rsaTestKey(t)
	signer, err := NewAssertionSigner(pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key)), "RS384")
	require.NoError(t, err)
	var n atomic.Int32
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !assert.NoError(t, r.ParseForm()) {
			return
		}
		mu.Lock()
		seen = append(seen, r.PostForm.Get("client_assertion"))
		mu.Unlock()
		assert.Equal(t, ClientAssertionType, r.PostForm.Get("client_assertion_type"))
		if n.Add(1) < 3 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"fresh","expires_in":86400}`))
	}))
	defer srv.Close()
	cfg := &RequestConfig{BaseURL: srv.URL + "/api/v2/", MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: 2 * time.Millisecond}
	tok, err := NewClientAssertion("c", signer).Token(t.Context(), cfg)
	require.NoError(t, err)
	assert.Equal(t, "fresh", tok)
	require.Len(t, seen, 3)
	jtis := map[any]bool{}
	for _, a := range seen {
		c := verifyAssertion(t, a, "RS384", &key.PublicKey)
		assert.Equal(t, []any{srv.URL + "/"}, c["aud"])
		jtis[c["jti"]] = true
	}
	assert.Len(t, jtis, 3, "every attempt carries a new assertion: Auth0 accepts each jti once")
}

func TestClientAssertionRefusedNamesTheSettings(t *testing.T) {
	t.Parallel()
	key := rsaTestKey(t)
	text := pkcs8PEM(t, key)
	signer, err := NewAssertionSigner(text, "RS256")
	require.NoError(t, err)
	var sent string
	cfg := newTokenConfig(func(req *http.Request) (*http.Response, error) {
		if err := req.ParseForm(); err != nil {
			return nil, err
		}
		sent = req.PostForm.Get("client_assertion")
		// A server that echoes what it was sent.
		resp := httpmock.NewStringResponse(http.StatusUnauthorized, fmt.Sprintf(`{"error":"access_denied","error_description":"Invalid client assertion %s"}`, sent))
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	_, err = NewClientAssertion("my-client", signer).Token(t.Context(), cfg)
	require.Error(t, err)
	msg := err.Error()
	require.NotEmpty(t, sent)
	assert.Equal(t, 1, strings.Count(msg, "auth0:"), msg)
	assert.Contains(t, msg, "POST "+testTokenURL)
	assert.Contains(t, msg, "AUTH0_CLIENT_ASSERTION_PRIVATE_KEY")
	assert.Contains(t, msg, "with the algorithm RS256")
	assert.NotContains(t, msg, "client secret", "the hint is about the key")
	assert.NotContains(t, msg, sent, "the assertion is scrubbed")
	assert.Contains(t, msg, "[REDACTED]")
	assertNoKeyMaterial(t, fmt.Sprintf("%+v %#v", err, err), text)
}

func TestClientAssertionNeedsClientID(t *testing.T) {
	t.Parallel()
	signer, err := NewAssertionSigner(pkcs8PEM(t, rsaTestKey(t)), "")
	require.NoError(t, err)
	cfg := newTokenConfig(func(*http.Request) (*http.Response, error) {
		t.Error("nothing may be sent")
		return nil, fmt.Errorf("unexpected")
	})
	_, err = NewClientAssertion("", signer).Token(t.Context(), cfg)
	require.EqualError(t, err, "auth0: a private-key JWT needs the client ID")
}
