package auth0_test

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// routeCalls makes one call of every endpoint method, named by the
// operation of Auth0's document it is.
func routeCalls() map[string]func(ctx context.Context, c *auth0.Client) error {
	a, m := func(c *auth0.Client) *auth0.ActionService { return &c.Actions }, func(c *auth0.Client) *auth0.ModuleService { return &c.Actions.Modules }
	newAction := auth0.ActionNewParams{Name: "x", SupportedTriggers: postLoginV3}
	return map[string]func(ctx context.Context, c *auth0.Client) error{
		"GET /actions/actions": func(ctx context.Context, c *auth0.Client) error {
			_, err := a(c).List(ctx, auth0.ActionListParams{})
			return err
		},
		"POST /actions/actions": func(ctx context.Context, c *auth0.Client) error { _, err := a(c).New(ctx, newAction); return err },
		"GET /actions/actions/{actionId}/versions": func(ctx context.Context, c *auth0.Client) error {
			_, err := a(c).Versions.List(ctx, "act_1", auth0.ActionVersionListParams{})
			return err
		},
		"GET /actions/actions/{actionId}/versions/{id}": func(ctx context.Context, c *auth0.Client) error {
			_, err := a(c).Versions.Get(ctx, "act_1", "ver_1")
			return err
		},
		"POST /actions/actions/{actionId}/versions/{id}/deploy": func(ctx context.Context, c *auth0.Client) error {
			_, err := a(c).Versions.Deploy(ctx, "act_1", "ver_1", auth0.ActionVersionDeployParams{})
			return err
		},
		"GET /actions/actions/{id}": func(ctx context.Context, c *auth0.Client) error { _, err := a(c).Get(ctx, "act_1"); return err },
		"DELETE /actions/actions/{id}": func(ctx context.Context, c *auth0.Client) error {
			return a(c).Delete(ctx, "act_1", auth0.ActionDeleteParams{})
		},
		"PATCH /actions/actions/{id}": func(ctx context.Context, c *auth0.Client) error {
			_, err := a(c).Update(ctx, "act_1", auth0.ActionUpdateParams{Code: auth0.String("x")})
			return err
		},
		"POST /actions/actions/{id}/deploy": func(ctx context.Context, c *auth0.Client) error { _, err := a(c).Deploy(ctx, "act_1"); return err },
		"POST /actions/actions/{id}/test": func(ctx context.Context, c *auth0.Client) error {
			_, err := a(c).Test(ctx, "act_1", auth0.ActionTestParams{Payload: map[string]any{}})
			return err
		},
		"GET /actions/executions/{id}": func(ctx context.Context, c *auth0.Client) error {
			_, err := a(c).Executions.Get(ctx, "exe_1")
			return err
		},
		"GET /actions/modules": func(ctx context.Context, c *auth0.Client) error {
			_, err := m(c).List(ctx, auth0.ModuleListParams{})
			return err
		},
		"POST /actions/modules": func(ctx context.Context, c *auth0.Client) error {
			_, err := m(c).New(ctx, auth0.ModuleNewParams{Name: "m", Code: "x"})
			return err
		},
		"GET /actions/modules/{id}":    func(ctx context.Context, c *auth0.Client) error { _, err := m(c).Get(ctx, "mod_1"); return err },
		"DELETE /actions/modules/{id}": func(ctx context.Context, c *auth0.Client) error { return m(c).Delete(ctx, "mod_1") },
		"PATCH /actions/modules/{id}": func(ctx context.Context, c *auth0.Client) error {
			_, err := m(c).Update(ctx, "mod_1", auth0.ModuleUpdateParams{Code: auth0.String("x")})
			return err
		},
		"GET /actions/modules/{id}/actions": func(ctx context.Context, c *auth0.Client) error {
			_, err := m(c).ListActions(ctx, "mod_1", auth0.ModuleActionListParams{})
			return err
		},
		"POST /actions/modules/{id}/rollback": func(ctx context.Context, c *auth0.Client) error {
			_, err := m(c).Rollback(ctx, "mod_1", auth0.ModuleRollbackParams{ModuleVersionID: "mv_1"})
			return err
		},
		"GET /actions/modules/{id}/versions": func(ctx context.Context, c *auth0.Client) error {
			_, err := m(c).Versions.List(ctx, "mod_1", auth0.ModuleVersionListParams{})
			return err
		},
		"POST /actions/modules/{id}/versions": func(ctx context.Context, c *auth0.Client) error {
			_, err := m(c).Versions.New(ctx, "mod_1")
			return err
		},
		"GET /actions/modules/{id}/versions/{versionId}": func(ctx context.Context, c *auth0.Client) error {
			_, err := m(c).Versions.Get(ctx, "mod_1", "mv_1")
			return err
		},
		"GET /actions/triggers": func(ctx context.Context, c *auth0.Client) error { _, err := a(c).Triggers.List(ctx); return err },
		"GET /actions/triggers/{triggerId}/bindings": func(ctx context.Context, c *auth0.Client) error {
			_, err := a(c).Triggers.Bindings.List(ctx, auth0.TriggerPostLogin, auth0.BindingListParams{})
			return err
		},
		"PATCH /actions/triggers/{triggerId}/bindings": func(ctx context.Context, c *auth0.Client) error {
			_, err := a(c).Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{}})
			return err
		},
	}
}

// documentOperations returns "METHOD /path" for every operation of Auth0's
// document.
func documentOperations(t *testing.T) []string {
	t.Helper()
	paths, ok := auth0.LoadOpenAPI(t)["paths"].(map[string]any)
	require.True(t, ok, "the document has paths")
	var ops []string
	for path, v := range paths {
		methods, ok := v.(map[string]any)
		require.True(t, ok, "path %s is an object", path)
		for m := range methods {
			switch m {
			case "get", "post", "patch", "put", "delete":
				ops = append(ops, strings.ToUpper(m)+" "+path)
			}
		}
	}
	sort.Strings(ops)
	return ops
}

// routeRecorder records, per request, what a middleware and the HTTP
// client's transport see of the route.
type routeRecorder struct {
	mu                    sync.Mutex
	middleware, transport []string
}

func (r *routeRecorder) seen(req *http.Request) string {
	route, ok := option.RouteFromContext(req.Context())
	if !ok {
		return req.Method + " (none)"
	}
	return req.Method + " " + route
}

func (r *routeRecorder) options(rt http.RoundTripper) []option.RequestOption {
	return []option.RequestOption{
		option.WithMiddleware(func(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
			r.mu.Lock()
			r.middleware = append(r.middleware, r.seen(req))
			r.mu.Unlock()
			return next(req)
		}),
		option.WithHTTPClient(&http.Client{Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
			r.mu.Lock()
			r.transport = append(r.transport, r.seen(req))
			r.mu.Unlock()
			return rt.RoundTrip(req)
		})}),
	}
}

func (r *routeRecorder) reset() (middleware, transport []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	middleware, transport = r.middleware, r.transport
	r.middleware, r.transport = nil, nil
	return middleware, transport
}

// TestRouteFromContext checks that every endpoint method's requests carry
// the route template of their operation in Auth0's document, seen alike by
// middlewares and by the HTTP client's transport (where otelhttp sits).
func TestRouteFromContext(t *testing.T) {
	t.Parallel()
	calls := routeCalls()
	ops := documentOperations(t)
	var names []string
	for name := range calls {
		names = append(names, name)
	}
	sort.Strings(names)
	require.Equal(t, ops, names, "one call per operation of the document")

	tr, _ := recordAll(respondWith(http.StatusOK, `{}`))
	rec := &routeRecorder{}
	c := newTestClient(tr, rec.options(tr)...)
	for _, op := range ops {
		require.NoError(t, calls[op](t.Context(), c), op)
		mw, transport := rec.reset()
		assert.Equal(t, []string{op}, mw, "middleware")
		assert.Equal(t, []string{op}, transport, "transport")
	}
}

func TestRouteFromContextOnRetriesAndTimeouts(t *testing.T) {
	t.Parallel()
	tr, _ := recordAll(respondInTurn(respondWith(http.StatusServiceUnavailable, ""), respondWith(http.StatusOK, minimalActionJSON)))
	rec := &routeRecorder{}
	c := newTestClient(tr, append(rec.options(tr), option.WithRequestTimeout(time.Minute))...)
	_, err := c.Actions.Get(t.Context(), "act_1")
	require.NoError(t, err)
	mw, transport := rec.reset()
	want := []string{"GET /actions/actions/{id}", "GET /actions/actions/{id}"}
	assert.Equal(t, want, mw, "every attempt, under the per-attempt timeout's context")
	assert.Equal(t, want, transport)
}

func TestRouteFromContextAbsent(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	tokens, _ := tokenResponder(t, 3600, "tok-1")
	tr.RegisterResponder(http.MethodPost, testTokenURL, tokens)
	tr.RegisterNoResponder(respondWith(http.StatusOK, `{}`))
	rec := &routeRecorder{}
	c := newCredentialsClient(tr, rec.options(tr)...)

	// Client.Execute: the SDK did not build the path, so it has no route;
	// the token request has none either.
	require.NoError(t, c.Get(t.Context(), "actions/actions/act_1", nil, nil))
	mw, transport := rec.reset()
	assert.Equal(t, []string{"GET (none)"}, mw)
	assert.Equal(t, []string{"POST (none)", "GET (none)"}, transport, "the token request, then the call")

	_, ok := option.RouteFromContext(t.Context())
	assert.False(t, ok)
	var nilCtx context.Context // a nil context is answered, not a panic
	_, ok = option.RouteFromContext(nilCtx)
	assert.False(t, ok)
}
