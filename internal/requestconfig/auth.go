package requestconfig

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/actions-sdk/auth0-go/internal/apierror"
	"github.com/actions-sdk/auth0-go/internal/redact"
)

// StaticToken is a bearer token given as is.
type StaticToken struct {
	token  string
	header []string // "Bearer <token>", built once
}

// NewStaticToken returns an Authenticator for a fixed token.
func NewStaticToken(token string) *StaticToken {
	return &StaticToken{token: token, header: []string{"Bearer " + token}}
}

// Token implements Authenticator.
func (t *StaticToken) Token(context.Context, *RequestConfig) (string, error) {
	if t.token == "" {
		return "", errors.New("auth0: the API token is empty")
	}
	return t.token, nil
}

// Invalidate implements Authenticator: a static token cannot be renewed.
func (*StaticToken) Invalidate(string) bool { return false }

// Secrets implements Authenticator.
func (t *StaticToken) Secrets() []string { return []string{t.token} }

// Misconfigured is an Authenticator that reports a configuration mistake
// on the first call (unless a later option replaces it).
type Misconfigured string

// Token implements Authenticator.
func (m Misconfigured) Token(context.Context, *RequestConfig) (string, error) {
	return "", errors.New(string(m))
}

// Invalidate implements Authenticator.
func (Misconfigured) Invalidate(string) bool { return false }

// Secrets implements Authenticator.
func (Misconfigured) Secrets() []string { return nil }

// TokenSource adapts an oauth2.TokenSource.
type TokenSource struct{ Source oauth2.TokenSource }

// Token implements Authenticator.
func (s TokenSource) Token(context.Context, *RequestConfig) (string, error) {
	if s.Source == nil {
		return "", errors.New("auth0: the token source is nil")
	}
	tok, err := s.Source.Token()
	if err != nil {
		return "", apierror.WithContext("token source", err)
	}
	if tok == nil || tok.AccessToken == "" {
		return "", errors.New("auth0: the token source returned an empty token")
	}
	return tok.AccessToken, nil
}

// Invalidate implements Authenticator. The source manages its own cache.
func (TokenSource) Invalidate(string) bool { return false }

// Secrets implements Authenticator.
func (TokenSource) Secrets() []string { return nil }

// ClientCredentials fetches tokens with the client-credentials grant and
// caches them per token URL and audience until shortly before they expire.
// Concurrent callers share one fetch. It is safe for concurrent use.
//
// The client authenticates with its secret or, when Assertion is set, with
// a private-key JWT (client_assertion) signed anew for every attempt.
type ClientCredentials struct {
	ClientID     string
	ClientSecret string
	// Assertion, when set, replaces the client secret.
	Assertion *AssertionSigner
	// ExpiryDelta is how long before expiry a token is renewed.
	ExpiryDelta time.Duration

	mu     sync.Mutex
	tokens map[ccKey]*ccEntry
	recent []signed // assertions still valid, for Secrets
}

type ccKey struct{ tokenURL, audience string }

type ccEntry struct {
	token  string
	expiry time.Time
	// fetching is non-nil while a fetch is under way; it is closed when the
	// fetch ends.
	fetching chan struct{}
	err      error
}

// NewClientCredentials returns a token cache for one client.
func NewClientCredentials(clientID, clientSecret string) *ClientCredentials {
	return &ClientCredentials{ClientID: clientID, ClientSecret: clientSecret, ExpiryDelta: DefaultTokenExpiryDelta}
}

// NewClientAssertion returns a token cache for one client that
// authenticates with private-key JWTs signed by signer.
func NewClientAssertion(clientID string, signer *AssertionSigner) *ClientCredentials {
	return &ClientCredentials{ClientID: clientID, Assertion: signer, ExpiryDelta: DefaultTokenExpiryDelta}
}

// Secrets implements Authenticator: the client secret, or the private key's
// PEM text and the assertions signed with it that are still valid.
func (c *ClientCredentials) Secrets() []string {
	if c.Assertion == nil {
		return []string{c.ClientSecret}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out := []string{c.Assertion.pem}
	now := time.Now()
	for _, a := range c.recent {
		if now.Before(a.expiry) {
			out = append(out, a.jwt)
		}
	}
	return out
}

// signed is an assertion kept for the redactor until it expires.
type signed struct {
	jwt    string
	expiry time.Time
}

// remember keeps assertions for Secrets, dropping expired ones.
func (c *ClientCredentials) remember(assertions []string, expiry time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	kept := c.recent[:0]
	for _, a := range c.recent {
		if now.Before(a.expiry) {
			kept = append(kept, a)
		}
	}
	for _, a := range assertions {
		kept = append(kept, signed{a, expiry})
	}
	c.recent = kept
}

// Token implements Authenticator.
func (c *ClientCredentials) Token(ctx context.Context, cfg *RequestConfig) (string, error) {
	switch {
	case c.Assertion != nil && c.ClientID == "":
		return "", errors.New("auth0: a private-key JWT needs the client ID")
	case c.Assertion == nil && (c.ClientID == "" || c.ClientSecret == ""):
		return "", errors.New("auth0: client credentials need both a client ID and a client secret")
	}
	tokenURL, err := cfg.TokenURL()
	if err != nil {
		return "", err
	}
	aud, err := cfg.TokenAudience()
	if err != nil {
		return "", err
	}
	key := ccKey{tokenURL, aud}
	for {
		c.mu.Lock()
		if c.tokens == nil {
			c.tokens = make(map[ccKey]*ccEntry)
		}
		e := c.tokens[key]
		if e == nil {
			e = &ccEntry{}
			c.tokens[key] = e
		}
		if e.token != "" && time.Now().Add(c.ExpiryDelta).Before(e.expiry) {
			tok := e.token
			c.mu.Unlock()
			return tok, nil
		}
		if wait := e.fetching; wait != nil {
			c.mu.Unlock()
			select {
			case <-wait:
			case <-ctx.Done():
				return "", ctx.Err()
			}
			c.mu.Lock()
			tok, ferr := e.token, e.err
			c.mu.Unlock()
			if tok != "" && ferr == nil {
				return tok, nil
			}
			// The fetch failed. If it failed because the fetching caller's
			// context ended, try again ourselves; otherwise share the error.
			if ferr != nil && !errors.Is(ferr, context.Canceled) && !errors.Is(ferr, context.DeadlineExceeded) {
				return "", ferr
			}
			if err := ctx.Err(); err != nil {
				return "", err
			}
			continue
		}
		done := make(chan struct{})
		e.fetching = done
		c.mu.Unlock()

		tok, expiry, ferr := c.fetch(ctx, cfg, tokenURL, aud)

		c.mu.Lock()
		e.fetching = nil
		e.err = ferr
		if ferr == nil {
			e.token, e.expiry = tok, expiry
		}
		c.mu.Unlock()
		close(done)
		return tok, ferr
	}
}

// Invalidate implements Authenticator.
func (c *ClientCredentials) Invalidate(token string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.tokens {
		if e.token == token {
			e.token = ""
			e.expiry = time.Time{}
		}
	}
	return true
}

func (c *ClientCredentials) fetch(ctx context.Context, cfg *RequestConfig, tokenURL, aud string) (string, time.Time, error) {
	conf := clientcredentials.Config{
		ClientID:       c.ClientID,
		ClientSecret:   c.ClientSecret,
		TokenURL:       tokenURL,
		EndpointParams: url.Values{"audience": {aud}},
		AuthStyle:      oauth2.AuthStyleInParams,
	}
	var wrap func(http.RoundTripper) http.RoundTripper
	var rs *resigner
	if c.Assertion != nil {
		sign := func() (string, error) { return c.Assertion.Sign(c.ClientID, tokenURL, time.Now()) }
		first, err := sign()
		if err != nil {
			return "", time.Time{}, fmt.Errorf("auth0: fetching an access token: POST %s: %w", tokenURL, err)
		}
		conf.ClientSecret = ""
		conf.EndpointParams.Set("client_assertion_type", ClientAssertionType)
		conf.EndpointParams.Set("client_assertion", first)
		wrap = func(rt http.RoundTripper) http.RoundTripper {
			rs = newResigner(rt, first, sign)
			return rs
		}
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, tokenHTTPClient(cfg, wrap))
	tok, err := conf.Token(ctx)
	var sent []string
	if rs != nil {
		sent = rs.assertions()
		c.remember(sent, time.Now().Add(AssertionLifetime))
	}
	if err != nil {
		return "", time.Time{}, c.tokenError(ctx, tokenURL, err, sent)
	}
	if tok.AccessToken == "" {
		return "", time.Time{}, fmt.Errorf("auth0: token endpoint %s returned no access token", tokenURL)
	}
	expiry := tok.Expiry
	if expiry.IsZero() {
		// No expires_in: Auth0's default lifetime is 24 hours, but be modest.
		expiry = time.Now().Add(time.Hour)
	}
	return tok.AccessToken, expiry, nil
}

// tokenError turns an oauth2 error into a clear one that never contains the
// client secret, the private key or an assertion sent (assertions).
func (c *ClientCredentials) tokenError(ctx context.Context, tokenURL string, err error, assertions []string) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("auth0: fetching an access token: POST %s: %w", tokenURL, ctxErr)
	}
	r := redact.New(c.ClientSecret)
	r.Add(assertions...)
	if c.Assertion != nil {
		r.Add(c.Assertion.pem)
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.Response != nil {
		req := re.Response.Request
		if req == nil {
			req, _ = http.NewRequest(http.MethodPost, tokenURL, nil)
		}
		apiErr := apierror.New(req, nil, re.Response, re.Body, r)
		if apiErr.Code == "" {
			apiErr.Code = re.ErrorCode
		}
		if apiErr.Message == "" {
			apiErr.Message = r.String(re.ErrorDescription)
		}
		hint := ""
		switch re.Response.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden:
			hint = ": check the client ID and client secret (AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET or option.WithClientCredentials), and that the application is authorized for the Management API"
			if c.Assertion != nil {
				hint = ": check the client ID, that the key's public half is a credential of the application with the algorithm " + c.Assertion.Alg() + " (AUTH0_CLIENT_ID, AUTH0_CLIENT_ASSERTION_PRIVATE_KEY, AUTH0_CLIENT_ASSERTION_SIGNING_ALG or option.WithClientAssertion), that this machine's clock is right, and that the application is authorized for the Management API"
			}
		}
		return apierror.WithContext("fetching an access token for client "+c.ClientID+" failed"+hint, apiErr)
	}
	msg := r.String(err.Error())
	// x/oauth2 flattens transport errors into text (%v), so there is no
	// chain worth keeping; the scrubbed text is the whole story.
	// The call is named once, as every error names it.
	msg = strings.TrimPrefix(msg, "oauth2: ")
	msg = strings.TrimPrefix(msg, "cannot fetch token: ")
	msg = strings.TrimPrefix(msg, `Post "`+tokenURL+`": `)
	return fmt.Errorf("auth0: fetching an access token: POST %s: %s", tokenURL, msg)
}

// tokenHTTPClient returns the client for token requests: the call's HTTP
// client, behind go-retryablehttp with the call's retry budget, so that a
// 429, 5xx or broken connection at /oauth/token is retried like any
// idempotent call (a token request creates nothing).
//
// wrap, if not nil, wraps the transport of each attempt (a private-key JWT
// signs every attempt anew).
func tokenHTTPClient(cfg *RequestConfig, wrap func(http.RoundTripper) http.RoundTripper) *http.Client {
	base := cfg.HTTPClient
	if base == nil {
		base = http.DefaultClient
	}
	// Hide the transport's CloseIdleConnections from go-retryablehttp, which
	// calls it after failures: the caller's pool is not ours to close.
	var rt http.RoundTripper = noCloseIdle{base.Transport}
	if wrap != nil {
		rt = wrap(rt)
	}
	inner := &http.Client{Transport: rt, CheckRedirect: base.CheckRedirect, Jar: base.Jar, Timeout: base.Timeout}
	rc := &retryablehttp.Client{
		HTTPClient:   inner,
		RetryWaitMin: cfg.RetryWaitMin,
		RetryWaitMax: cfg.RetryWaitMax,
		RetryMax:     max(cfg.MaxRetries, 0),
		CheckRetry: func(ctx context.Context, resp *http.Response, err error) (bool, error) {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return false, ctxErr
			}
			if err != nil {
				return !permanent(err), nil
			}
			return resp.StatusCode == http.StatusTooManyRequests || transientStatus(resp.StatusCode), nil
		},
		Backoff: func(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
			if resp != nil {
				if d := apierror.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); d > 0 {
					return capWait(d, max)
				}
			}
			return capWait(exponential(min, max, attempt), max)
		},
		ErrorHandler: passThrough,
	}
	return rc.StandardClient()
}

// noCloseIdle is a RoundTripper without CloseIdleConnections.
type noCloseIdle struct{ rt http.RoundTripper }

func (n noCloseIdle) RoundTrip(req *http.Request) (*http.Response, error) {
	if n.rt == nil {
		return http.DefaultTransport.RoundTrip(req)
	}
	return n.rt.RoundTrip(req)
}
