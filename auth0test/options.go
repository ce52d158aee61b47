package auth0test

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"strings"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
)

// ServerOption configures a Server; pass it to NewServer.
type ServerOption func(*config)

// config is the server's configuration: the model's rules (builds, limits,
// deploy lag, clock) and the HTTP layer's (token, client credentials, rate
// limit).
type config struct {
	token           string
	clientID        string
	clientSecret    string
	assertion       *assertionCredential
	tokenLifetime   time.Duration
	buildAfterReads int
	buildStatuses   []string
	buildDelay      time.Duration
	deployLag       time.Duration
	moduleLimits    ModuleLimits
	limit           int
	perSecond       float64
	now             func() time.Time
	tls             bool
	listenAddr      string
	publicURL       string
	logger          *slog.Logger
	seed            *seedData
	err             error
}

func defaultConfig() config {
	return config{
		token:         "auth0test-" + randomHex(16),
		tokenLifetime: 24 * time.Hour,
		limit:         1_000_000,
		perSecond:     1_000_000,
		now:           time.Now,
		moduleLimits:  defaultModuleLimits,
	}
}

func (c *config) fail(format string, args ...any) {
	if c.err == nil {
		c.err = fmt.Errorf(format, args...)
	}
}

// WithToken sets the bearer token the server accepts (Server.Token);
// by default it is a random one.
func WithToken(token string) ServerOption {
	return func(c *config) {
		if token == "" || strings.ContainsAny(token, " \t\r\n") {
			c.fail("WithToken: the token must be non-empty and without spaces")
			return
		}
		c.token = token
	}
}

// WithClientCredentials makes POST /oauth/token issue access tokens for
// this client ID and secret (grant_type client_credentials), as Auth0
// does: the parameters in a form (application/x-www-form-urlencoded, what
// Auth0's SDKs send) or JSON body, or the ID and secret in an
// Authorization: Basic header (golang.org/x/oauth2); the audience
// https://{domain}/api/v2/ that real clients send (Server.Domain), the
// server's own URL+"/api/v2/", or that of WithPublicURL. The tokens are
// accepted by the API until they expire (see WithTokenLifetime). Without
// this option the token endpoint refuses every client.
func WithClientCredentials(clientID, clientSecret string) ServerOption {
	return func(c *config) {
		if clientID == "" || clientSecret == "" {
			c.fail("WithClientCredentials: both the client ID and the client secret are required")
			return
		}
		c.clientID, c.clientSecret = clientID, clientSecret
	}
}

// WithTokenLifetime sets the expires_in of issued access tokens (default
// 24 hours, as Auth0). Tokens expire by the server's clock (WithClock).
func WithTokenLifetime(d time.Duration) ServerOption {
	return func(c *config) {
		if d < time.Second {
			c.fail("WithTokenLifetime: %s is shorter than a second", d)
			return
		}
		c.tokenLifetime = d
	}
}

// WithBuildAfterReads makes a build (after a create or an update) finish
// at the nth read of the action, a GET /actions/actions/{id} or a page of
// GET /actions/actions that shows it: the create or update response says
// "pending", reads 1 to n-1 "building", and read n "built" (or "failed").
// The inspection methods do not count as reads.
// 0, the default, builds at once: the create response still says
// "pending", as live, and everything after it sees "built". Combined with
// WithBuildDelay, both must have passed.
func WithBuildAfterReads(n int) ServerOption {
	return func(c *config) {
		if n < 0 {
			c.fail("WithBuildAfterReads: %d is negative", n)
			return
		}
		c.buildAfterReads = n
	}
}

// WithBuildStatuses makes a running build show statuses, one per GET
// /actions/actions/{id} of the action, in order, instead of "building":
// live builds also pass through "packaged" and "retrying" (a Terraform
// provider recording of 2026-05 shows pending, building, retrying,
// retrying, building, …), and code that waits for a build must wait
// through them. With WithBuildStatuses(auth0.BuildStatusBuilding,
// auth0.BuildStatusRetrying, auth0.BuildStatusPackaged) the create or
// update response says "pending", reads 1 to 3 show the three statuses,
// and read 4 "built" (or "failed"): the build takes at least
// len(statuses)+1 reads, more if WithBuildAfterReads asks for more, the
// last status repeating. With only WithBuildDelay the first status shows
// until the delay is over. Each status must be building, packaged or
// retrying; none restores the default, "building".
func WithBuildStatuses(statuses ...auth0.BuildStatus) ServerOption {
	return func(c *config) {
		out := make([]string, 0, len(statuses))
		for _, st := range statuses {
			switch st {
			case auth0.BuildStatusBuilding, auth0.BuildStatusPackaged, auth0.BuildStatusRetrying:
				out = append(out, string(st))
			default:
				c.fail("WithBuildStatuses: %q is not a status of a running build (building, packaged or retrying)", st)
				return
			}
		}
		c.buildStatuses = out
	}
}

// WithBuildDelay makes a build finish d after the create or update, by the
// server's clock (WithClock); until then the action reads "building".
func WithBuildDelay(d time.Duration) ServerOption {
	return func(c *config) {
		if d < 0 {
			c.fail("WithBuildDelay: %s is negative", d)
			return
		}
		c.buildDelay = d
	}
}

// WithDeployLag reproduces a race of the live API: for d after each deploy
// of an action (a deploy, a create with deploy true, or a roll-back), by
// the server's clock (WithClock), a PATCH of bindings that includes the
// action answers 400 "Trying to create a binding for an action that has
// not been deployed yet", as Auth0 can while the new version propagates.
// 0, the default, turns it off.
func WithDeployLag(d time.Duration) ServerOption {
	return func(c *config) {
		if d < 0 {
			c.fail("WithDeployLag: %s is negative", d)
			return
		}
		c.deployLag = d
	}
}

// ModuleLimits are the entity limits the server enforces on Action
// Modules. A zero field takes its default: Auth0's documented limits.
type ModuleLimits struct {
	// ModulesPerAction is how many modules one action may reference
	// (default 3). A create or update with more is a 400.
	ModulesPerAction int
	// SecretsPerModule is how many secrets a module may have (default
	// 30). A create or update with more is a 400.
	SecretsPerModule int
	// DependenciesPerModule is how many npm dependencies a module may have
	// (default 10). A create or update with more is a 400.
	DependenciesPerModule int
	// VersionsPerModule is how many versions a module keeps (default 50).
	// Publishing at the limit deletes the oldest version that no action's
	// draft or deployed version uses, as Auth0's entity-limit policy says;
	// when every version is in use it is a 412 "Maximum number of module
	// versions reached. …".
	VersionsPerModule int
	// ModulesPerTenant is how many modules the tenant may have (default
	// 100). A create beyond it is a 400.
	ModulesPerTenant int
}

// defaultModuleLimits are Auth0's documented limits for Action Modules.
var defaultModuleLimits = ModuleLimits{
	ModulesPerAction:      3,
	SecretsPerModule:      30,
	DependenciesPerModule: 10,
	VersionsPerModule:     50,
	ModulesPerTenant:      100,
}

// WithModuleLimits sets the entity limits of Action Modules, so that tests
// can reach them with a few calls; zero fields keep their defaults (3
// modules per action, 30 secrets and 10 dependencies per module, 50
// versions per module, 100 modules per tenant). A negative field is an
// error.
func WithModuleLimits(l ModuleLimits) ServerOption {
	return func(c *config) {
		fields := []struct {
			name string
			v    int
			dst  *int
		}{
			{"ModulesPerAction", l.ModulesPerAction, &c.moduleLimits.ModulesPerAction},
			{"SecretsPerModule", l.SecretsPerModule, &c.moduleLimits.SecretsPerModule},
			{"DependenciesPerModule", l.DependenciesPerModule, &c.moduleLimits.DependenciesPerModule},
			{"VersionsPerModule", l.VersionsPerModule, &c.moduleLimits.VersionsPerModule},
			{"ModulesPerTenant", l.ModulesPerTenant, &c.moduleLimits.ModulesPerTenant},
		}
		for _, f := range fields {
			if f.v < 0 {
				c.fail("WithModuleLimits: %s is %d, negative", f.name, f.v)
				return
			}
		}
		for _, f := range fields {
			if f.v > 0 {
				*f.dst = f.v
			}
		}
	}
}

// WithRateLimit enforces a token bucket on the API: it holds limit
// requests and refills at perSecond. An empty bucket answers 429, as
// Auth0's global limit does. Every API response carries the bucket in
// x-ratelimit-limit, x-ratelimit-remaining and x-ratelimit-reset (when it
// is full again, in Unix seconds). The default bucket (a million requests,
// refilled a million a second) is never hit by tests.
func WithRateLimit(limit int, perSecond float64) ServerOption {
	return func(c *config) {
		if limit < 1 || !(perSecond > 0) || math.IsInf(perSecond, 0) {
			c.fail("WithRateLimit: need limit >= 1 and a finite perSecond > 0, got %d and %g", limit, perSecond)
			return
		}
		c.limit, c.perSecond = limit, perSecond
	}
}

// WithClock sets the clock of timestamps, build delays, the deploy lag and
// token expiry (time.Now by default), for deterministic tests. The
// rate-limit bucket and latency always use real time.
func WithClock(now func() time.Time) ServerOption {
	return func(c *config) {
		if now == nil {
			c.fail("WithClock: the clock is nil")
			return
		}
		c.now = now
	}
}

// WithListenAddress makes the server listen on addr (host:port, as
// net.Listen takes it: "127.0.0.1:8443", ":8443" for every interface, or
// port 0 for a free one) instead of a free port on 127.0.0.1. A server
// listening on every interface is still at 127.0.0.1 in URL and Domain.
func WithListenAddress(addr string) ServerOption {
	return func(c *config) {
		if _, _, err := splitListenAddress(addr); err != nil {
			c.fail("WithListenAddress: %v", err)
			return
		}
		c.listenAddr = addr
	}
}

// WithPublicURL sets the URL clients use to reach the server when it sits
// behind a proxy or a port mapping (a container, a TLS-terminating proxy),
// such as https://auth0.test:9443: the token endpoint then also accepts
// its audience (https://auth0.test:9443/api/v2/) and client assertions
// addressed to it, Domain returns its host (auth0.test:9443), and a
// certificate made by WithTLS is also valid for its host. Server.Client
// still calls the server directly. The URL is an origin: http or https, a
// host, an optional port, no path, query or userinfo.
func WithPublicURL(rawURL string) ServerOption {
	return func(c *config) {
		u, err := url.Parse(rawURL)
		switch {
		case err != nil:
			// Not the URL itself, which may hold a password.
			c.fail("WithPublicURL: not a URL: %v", errors.Unwrap(err))
		case u.User != nil:
			c.fail("WithPublicURL: the URL must not have userinfo (user:password@)")
		case u.Scheme != "https" && u.Scheme != "http":
			c.fail("WithPublicURL: %q must start with https:// (or http://)", rawURL)
		case u.Host == "" || u.Hostname() == "":
			c.fail("WithPublicURL: %q has no host", rawURL)
		case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery || (u.Path != "" && u.Path != "/"):
			c.fail("WithPublicURL: %q must be an origin (scheme, host and port only)", rawURL)
		default:
			c.publicURL = u.Scheme + "://" + u.Host
		}
	}
}

// WithLogger makes the server log each request it answers (method, path,
// route, status and duration, at level Info; never a header or a body, so
// never a token or a secret) and the HTTP server's own errors, such as a
// client refusing the certificate (at level Warn), to l. Without it the
// server logs nothing.
func WithLogger(l *slog.Logger) ServerOption {
	return func(c *config) {
		if l == nil {
			c.fail("WithLogger: the logger is nil")
			return
		}
		c.logger = l
	}
}
