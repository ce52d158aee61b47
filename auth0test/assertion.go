package auth0test

import (
	"crypto/rsa"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// clientAssertionType is the client_assertion_type of private-key JWT
// client authentication (RFC 7523).
const clientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

// maxAssertionLifetime is the longest exp - iat Auth0 accepts.
const maxAssertionLifetime = 5 * time.Minute

// assertionCredential is an application's public key for private-key JWT.
type assertionCredential struct {
	clientID string
	key      *rsa.PublicKey
	alg      string
}

// WithClientAssertion makes POST /oauth/token issue access tokens to
// clientID when it authenticates with a client assertion (private-key JWT,
// client_assertion_type urn:ietf:params:oauth:client-assertion-type:jwt-bearer)
// signed by the private half of publicKey with alg: RS256, RS384 or PS256,
// as Auth0 allows. As Auth0, the server checks the signature and
// algorithm, that iss and sub are the client ID, that aud is
// https://{domain}/ (or URL+"/", or WithPublicURL's URL and "/"), that
// the assertion has not expired and lives at most five minutes, and that
// its jti was not seen before (a replay is refused). It can be combined
// with WithClientCredentials for a different client.
func WithClientAssertion(clientID string, publicKey *rsa.PublicKey, alg string) ServerOption {
	return func(c *config) {
		switch {
		case clientID == "":
			c.fail("WithClientAssertion: the client ID is required")
			return
		case publicKey == nil:
			c.fail("WithClientAssertion: the public key is nil")
			return
		}
		switch alg {
		case "RS256", "RS384", "PS256":
		default:
			c.fail("WithClientAssertion: algorithm %q is not RS256, RS384 or PS256", alg)
			return
		}
		c.assertion = &assertionCredential{clientID: clientID, key: publicKey, alg: alg}
	}
}

// assertionAudiences are the aud values a client assertion may carry: the
// server's origins with a trailing slash, as Auth0's https://{domain}/.
func assertionAudiences(origins []string) []string {
	out := make([]string, len(origins))
	for i, o := range origins {
		out[i] = o + "/"
	}
	return out
}

// checkAssertion verifies a client assertion; s.mu is held. It returns
// the OAuth error description when the assertion is refused.
func (s *Server) checkAssertion(params url.Values) (string, bool) {
	cred := s.cfg.assertion
	if cred == nil {
		return "Unauthorized", false
	}
	if params.Get("client_assertion_type") != clientAssertionType {
		return "Invalid client_assertion_type", false
	}
	if params.Get("client_secret") != "" {
		return "Multiple client authentication methods", false
	}
	now := s.cfg.now()
	var claims jwt.RegisteredClaims
	_, err := jwt.ParseWithClaims(params.Get("client_assertion"), &claims,
		func(*jwt.Token) (any, error) { return cred.key, nil },
		jwt.WithValidMethods([]string{cred.alg}), jwt.WithTimeFunc(func() time.Time { return now }),
		jwt.WithExpirationRequired(), jwt.WithIssuedAt(), jwt.WithIssuer(cred.clientID), jwt.WithSubject(cred.clientID),
		jwt.WithAudience(assertionAudiences(s.origins())...))
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return "The client assertion has expired", false
	case err != nil:
		return "Invalid client assertion: " + strings.TrimPrefix(err.Error(), "token "), false
	case claims.IssuedAt == nil || claims.ExpiresAt.Sub(claims.IssuedAt.Time) > maxAssertionLifetime:
		return "The client assertion lives longer than 5 minutes", false
	case claims.ID == "":
		return "The client assertion has no jti", false
	}
	if params.Get("client_id") != "" && params.Get("client_id") != cred.clientID {
		return "client_id does not match the assertion", false
	}
	for id, exp := range s.assertionIDs {
		if exp.Before(now) {
			delete(s.assertionIDs, id) // an expired assertion is refused anyway
		}
	}
	if _, seen := s.assertionIDs[claims.ID]; seen {
		return "The client assertion's jti was used before", false
	}
	s.assertionIDs[claims.ID] = claims.ExpiresAt.Time
	return "", true
}
