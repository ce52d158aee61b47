package auth0

import (
	"context"
	"net/http"
	"os"
	"strings"

	"github.com/actions-sdk/auth0-go/internal/rawjson"
	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

// Client calls the Auth0 Management API's Actions endpoints. Create one with
// NewClient and share it: it is safe for concurrent use, and its calls share
// a token cache and a mirror of the tenant's rate-limit bucket.
type Client struct {
	// Options are applied to every call, before the call's own options.
	Options []option.RequestOption
	// Actions holds the Actions endpoints and, nested in it, executions,
	// triggers, bindings and versions.
	Actions ActionService

	shared *requestconfig.Shared
}

// NewClient returns a client. It does no I/O: a configuration problem (no
// domain, a malformed base URL, no credentials) is returned by the first call.
//
// Unless options say otherwise it reads the environment once, here:
//   - AUTH0_DOMAIN: the tenant domain, such as example.us.auth0.com (a port
//     is allowed, as in option.WithDomain: 127.0.0.1:8443);
//   - AUTH0_API_TOKEN: a Management API token; or else
//   - AUTH0_CLIENT_ID and AUTH0_CLIENT_ASSERTION_PRIVATE_KEY (with
//     AUTH0_CLIENT_ASSERTION_SIGNING_ALG, default RS256): a private-key
//     JWT, as option.WithClientAssertion; or else
//   - AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET: client credentials, exchanged
//     for tokens that are cached and renewed;
//   - AUTH0_AUDIENCE: the audience of those tokens, as option.WithAudience.
//
// Options given here override the environment, and options given to a call
// override these.
func NewClient(opts ...option.RequestOption) *Client {
	shared := &requestconfig.Shared{}
	all := make([]option.RequestOption, 0, len(opts)+3)
	all = append(all, requestconfig.Defaults(shared))
	all = append(all, envOptions(os.Getenv)...)
	all = append(all, opts...)
	c := &Client{Options: all, shared: shared}
	c.Actions = newActionService(all)
	return c
}

// envOptions turns the AUTH0_* environment variables into options. A bad
// AUTH0_DOMAIN is reported, naming the variable, on the first call.
func envOptions(getenv func(string) string) []option.RequestOption {
	var opts []option.RequestOption
	if d := strings.TrimSpace(getenv("AUTH0_DOMAIN")); d != "" {
		err := requestconfig.ValidateDomain(d)
		opts = append(opts, func(cfg *requestconfig.RequestConfig) error {
			cfg.Domain, cfg.DomainErr = d, nil
			if err != nil {
				cfg.DomainErr = wrapEnv("AUTH0_DOMAIN", err)
			}
			return nil
		})
	}
	if aud := strings.TrimSpace(getenv("AUTH0_AUDIENCE")); aud != "" {
		opts = append(opts, option.WithAudience(aud))
	}
	token := strings.TrimSpace(getenv("AUTH0_API_TOKEN"))
	id, secret := strings.TrimSpace(getenv("AUTH0_CLIENT_ID")), strings.TrimSpace(getenv("AUTH0_CLIENT_SECRET"))
	key := getenv("AUTH0_CLIENT_ASSERTION_PRIVATE_KEY")
	hasKey := strings.TrimSpace(key) != ""
	switch {
	case token != "":
		opts = append(opts, option.WithToken(token))
	case id != "" && hasKey:
		opts = append(opts, envAssertion(id, key, getenv("AUTH0_CLIENT_ASSERTION_SIGNING_ALG")))
	case hasKey:
		opts = append(opts, func(cfg *requestconfig.RequestConfig) error {
			cfg.Auth = requestconfig.Misconfigured("auth0: AUTH0_CLIENT_ID is not set: a private-key JWT (AUTH0_CLIENT_ASSERTION_PRIVATE_KEY) needs the application's client ID")
			return nil
		})
	case id != "" && secret != "":
		opts = append(opts, option.WithClientCredentials(id, secret))
	case id != "" || secret != "":
		// Half a pair is a mistake worth naming; options may still override.
		missing := "AUTH0_CLIENT_SECRET"
		if id == "" {
			missing = "AUTH0_CLIENT_ID"
		}
		opts = append(opts, func(cfg *requestconfig.RequestConfig) error {
			cfg.Auth = requestconfig.Misconfigured("auth0: " + missing + " is not set: client credentials need both AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET")
			return nil
		})
	}
	return opts
}

// envAssertion is option.WithClientAssertion for the environment: the key
// is parsed once, here, and a bad key or algorithm is reported on every
// call, naming the variable (never its value).
func envAssertion(id, key, alg string) option.RequestOption {
	name := "AUTH0_CLIENT_ASSERTION_SIGNING_ALG"
	err := requestconfig.CheckAssertionAlg(alg)
	var signer *requestconfig.AssertionSigner
	if err == nil {
		name = "AUTH0_CLIENT_ASSERTION_PRIVATE_KEY"
		signer, err = requestconfig.NewAssertionSigner(key, alg)
	}
	if err != nil {
		msg := wrapEnv(name, err).Error()
		return func(cfg *requestconfig.RequestConfig) error {
			cfg.Auth = requestconfig.Misconfigured(msg)
			return nil
		}
	}
	auth := requestconfig.NewClientAssertion(id, signer)
	return func(cfg *requestconfig.RequestConfig) error {
		cfg.Auth = auth
		return nil
	}
}

type envError struct {
	name string
	err  error
}

func (e *envError) Error() string {
	return errPrefix + e.name + ": " + strings.TrimPrefix(e.err.Error(), errPrefix)
}
func (e *envError) Unwrap() error { return e.err }

func wrapEnv(name string, err error) error { return &envError{name, err} }

// RateLimit returns the x-ratelimit-* figures of the latest response that
// carried them, across every goroutine using this client.
func (c *Client) RateLimit() (RateLimit, bool) {
	if c == nil || c.shared == nil {
		return RateLimit{}, false
	}
	rl, ok := c.shared.Limiter.Latest()
	return RateLimit(rl), ok
}

// Execute calls any Management API endpoint with the client's
// authentication, retries and errors. path is relative to the base URL
// (such as "actions/modules") and already escaped. params become the query
// string of a GET or DELETE and the JSON body otherwise; res, if not nil, is
// decoded from the response (a *[]byte receives the raw body). POSTs are
// treated as unsafe to repeat: they are not retried after a 5xx. Its
// requests carry no route (option.RouteFromContext reports false): the SDK
// cannot tell the IDs in path from its fixed parts.
func (c *Client) Execute(ctx context.Context, method, path string, params, res any, opts ...option.RequestOption) error {
	call := requestconfig.Call{
		Method: method,
		// No route: the SDK did not build the path, so it cannot tell its
		// IDs from its fixed parts (option.RouteFromContext reports false).
		Path:   requestconfig.Endpoint{Escaped: strings.TrimPrefix(path, "/")},
		Params: params,
		Result: res,
		Unsafe: method == http.MethodPost,
		Hint:   "check the resource before retrying",
	}
	var base []option.RequestOption
	if c != nil {
		base = c.Options
	}
	return execute(ctx, &call, base, opts)
}

// Get is Execute with GET.
func (c *Client) Get(ctx context.Context, path string, params, res any, opts ...option.RequestOption) error {
	return c.Execute(ctx, http.MethodGet, path, params, res, opts...)
}

// Post is Execute with POST.
func (c *Client) Post(ctx context.Context, path string, params, res any, opts ...option.RequestOption) error {
	return c.Execute(ctx, http.MethodPost, path, params, res, opts...)
}

// Patch is Execute with PATCH.
func (c *Client) Patch(ctx context.Context, path string, params, res any, opts ...option.RequestOption) error {
	return c.Execute(ctx, http.MethodPatch, path, params, res, opts...)
}

// Delete is Execute with DELETE.
func (c *Client) Delete(ctx context.Context, path string, params, res any, opts ...option.RequestOption) error {
	return c.Execute(ctx, http.MethodDelete, path, params, res, opts...)
}

// rawSetter is implemented by response types that keep their JSON. setRef
// is called once a value is decoded, so it is also where a type fills in
// what the live API leaves out (ActionVersion.ActionID,
// ActionModule.LatestVersionNumber).
type rawSetter interface{ setRef(rawjson.Ref) }

// execute is the one function every endpoint method calls: it runs the
// pipeline, turns its errors into this package's (publicError) and lets the
// result keep the JSON it was decoded from.
func execute(ctx context.Context, call *requestconfig.Call, base, opts []option.RequestOption) error {
	body, err := requestconfig.Execute(ctx, call, base, opts)
	if err != nil {
		return publicError(err)
	}
	if r, ok := call.Result.(rawSetter); ok {
		r.setRef(rawjson.Whole(body))
	}
	return nil
}
