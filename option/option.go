// Package option holds the settings of an auth0.Client. Every option can be
// given to auth0.NewClient, to which it applies for every call, or to a
// single call, where it applies to that call only. Options are applied in
// order (client, then call), so the later one wins.
package option

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/actions-sdk/auth0-go/internal/apierror"
	"github.com/actions-sdk/auth0-go/internal/requestconfig"
)

// RequestOption changes how calls are made. Make one with the With…
// functions of this package and give it to auth0.NewClient (every call), to
// a service's Options (that service's calls) or to one call (that call
// only); they apply in that order, so the later one wins. A nil
// RequestOption is ignored.
//
// An option given bad input (an empty token, a negative retry count, a
// malformed JSON path) does not panic: it reports the problem as the error
// of every call it applies to, and that call sends nothing.
type RequestOption = func(*requestconfig.RequestConfig) error

// Middleware wraps every attempt of every API request (retries included;
// not the token requests): it may inspect or change req, and must call next
// at most once, returning what next returned or an error of its own. req is
// a copy for this attempt, so a header it adds does not carry over to the
// next one. RouteFromContext(req.Context()) gives the call's route template, such as
// "/actions/actions/{id}", for metrics and traces.
//
//	option.WithMiddleware(func(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
//		start := time.Now()
//		resp, err := next(req)
//		log.Printf("%s %s took %s", req.Method, req.URL.Path, time.Since(start))
//		return resp, err
//	})
type Middleware = func(req *http.Request, next MiddlewareNext) (*http.Response, error)

// MiddlewareNext sends the request on to the next middleware or, after the
// last one, to the HTTP client's transport.
type MiddlewareNext = func(req *http.Request) (*http.Response, error)

// WithDomain sets the tenant domain, such as "example.us.auth0.com"; the
// API is then at https://{domain}/api/v2/ and tokens come from
// https://{domain}/oauth/token for the audience https://{domain}/api/v2/.
// It overrides AUTH0_DOMAIN. The domain is a host name with an optional
// port, as Auth0's Terraform provider and Node.js SDK accept: "127.0.0.1:8443"
// or "localhost:8443" reach a local server such as auth0test's standalone
// one ("[::1]:8443" for IPv6). The scheme is always https: the domain has
// no scheme, path or userinfo, and a port is a number from 1 to 65535.
func WithDomain(domain string) RequestOption {
	err := requestconfig.ValidateDomain(domain)
	return func(cfg *requestconfig.RequestConfig) error {
		if err != nil {
			return apierror.WithContext("option.WithDomain", err)
		}
		cfg.Domain, cfg.DomainErr = domain, nil
		cfg.BaseURL, cfg.BaseURLErr = "", nil
		return nil
	}
}

// WithBaseURL sends requests to baseURL instead of https://{domain}/api/v2/,
// for proxies and fake servers. Plain http is accepted only for loopback
// hosts unless WithInsecureHTTP is also given.
func WithBaseURL(baseURL string) RequestOption {
	norm, err := requestconfig.NormalizeBaseURL(baseURL)
	return func(cfg *requestconfig.RequestConfig) error {
		if err != nil {
			return apierror.WithContext("option.WithBaseURL", err)
		}
		cfg.BaseURL, cfg.BaseURLErr = norm, nil
		return nil
	}
}

// WithInsecureHTTP allows a plain http:// base URL to a host that is not
// loopback. The bearer token then crosses the network unencrypted; use it
// only for a trusted proxy on a private network.
func WithInsecureHTTP() RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		cfg.AllowInsecureHTTP = true
		return nil
	}
}

// WithToken authenticates with a static Management API token. It overrides
// AUTH0_API_TOKEN and any earlier credentials option.
func WithToken(token string) RequestOption {
	static := requestconfig.NewStaticToken(token)
	return func(cfg *requestconfig.RequestConfig) error {
		if token == "" {
			return errors.New("auth0: option.WithToken: the token is empty")
		}
		cfg.Auth = static
		return nil
	}
}

// WithClientCredentials authenticates with a machine-to-machine
// application's client ID and secret. Tokens are fetched from
// https://{domain}/oauth/token for the audience https://{domain}/api/v2/
// (see WithAudience), cached, and renewed a minute before they expire;
// concurrent calls share one fetch. The cache belongs to the option value,
// so give it to NewClient (or reuse the value) to share it across calls.
func WithClientCredentials(clientID, clientSecret string) RequestOption {
	cc := requestconfig.NewClientCredentials(clientID, clientSecret)
	return func(cfg *requestconfig.RequestConfig) error {
		if clientID == "" || clientSecret == "" {
			return errors.New("auth0: option.WithClientCredentials: both the client ID and the client secret are required")
		}
		cfg.Auth = cc
		return nil
	}
}

// WithClientAssertion authenticates a machine-to-machine application with
// a private-key JWT instead of a client secret, as tenants that forbid
// client secrets require. privateKeyPEM is the application's RSA private
// key (PKCS #1 or PKCS #8 PEM, at least 2048 bits) whose public half is a
// credential of the application; alg is that credential's algorithm:
// "RS256", "RS384" or "PS256" ("" means RS256). The same environment
// variables as the Terraform provider's set it up without code:
// AUTH0_CLIENT_ID, AUTH0_CLIENT_ASSERTION_PRIVATE_KEY and
// AUTH0_CLIENT_ASSERTION_SIGNING_ALG.
//
// Each token request carries a new assertion (iss and sub the client ID,
// aud https://{domain}/, a minute's lifetime, a random jti); tokens are
// cached and renewed as with WithClientCredentials; the cache belongs to the
// option value, so give it to NewClient (or reuse the value). The key is
// parsed here, once: a bad key or algorithm is the error of every call, and
// that call sends nothing. No error message ever contains the key.
func WithClientAssertion(clientID, privateKeyPEM, alg string) RequestOption {
	signer, err := requestconfig.NewAssertionSigner(privateKeyPEM, alg)
	var auth requestconfig.Authenticator
	if err == nil {
		auth = requestconfig.NewClientAssertion(clientID, signer)
	}
	return func(cfg *requestconfig.RequestConfig) error {
		switch {
		case clientID == "":
			return errors.New("auth0: option.WithClientAssertion: the client ID is required")
		case err != nil:
			return fmt.Errorf("auth0: option.WithClientAssertion: %w", err)
		}
		cfg.Auth = auth
		return nil
	}
}

// WithTokenSource authenticates with tokens from ts, called once per call.
// Wrap it in oauth2.ReuseTokenSource if it does not cache by itself.
func WithTokenSource(ts oauth2.TokenSource) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		if ts == nil {
			return errors.New("auth0: option.WithTokenSource: the token source is nil")
		}
		cfg.Auth = requestconfig.TokenSource{Source: ts}
		return nil
	}
}

// WithAudience sets the audience of client-credentials and private-key JWT
// tokens, overriding AUTH0_AUDIENCE. Tenants on a custom domain need the
// canonical one: https://{tenant}.auth0.com/api/v2/.
func WithAudience(audience string) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		cfg.Audience = audience
		return nil
	}
}

// WithHTTPClient sends requests (and token requests) through hc. Its
// Transport, Timeout, CheckRedirect and Jar are used; its Transport is
// never closed or changed.
func WithHTTPClient(hc *http.Client) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		if hc == nil {
			return errors.New("auth0: option.WithHTTPClient: the client is nil")
		}
		cfg.HTTPClient = hc
		return nil
	}
}

// WithMaxRetries sets how many times a failed request is retried (default
// 2; 0 makes one attempt only). See the README for what is retried.
func WithMaxRetries(n int) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		if n < 0 {
			return fmt.Errorf("auth0: option.WithMaxRetries: %d is negative", n)
		}
		cfg.MaxRetries = n
		return nil
	}
}

// WithRetryWait sets the exponential backoff's first wait and the cap on
// every wait between attempts, Retry-After and x-ratelimit-reset included
// (defaults 500ms and 10s).
func WithRetryWait(min, max time.Duration) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		if min < 0 || max < 0 || (max > 0 && min > max) {
			return fmt.Errorf("auth0: option.WithRetryWait: need 0 <= min <= max, got %s and %s", min, max)
		}
		cfg.RetryWaitMin, cfg.RetryWaitMax = min, max
		return nil
	}
}

// WithRequestTimeout bounds each attempt (sending the request and reading
// the response). A timed-out attempt is retried like a connection error.
// The whole call, waits included, is bounded by the context.
func WithRequestTimeout(d time.Duration) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		if d < 0 {
			return fmt.Errorf("auth0: option.WithRequestTimeout: %s is negative", d)
		}
		cfg.RequestTimeout = d
		return nil
	}
}

// WithMaxResponseSize sets the largest response body the client reads
// (default 64 MiB); a larger one is an error matching auth0.ErrResponseTooLarge.
func WithMaxResponseSize(n int64) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		if n <= 0 {
			return fmt.Errorf("auth0: option.WithMaxResponseSize: %d is not positive", n)
		}
		cfg.MaxResponseBytes = n
		return nil
	}
}

// WithHeader sets a request header, replacing earlier values. Setting
// Authorization replaces the SDK's own credentials for that call.
func WithHeader(key, value string) RequestOption {
	err := checkHeader(key, value)
	return func(cfg *requestconfig.RequestConfig) error {
		if err != nil {
			return apierror.WithContext("option.WithHeader", err)
		}
		cfg.Header.Set(key, value)
		return nil
	}
}

// WithHeaderAdd adds a value to a request header.
func WithHeaderAdd(key, value string) RequestOption {
	err := checkHeader(key, value)
	return func(cfg *requestconfig.RequestConfig) error {
		if err != nil {
			return apierror.WithContext("option.WithHeaderAdd", err)
		}
		cfg.Header.Add(key, value)
		return nil
	}
}

// WithHeaderDel removes a request header set by an earlier option,
// including the SDK's telemetry headers.
func WithHeaderDel(key string) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		cfg.Header.Del(key)
		return nil
	}
}

// WithQuery sets a query parameter, replacing the values the call's params
// (or an earlier option) gave it: a parameter the SDK doesn't know yet, or
// a different value for one it sends. It works on every method, POST and
// PATCH included. The value is escaped.
func WithQuery(key, value string) RequestOption {
	return queryEdit("option.WithQuery", requestconfig.QuerySet, key, value)
}

// WithQueryAdd adds a value to a query parameter, keeping the values the
// params (or earlier options) gave it, for a parameter sent several times
// (?fields=a&fields=b).
func WithQueryAdd(key, value string) RequestOption {
	return queryEdit("option.WithQueryAdd", requestconfig.QueryAdd, key, value)
}

// WithQueryDel removes a query parameter that the params (or an earlier
// option) set, such as one the server no longer accepts.
func WithQueryDel(key string) RequestOption {
	return queryEdit("option.WithQueryDel", requestconfig.QueryDel, key, "")
}

func queryEdit(name string, op requestconfig.QueryOp, key, value string) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		if key == "" {
			return errors.New("auth0: " + name + ": the key is empty")
		}
		cfg.QueryEdits = append(cfg.QueryEdits[:len(cfg.QueryEdits):len(cfg.QueryEdits)],
			requestconfig.QueryEdit{Op: op, Key: key, Value: value})
		return nil
	}
}

// WithMiddleware adds middlewares that wrap every attempt, outermost first.
func WithMiddleware(mws ...Middleware) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		for _, mw := range mws {
			if mw == nil {
				return errors.New("auth0: option.WithMiddleware: a middleware is nil")
			}
		}
		cfg.Middlewares = append(cfg.Middlewares[:len(cfg.Middlewares):len(cfg.Middlewares)], mws...)
		return nil
	}
}

// WithResponseInto stores the call's last HTTP response in *dst, for its
// headers and status. Its body has already been read; it can be read again.
func WithResponseInto(dst **http.Response) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		if dst == nil {
			return errors.New("auth0: option.WithResponseInto: the destination is nil")
		}
		cfg.ResponseInto = dst
		return nil
	}
}

// WithDebugLog logs every attempt (method, URL, attempt, status, duration,
// error) at debug level. Tokens and secret values are never logged. A nil
// logger turns logging off.
func WithDebugLog(logger *slog.Logger) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		cfg.Logger = logger
		return nil
	}
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) RequestOption {
	return WithHeader("User-Agent", ua)
}

// WithoutTelemetry stops sending the Auth0-Client header and the SDK's
// User-Agent (Go's default User-Agent is sent instead).
func WithoutTelemetry() RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		cfg.Header.Del("Auth0-Client")
		if ua := cfg.Header.Get("User-Agent"); ua == requestconfig.UserAgent {
			cfg.Header.Del("User-Agent")
		}
		return nil
	}
}

// WithPrefetch makes ListAutoPaging fetch up to n pages ahead concurrently
// (0, the default, fetches one page at a time). Items are still yielded in
// order, and at most n+1 pages are held in memory.
func WithPrefetch(n int) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		if n < 0 || n > 64 {
			return fmt.Errorf("auth0: option.WithPrefetch: %d is outside 0..64", n)
		}
		cfg.Prefetch = n
		return nil
	}
}

// WithRateLimitPacing turns pacing on or off (default on). With pacing, the
// client mirrors the tenant's rate-limit bucket from the x-ratelimit-*
// headers and waits for a token before sending, instead of running into 429s.
func WithRateLimitPacing(on bool) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		cfg.Pacing = on
		return nil
	}
}

func checkHeader(key, value string) error {
	if key == "" {
		return errors.New("the header name is empty")
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return fmt.Errorf("the header name %q is not valid", key)
		}
	}
	if strings.ContainsAny(value, "\r\n\x00") {
		return fmt.Errorf("the value of header %s contains a line break or NUL", key)
	}
	return nil
}

// WithPollInterval sets how often the waiting helpers (WaitUntilBuilt,
// DeployAndWait, Upsert) poll: first after `first`, then doubling up to
// `max` (defaults 250ms and 5s).
func WithPollInterval(first, max time.Duration) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		if first <= 0 || max < first {
			return fmt.Errorf("auth0: option.WithPollInterval: need 0 < first <= max, got %s and %s", first, max)
		}
		cfg.Wait.Interval, cfg.Wait.MaxInterval = first, max
		return nil
	}
}

// WithWaitTimeout bounds the whole call of a waiting helper, every phase
// together, not each phase: WaitUntilBuilt, DeployAndWait (the wait for the
// draft, the deploy and the wait for the version share the one deadline),
// Actions.Upsert (its reads, writes, deploy and binding), and the binding
// helpers Add, Remove and Move (including Add's retries of a binding the
// API refuses because the deploy has not reached it yet). Modules.Rollout
// applies it to each action in turn, not to the whole rollout. A helper
// called by another shares the outer call's deadline. After it the helper
// returns an error matching auth0.ErrWaitTimeout. The default is 10
// minutes, because real builds with npm dependencies can take over five;
// the context can end a call sooner.
func WithWaitTimeout(d time.Duration) RequestOption {
	return func(cfg *requestconfig.RequestConfig) error {
		if d <= 0 {
			return fmt.Errorf("auth0: option.WithWaitTimeout: %s is not positive", d)
		}
		cfg.Wait.Timeout = d
		return nil
	}
}
