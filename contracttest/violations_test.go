package contracttest

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// TestContractViolationDetector is the negative control: requests the
// document rejects, sent through the same client and recorder as the SDK
// calls (by the Execute escape hatch), must be seen as violations, so that
// the suite cannot pass by not seeing them. A valid request must not be.
func TestContractViolationDetector(t *testing.T) {
	t.Parallel()
	srv := requirePrism(t, false)

	cases := []struct {
		name string
		send func(c *auth0.Client) error
		// want is found in a violation's location or message.
		want string
	}{
		{
			name: "unknown body property",
			send: func(c *auth0.Client) error {
				return c.Post(t.Context(), "actions/actions", map[string]any{
					"name": "x", "supported_triggers": []any{map[string]any{"id": "post-login"}}, "bogus": 1,
				}, nil)
			},
			want: "bogus",
		},
		{
			name: "missing required body property",
			send: func(c *auth0.Client) error {
				return c.Post(t.Context(), "actions/actions", map[string]any{"name": "x"}, nil)
			},
			want: "supported_triggers",
		},
		{
			name: "wrong query type",
			send: func(c *auth0.Client) error {
				return c.Get(t.Context(), "actions/actions", url.Values{"deployed": {"maybe"}}, nil)
			},
			want: "deployed",
		},
		{
			name: "trigger ID outside the enum",
			send: func(c *auth0.Client) error {
				return c.Get(t.Context(), "actions/triggers/no-such-trigger/bindings", nil, nil)
			},
			want: "triggerId",
		},
		{
			name: "body on an operation without one",
			send: func(c *auth0.Client) error {
				return c.Post(t.Context(), "actions/actions/"+actionID+"/deploy", map[string]any{}, nil)
			},
			want: "body",
		},
		{
			name: "module secret without a value",
			send: func(c *auth0.Client) error {
				return c.Post(t.Context(), "actions/modules", map[string]any{
					"name": "m", "code": "module.exports = {};", "secrets": []any{map[string]any{"name": "K"}},
				}, nil)
			},
			want: "value",
		},
		{
			name: "module name in an update",
			send: func(c *auth0.Client) error {
				return c.Patch(t.Context(), "actions/modules/"+moduleID, map[string]any{"name": "renamed"}, nil)
			},
			want: "name",
		},
		{
			name: "rollback without a version",
			send: func(c *auth0.Client) error {
				return c.Post(t.Context(), "actions/modules/"+moduleID+"/rollback", map[string]any{}, nil)
			},
			want: "module_version_id",
		},
		{
			name: "no bearer token",
			send: func(c *auth0.Client) error {
				return c.Get(t.Context(), "actions/triggers", nil, nil, option.WithMiddleware(
					func(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
						req.Header.Del("Authorization")
						return next(req)
					}))
			},
			want: "security",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{}
			client := newClient(srv, rec)
			err := tc.send(client)
			var apiErr *auth0.Error
			if !errors.As(err, &apiErr) {
				t.Errorf("the call returned %v, want an *auth0.Error for Prism's 4xx", err)
			} else if apiErr.StatusCode < 400 || apiErr.StatusCode > 499 {
				t.Errorf("status %d, want 4xx", apiErr.StatusCode)
			}
			v := rec.violated()
			if len(v) != 1 {
				t.Fatalf("the recorder saw %d violations in %d exchanges, want 1: the detector is broken", len(v), len(rec.all()))
			}
			vs, err := parseViolations(v[0].violations)
			if err != nil || len(vs) == 0 {
				t.Fatalf("cannot parse sl-violations %q: %v", v[0].violations, err)
			}
			found := false
			for _, x := range vs {
				if strings.Contains(strings.ToLower(strings.Join(x.Location, ".")+" "+x.Message), strings.ToLower(tc.want)) {
					found = true
				}
			}
			if !found {
				t.Errorf("no violation mentions %q: %s", tc.want, formatViolations(v[0].violations))
			}
			t.Logf("detected as expected: %s -> %d%s", v[0], v[0].status, formatViolations(v[0].violations))
		})
	}

	t.Run("valid request", func(t *testing.T) {
		rec := &recorder{}
		client := newClient(srv, rec)
		var out map[string]any
		if err := client.Get(t.Context(), "actions/triggers", nil, &out); err != nil {
			t.Fatal(err)
		}
		if v := rec.violated(); len(v) != 0 || len(rec.all()) != 1 {
			t.Fatalf("a valid request: %d exchanges, violations %v", len(rec.all()), v)
		}
		if _, ok := out["triggers"]; !ok {
			t.Errorf("GET actions/triggers decoded to %v", out)
		}
	})
}
