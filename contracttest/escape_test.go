package contracttest

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// TestContractEscapeHatches sends, through the per-call escape hatches,
// fields and query parameters the params did not set, and checks them
// against Auth0's document: the documented ones pass Prism's validation,
// and an unknown field is caught, so the hatches cannot hide a mistake.
func TestContractEscapeHatches(t *testing.T) {
	t.Parallel()
	srv := requirePrism(t, false)
	minimal := auth0.ActionNewParams{
		Name:              "escape-hatches",
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Code:              auth0.String(postLoginCode),
		Dependencies:      []auth0.ActionDependency{{Name: "lodash", Version: "4.17.21"}},
	}

	valid := []struct {
		name string
		call func(ctx context.Context, c *auth0.Client) error
		// check checks the request that was sent.
		check func(t *testing.T, ex exchange)
	}{
		{
			name: "documented body fields set and deleted by option",
			call: func(ctx context.Context, c *auth0.Client) error {
				_, err := c.Actions.New(ctx, minimal,
					option.WithJSONSet("runtime", "node22"),
					option.WithJSONSet("deploy", true),
					option.WithJSONSet("dependencies.0.registry_url", "https://npm.acme.example.com/"),
					option.WithJSONSet("secrets", []map[string]string{{"name": "API_KEY", "value": "s3cr3t"}}),
					option.WithJSONDelete("code"))
				return err
			},
			check: func(t *testing.T, ex exchange) {
				var b map[string]any
				if err := json.Unmarshal(ex.reqBody, &b); err != nil {
					t.Fatalf("the body is not JSON: %v", err)
				}
				if b["runtime"] != "node22" || b["deploy"] != true {
					t.Errorf("runtime %v, deploy %v: the option-set fields are missing", b["runtime"], b["deploy"])
				}
				if _, ok := b["code"]; ok {
					t.Errorf("code was deleted by option, but sent: %s", ex.reqBody)
				}
				deps, _ := b["dependencies"].([]any)
				if len(deps) != 1 || deps[0].(map[string]any)["registry_url"] != "https://npm.acme.example.com/" {
					t.Errorf("dependencies %v: want lodash with the option-set registry_url", b["dependencies"])
				}
			},
		},
		{
			name: "documented body field on a PATCH",
			call: func(ctx context.Context, c *auth0.Client) error {
				_, err := c.Actions.Update(ctx, actionID, auth0.ActionUpdateParams{Code: auth0.String(postLoginCode)},
					option.WithJSONSet("modules", []map[string]string{{"module_id": moduleID, "module_version_id": moduleVersionID}}))
				return err
			},
			check: func(t *testing.T, ex exchange) {
				if !strings.Contains(string(ex.reqBody), `"module_version_id":"`+moduleVersionID+`"`) {
					t.Errorf("the option-set modules are missing: %s", ex.reqBody)
				}
			},
		},
		{
			name: "documented query parameters set by option",
			call: func(ctx context.Context, c *auth0.Client) error {
				_, err := c.Actions.List(ctx, auth0.ActionListParams{},
					option.WithQuery("deployed", "true"),
					option.WithQuery("installed", "false"),
					option.WithQueryAdd("actionName", "escape-hatches"),
					option.WithQueryDel("page"))
				return err
			},
			check: func(t *testing.T, ex exchange) {
				q := ex.url.Query()
				if q.Get("deployed") != "true" || q.Get("installed") != "false" || q.Get("actionName") != "escape-hatches" {
					t.Errorf("query %q lacks the option-set parameters", ex.url.RawQuery)
				}
				if q.Has("page") || q.Get("per_page") != "50" {
					t.Errorf("query %q: page was deleted by option, per_page kept", ex.url.RawQuery)
				}
			},
		},
	}
	for _, tc := range valid {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{}
			err := tc.call(t.Context(), newClient(srv, rec))
			exs := rec.all()
			if len(exs) != 1 {
				t.Fatalf("%d requests, want 1 (err %v)", len(exs), err)
			}
			if v := rec.violated(); len(v) != 0 {
				t.Fatalf("Prism refused the request: %s%s", v[0], formatViolations(v[0].violations))
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, exs[0])
		})
	}

	t.Run("an unknown body field is caught", func(t *testing.T) {
		rec := &recorder{}
		_, err := newClient(srv, rec).Actions.New(t.Context(), minimal, option.WithJSONSet("no_such_field", 1))
		var apiErr *auth0.Error
		if !errors.As(err, &apiErr) || apiErr.StatusCode < 400 || apiErr.StatusCode > 499 {
			t.Fatalf("err = %v, want an *auth0.Error with Prism's 4xx", err)
		}
		v := rec.violated()
		if len(v) != 1 || !strings.Contains(v[0].violations, "no_such_field") {
			t.Fatalf("violations %v: want one naming no_such_field", v)
		}
	})
}

// TestContractRoutes checks the route every endpoint method gives its
// requests (option.RouteFromContext, what tracing uses for span names)
// against Auth0's document: it is the operation's path template.
func TestContractRoutes(t *testing.T) {
	t.Parallel()
	srv := requirePrism(t, false)
	var mu sync.Mutex
	var routes []string
	capture := option.WithMiddleware(func(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		route, ok := option.RouteFromContext(req.Context())
		if !ok {
			route = "(none)"
		}
		mu.Lock()
		routes = append(routes, route)
		mu.Unlock()
		return next(req)
	})
	client := newClient(srv, &recorder{}, capture)
	for _, op := range endpointOperations() {
		t.Run(op.name, func(t *testing.T) {
			mu.Lock()
			routes = nil
			mu.Unlock()
			if _, err := op.call(t.Context(), client); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(routes) != 1 || routes[0] != op.path {
				t.Errorf("routes %q, want [%q]", routes, op.path)
			}
		})
	}
}
