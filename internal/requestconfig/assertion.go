package requestconfig

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// ClientAssertionType is the client_assertion_type of a private-key JWT
// (RFC 7523, section 2.2).
const ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

// DefaultAssertionAlg is the signing algorithm used when none is named, as
// with the Terraform provider's AUTH0_CLIENT_ASSERTION_SIGNING_ALG.
const DefaultAssertionAlg = "RS256"

// AssertionLifetime is how long a client assertion is valid. Auth0 accepts
// at most five minutes and recommends as short as possible; each token
// request (each attempt) gets a new one, so a minute is plenty.
const AssertionLifetime = time.Minute

// minRSABits is the smallest RSA key accepted: Auth0 requires 2048 bits.
const minRSABits = 2048

// assertionAlgs are the algorithms Auth0 accepts for client assertions.
var assertionAlgs = map[string]jwt.SigningMethod{
	"RS256": jwt.SigningMethodRS256,
	"RS384": jwt.SigningMethodRS384,
	"PS256": jwt.SigningMethodPS256,
}

// AssertionSigner signs private-key JWT client assertions with an
// application's RSA private key. It is safe for concurrent use. Its error
// messages never contain the key.
type AssertionSigner struct {
	key    *rsa.PrivateKey
	method jwt.SigningMethod
	pem    string
}

// NewAssertionSigner parses a PEM-encoded RSA private key (PKCS #1 "RSA
// PRIVATE KEY" or PKCS #8 "PRIVATE KEY") and checks the algorithm, one of
// RS256, RS384 and PS256 (empty means RS256). A PEM whose line breaks were
// written as the two characters \n, as some secret stores do, is accepted.
// The error names what is wrong without quoting the key, and has no
// "auth0:" prefix: callers add it with the name of the setting.
func NewAssertionSigner(privateKeyPEM, alg string) (*AssertionSigner, error) {
	method, err := assertionMethod(alg)
	if err != nil {
		return nil, err
	}
	key, err := parseRSAPrivateKey(privateKeyPEM)
	if err != nil {
		return nil, err
	}
	return &AssertionSigner{key: key, method: method, pem: privateKeyPEM}, nil
}

// CheckAssertionAlg reports whether Auth0 accepts alg for client
// assertions (case and surrounding space ignored; empty means RS256).
func CheckAssertionAlg(alg string) error {
	_, err := assertionMethod(alg)
	return err
}

func assertionMethod(alg string) (jwt.SigningMethod, error) {
	name := strings.ToUpper(strings.TrimSpace(alg))
	if name == "" {
		name = DefaultAssertionAlg
	}
	method, ok := assertionAlgs[name]
	if !ok {
		return nil, fmt.Errorf("signing algorithm %q is not supported: Auth0 accepts RS256, RS384 and PS256", alg)
	}
	return method, nil
}

// Alg returns the signing algorithm, such as "RS256".
func (s *AssertionSigner) Alg() string { return s.method.Alg() }

// parseRSAPrivateKey decodes the first PEM block and returns its RSA key.
// Its errors describe the input (its PEM type, its size) but never include
// the key's bytes, nor x509's messages about them.
func parseRSAPrivateKey(text string) (*rsa.PrivateKey, error) {
	data := []byte(strings.TrimSpace(text))
	if len(data) == 0 {
		return nil, errors.New("the private key is empty")
	}
	block, _ := pem.Decode(data)
	if block == nil && bytes.Contains(data, []byte(`\n`)) {
		block, _ = pem.Decode(bytes.ReplaceAll(data, []byte(`\n`), []byte("\n")))
	}
	if block == nil {
		return nil, errors.New("the private key is not PEM-encoded: expected a -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY----- block")
	}
	if _, encrypted := block.Headers["Proc-Type"]; encrypted || block.Type == "ENCRYPTED PRIVATE KEY" {
		return nil, errors.New("the private key is encrypted: give it decrypted (openssl pkey -in key.pem)")
	}
	var parsed any
	var err error
	switch block.Type {
	case "RSA PRIVATE KEY":
		parsed, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "PRIVATE KEY":
		parsed, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		return nil, errors.New("the private key is an EC key: Auth0 signs client assertions with RSA keys only (RS256, RS384, PS256)")
	case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE":
		return nil, fmt.Errorf("the PEM block is a %s, not the private key: Auth0 holds the public half, the SDK needs the private one", strings.ToLower(block.Type))
	default:
		return nil, fmt.Errorf("the PEM block is of type %q: expected PRIVATE KEY or RSA PRIVATE KEY", block.Type)
	}
	if err != nil {
		// x509's message is about the key's encoding; it is left out so
		// that nothing derived from the key is ever shown.
		return nil, fmt.Errorf("the %s block does not hold a valid key", block.Type)
	}
	key, ok := parsed.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("the private key is a %T, not an RSA key: Auth0 signs client assertions with RSA keys only (RS256, RS384, PS256)", parsed)
	}
	if bits := key.N.BitLen(); bits < minRSABits {
		return nil, fmt.Errorf("the RSA key has %d bits: Auth0 requires at least %d", bits, minRSABits)
	}
	return key, nil
}

// assertionClaims are the claims Auth0 requires of a client assertion.
type assertionClaims struct {
	jwt.RegisteredClaims
}

// Sign returns a client assertion for clientID to present at the token
// endpoint tokenURL: iss and sub are the client ID, aud is the token URL's
// origin with a trailing slash (https://{domain}/), iat is now, exp a
// minute later and jti 128 random bits in hex.
func (s *AssertionSigner) Sign(clientID, tokenURL string, now time.Time) (string, error) {
	aud, err := assertionAudience(tokenURL)
	if err != nil {
		return "", err
	}
	var id [16]byte
	if _, err := io.ReadFull(rand.Reader, id[:]); err != nil {
		return "", fmt.Errorf("making a client assertion ID: %w", err)
	}
	claims := assertionClaims{jwt.RegisteredClaims{
		Issuer:    clientID,
		Subject:   clientID,
		Audience:  jwt.ClaimStrings{aud},
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(AssertionLifetime)),
		ID:        hex.EncodeToString(id[:]),
	}}
	signed, err := jwt.NewWithClaims(s.method, claims).SignedString(s.key)
	if err != nil {
		// The library's errors name the method or key type, never the key.
		return "", fmt.Errorf("signing the client assertion with %s: %w", s.method.Alg(), err)
	}
	return signed, nil
}

// assertionAudience is Auth0's expected aud: the origin of the token
// endpoint with a trailing slash.
func assertionAudience(tokenURL string) (string, error) {
	u, err := url.Parse(tokenURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", fmt.Errorf("the token URL %q has no origin for the client assertion's audience", tokenURL)
	}
	return u.Scheme + "://" + u.Host + "/", nil
}

// resigner gives every attempt of a token request a new client assertion:
// Auth0 accepts each assertion (each jti) once, so a retried request must
// not repeat the one before. It records every assertion it made, for the
// redactor.
type resigner struct {
	base     http.RoundTripper
	sign     func() (string, error)
	mu       sync.Mutex
	attempts int
	made     []string
}

// newResigner returns a resigner whose first attempt carries first (already
// in the request body).
func newResigner(base http.RoundTripper, first string, sign func() (string, error)) *resigner {
	return &resigner{base: base, sign: sign, made: []string{first}}
}

func (r *resigner) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.attempts++
	again := r.attempts > 1
	r.mu.Unlock()
	if !again || req.Body == nil {
		return r.base.RoundTrip(req)
	}
	body, err := io.ReadAll(req.Body)
	_ = req.Body.Close()
	if err != nil {
		return nil, err
	}
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("client_assertion") == "" {
		return nil, errors.New("the token request has no client assertion to renew")
	}
	assertion, err := r.sign()
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.made = append(r.made, assertion)
	r.mu.Unlock()
	form.Set("client_assertion", assertion)
	encoded := form.Encode()
	out := req.Clone(req.Context())
	out.Body = io.NopCloser(strings.NewReader(encoded))
	out.ContentLength = int64(len(encoded))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(encoded)), nil }
	return r.base.RoundTrip(out)
}

// assertions returns every assertion sent so far.
func (r *resigner) assertions() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.made...)
}
