// Package requestconfig is the SDK's one request pipeline: options are applied
// to a RequestConfig (client, then service, then call), the request is built,
// sent through go-retryablehttp with the SDK's retry policy, and the response
// is either decoded or turned into an *apierror.Error.
package requestconfig

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// Defaults for a client that sets nothing.
const (
	DefaultMaxRetries       = 2
	DefaultRetryWaitMin     = 500 * time.Millisecond
	DefaultRetryWaitMax     = 10 * time.Second
	DefaultMaxResponseBytes = 64 << 20
	DefaultTokenExpiryDelta = time.Minute
)

// RequestOption changes a RequestConfig. The option package exposes these;
// it is an alias of a function type so that option.RequestOption can spell
// the same type out for go doc.
type RequestOption = func(*RequestConfig) error

// MiddlewareNext sends the request on; a Middleware calls it at most once.
type MiddlewareNext = func(*http.Request) (*http.Response, error)

// Middleware wraps every attempt of every request.
type Middleware = func(*http.Request, MiddlewareNext) (*http.Response, error)

// Authenticator supplies the bearer token for a call.
type Authenticator interface {
	// Token returns a bearer token. cfg is the call's configuration (its
	// domain, audience and HTTP client).
	Token(ctx context.Context, cfg *RequestConfig) (string, error)
	// Invalidate drops a cached token the server refused (401), so that the
	// next Token call fetches a new one. It reports whether a new token can
	// be fetched at all.
	Invalidate(token string) bool
	// Secrets returns the values the redactor must scrub (client secret).
	Secrets() []string
}

// RequestConfig is everything that decides how one call is sent.
type RequestConfig struct {
	// Domain is the tenant domain, e.g. "example.us.auth0.com".
	Domain    string
	DomainErr error
	// BaseURL overrides https://{Domain}/api/v2/; it ends in a slash.
	BaseURL    string
	BaseURLErr error
	// AllowInsecureHTTP permits an http:// base URL to a non-loopback host.
	AllowInsecureHTTP bool
	// Audience overrides the token audience https://{Domain}/api/v2/.
	Audience string

	Auth Authenticator

	HTTPClient       *http.Client
	MaxRetries       int
	RetryWaitMin     time.Duration
	RetryWaitMax     time.Duration
	RequestTimeout   time.Duration
	MaxResponseBytes int64

	Header http.Header
	// QueryEdits change the query string the params became, in order.
	QueryEdits []QueryEdit
	// JSONEdits change the JSON body the params became, in order.
	JSONEdits   []JSONEdit
	Middlewares []Middleware

	ResponseInto **http.Response
	Logger       *slog.Logger

	// Prefetch is how many pages an auto-pager fetches ahead (0: none).
	Prefetch int
	// Pacing makes the client wait for the rate-limit bucket to refill
	// instead of running into 429s.
	Pacing bool

	// Shared is the state one client shares across its calls.
	Shared *Shared

	// Wait configures the polling helpers (WaitUntilBuilt, DeployAndWait).
	Wait WaitConfig
}

// Shared is per-client state: the latest rate-limit figures.
type Shared struct {
	Limiter Limiter
}

// Apply applies options in order and returns the first error, naming the
// option that failed.
func (cfg *RequestConfig) Apply(opts ...RequestOption) error {
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(cfg); err != nil {
			return err
		}
	}
	return nil
}

// Resolve applies option sets to a fresh RequestConfig, for callers that
// need a setting (such as Prefetch) before any request is made.
func Resolve(optSets ...[]RequestOption) (*RequestConfig, error) {
	cfg := &RequestConfig{Header: http.Header{}}
	for _, set := range optSets {
		if err := cfg.Apply(set...); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}
