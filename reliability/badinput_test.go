package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// hostileIDs are IDs that must be escaped into their own path segment: the
// request reaches the endpoint asked for, with the ID intact.
var hostileIDs = []string{
	"a/b", "../actions", "..%2Factions", "%2e%2e", "a?b=c", "?", "a#frag", "#", "100%", "%", "%zz",
	"a b", " ", "ação", "日本語", "a\x00b", "a\r\nHost: evil.test", "./x", "x/..", "/", "//evil.test/x",
	"https://evil.test/x", "...", "a;b", "act_1/deploy", "act_1/versions/ver_1/deploy",
}

// refusedIDs are IDs that must be refused before anything is sent.
var refusedIDs = []string{"", ".", ".."}

// idCall is an SDK method with one ID argument under test.
type idCall struct {
	name  string
	route string
	param int // index of the ID among the route's parameters
	do    func(ctx context.Context, c *auth0.Client, id string) error
}

var idCalls = []idCall{
	{"Actions.Get", "getAction", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Get(ctx, id)
		return err
	}},
	{"Actions.Update", "updateAction", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Update(ctx, id, auth0.ActionUpdateParams{Code: auth0.String("x")})
		return err
	}},
	{"Actions.Delete", "deleteAction", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		return c.Actions.Delete(ctx, id, auth0.ActionDeleteParams{Force: auth0.Bool(true)})
	}},
	{"Actions.Deploy", "deployAction", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Deploy(ctx, id)
		return err
	}},
	{"Actions.Test", "testAction", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Test(ctx, id, auth0.ActionTestParams{Payload: map[string]any{}})
		return err
	}},
	{"Executions.Get", "getExecution", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Executions.Get(ctx, id)
		return err
	}},
	{"Versions.List (action ID)", "listVersions", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Versions.List(ctx, id, auth0.ActionVersionListParams{})
		return err
	}},
	{"Versions.ListAutoPaging (action ID)", "listVersions", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		for _, err := range c.Actions.Versions.ListAutoPaging(ctx, id, auth0.ActionVersionListParams{}).All() {
			if err != nil {
				return err
			}
		}
		return nil
	}},
	{"Versions.Get (action ID)", "getVersion", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Versions.Get(ctx, id, "ver_1")
		return err
	}},
	{"Versions.Get (version ID)", "getVersion", 1, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Versions.Get(ctx, "act_1", id)
		return err
	}},
	{"Versions.Deploy (action ID)", "rollback", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Versions.Deploy(ctx, id, "ver_1", auth0.ActionVersionDeployParams{})
		return err
	}},
	{"Versions.Deploy (version ID)", "rollback", 1, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Versions.Deploy(ctx, "act_1", id, auth0.ActionVersionDeployParams{})
		return err
	}},
	{"Bindings.List (trigger ID)", "listBindings", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Triggers.Bindings.List(ctx, auth0.TriggerID(id), auth0.BindingListParams{})
		return err
	}},
	{"Bindings.Update (trigger ID)", "updateBindings", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerID(id), auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{}})
		return err
	}},
	{"Modules.Get", "getModule", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Modules.Get(ctx, id)
		return err
	}},
	{"Modules.Update", "updateModule", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Modules.Update(ctx, id, auth0.ModuleUpdateParams{Code: auth0.String("x")})
		return err
	}},
	{"Modules.Delete", "deleteModule", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		return c.Actions.Modules.Delete(ctx, id)
	}},
	{"Modules.ListActions", "listModuleActions", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Modules.ListActions(ctx, id, auth0.ModuleActionListParams{})
		return err
	}},
	{"Modules.ListActionsAutoPaging", "listModuleActions", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		it := c.Actions.Modules.ListActionsAutoPaging(ctx, id, auth0.ModuleActionListParams{})
		for it.Next() {
		}
		return it.Err()
	}},
	{"Modules.Rollback", "rollbackModule", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Modules.Rollback(ctx, id, auth0.ModuleRollbackParams{ModuleVersionID: "modver_1"})
		return err
	}},
	{"Modules.Versions.New", "publishModule", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Modules.Versions.New(ctx, id)
		return err
	}},
	{"Modules.Versions.List", "listModuleVersions", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Modules.Versions.List(ctx, id, auth0.ModuleVersionListParams{})
		return err
	}},
	{"Modules.Versions.ListAutoPaging", "listModuleVersions", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		for _, err := range c.Actions.Modules.Versions.ListAutoPaging(ctx, id, auth0.ModuleVersionListParams{}).All() {
			if err != nil {
				return err
			}
		}
		return nil
	}},
	{"Modules.Versions.Get (module ID)", "getModuleVersion", 0, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Modules.Versions.Get(ctx, id, "modver_1")
		return err
	}},
	{"Modules.Versions.Get (version ID)", "getModuleVersion", 1, func(ctx context.Context, c *auth0.Client, id string) error {
		_, err := c.Actions.Modules.Versions.Get(ctx, "mod_1", id)
		return err
	}},
}

func TestBadInputIDs(t *testing.T) {
	t.Parallel()
	for _, ic := range idCalls {
		t.Run(ic.name, func(t *testing.T) {
			t.Parallel()
			s := begin(t, "bad input", fmt.Sprintf("%d hostile and %d empty/dot IDs: %s", len(hostileIDs), len(refusedIDs), ic.name),
				`"", ".", "..": an error naming the parameter, nothing sent; the rest: escaped into one segment, reaching this endpoint with the ID intact`)
			srv := s.server(answer)
			c := s.client(srv)
			ctx := ctxT(t, 20*time.Second)
			for _, id := range refusedIDs {
				err := ic.do(ctx, c, id)
				require.Error(t, err, "id %q", id)
				assert.Regexp(t, `(?i)id must not be`, err.Error())
			}
			assert.Equal(t, 0, srv.count(""), "a refused ID must send nothing")
			for _, id := range hostileIDs {
				before := len(srv.requests())
				require.NoError(t, ic.do(ctx, c, id), "id %q", id)
				reqs := srv.requests()[before:]
				require.NotEmpty(t, reqs, "id %q sent nothing", id)
				got := reqs[0]
				if assert.Equal(t, ic.route, got.Route, "id %q reached %s %s", id, got.Method, got.Path) {
					assert.Equal(t, id, got.Params[ic.param], "the ID must arrive intact")
				}
			}
			countBadInputs(len(refusedIDs) + len(hostileIDs))
			s.onlyDialed(srv.addr())
			s.observe("%d refused before sending; %d escaped, each reached %s intact; only %s dialed",
				len(refusedIDs), len(hostileIDs), ic.route, "the test server")
		})
	}
}

func TestBadInputPaging(t *testing.T) {
	t.Parallel()
	perPages := []int{0, -1, 101, 1000, math.MaxInt, math.MinInt}
	pages := []int{-1, math.MinInt}
	type lister struct {
		name string
		do   func(ctx context.Context, c *auth0.Client, page, perPage *int) error
	}
	listers := []lister{
		{"Actions.List", func(ctx context.Context, c *auth0.Client, page, perPage *int) error {
			_, err := c.Actions.List(ctx, auth0.ActionListParams{Page: page, PerPage: perPage})
			return err
		}},
		{"Actions.ListAutoPaging (All)", func(ctx context.Context, c *auth0.Client, page, perPage *int) error {
			for _, err := range c.Actions.ListAutoPaging(ctx, auth0.ActionListParams{Page: page, PerPage: perPage}).All() {
				if err != nil {
					return err
				}
			}
			return nil
		}},
		{"Actions.ListAutoPaging (Next)", func(ctx context.Context, c *auth0.Client, page, perPage *int) error {
			it := c.Actions.ListAutoPaging(ctx, auth0.ActionListParams{Page: page, PerPage: perPage})
			for it.Next() {
			}
			return it.Err()
		}},
		{"Versions.List", func(ctx context.Context, c *auth0.Client, page, perPage *int) error {
			_, err := c.Actions.Versions.List(ctx, "act_1", auth0.ActionVersionListParams{Page: page, PerPage: perPage})
			return err
		}},
		{"Bindings.List", func(ctx context.Context, c *auth0.Client, page, perPage *int) error {
			_, err := c.Actions.Triggers.Bindings.List(ctx, auth0.TriggerPostLogin, auth0.BindingListParams{Page: page, PerPage: perPage})
			return err
		}},
		{"Modules.List", func(ctx context.Context, c *auth0.Client, page, perPage *int) error {
			_, err := c.Actions.Modules.List(ctx, auth0.ModuleListParams{Page: page, PerPage: perPage})
			return err
		}},
		{"Modules.ListAutoPaging (All)", func(ctx context.Context, c *auth0.Client, page, perPage *int) error {
			for _, err := range c.Actions.Modules.ListAutoPaging(ctx, auth0.ModuleListParams{Page: page, PerPage: perPage}).All() {
				if err != nil {
					return err
				}
			}
			return nil
		}},
		{"Modules.ListActions", func(ctx context.Context, c *auth0.Client, page, perPage *int) error {
			_, err := c.Actions.Modules.ListActions(ctx, "mod_1", auth0.ModuleActionListParams{Page: page, PerPage: perPage})
			return err
		}},
		{"Modules.Versions.List", func(ctx context.Context, c *auth0.Client, page, perPage *int) error {
			_, err := c.Actions.Modules.Versions.List(ctx, "mod_1", auth0.ModuleVersionListParams{Page: page, PerPage: perPage})
			return err
		}},
	}
	for _, l := range listers {
		t.Run(l.name, func(t *testing.T) {
			t.Parallel()
			s := begin(t, "bad input", fmt.Sprintf("per_page %v and page %v: %s", perPages, pages, l.name),
				"an error naming PerPage or Page before any request; 1 and 100 accepted")
			srv := s.server(answer)
			c := s.client(srv)
			ctx := ctxT(t, 10*time.Second)
			for _, pp := range perPages {
				err := l.do(ctx, c, nil, auth0.Int(pp))
				require.Error(t, err, "per_page %d", pp)
				assert.Contains(t, err.Error(), "PerPage")
			}
			for _, p := range pages {
				err := l.do(ctx, c, auth0.Int(p), nil)
				require.Error(t, err, "page %d", p)
				assert.Contains(t, err.Error(), "Page")
			}
			assert.Equal(t, 0, srv.count(""), "nothing may be sent")
			countBadInputs(len(perPages) + len(pages))
			for _, pp := range []int{1, 100} {
				require.NoError(t, l.do(ctx, c, nil, auth0.Int(pp)), "per_page %d", pp)
			}
			s.observe("%d refused with nothing sent; per_page 1 and 100 accepted", len(perPages)+len(pages))
		})
	}
}

// Domains that WithDomain must refuse: each names a host other than a
// tenant's host (with at most a port), or smuggles one in.
var badDomains = []string{
	"", "https://tenant.auth0.com", "http://tenant.auth0.com", "tenant.auth0.com/api/v2", "tenant.auth0.com:",
	"tenant.auth0.com:0", "tenant.auth0.com:65536", "tenant.auth0.com:80x", "tenant.auth0.com:80@evil.example",
	"evil.example@tenant.auth0.com", "user:pass@tenant.auth0.com", "tenant.auth0.com@evil.example",
	"tenant.auth0.com?x=evil.example", "tenant.auth0.com#evil.example", `tenant.auth0.com\evil.example`, "tenant auth0.com",
	"tenant..auth0.com", ".", "tenant.auth0.com.", "ténant.auth0.com", "tenant.auth0.com\x00.evil.example",
	"tenant.auth0.com\r\nHost: evil.example", "tenant.auth0.com:80\r\nHost: evil.example", "::1", ":80", "[::1",
	"[evil.example]:80", "[::1]evil.example", strings.Repeat("a", 64) + ".auth0.com",
	strings.Repeat("abcdefghi.", 26) + "com",
}

func TestBadInputDomains(t *testing.T) {
	t.Parallel()
	s := begin(t, "bad input", fmt.Sprintf("%d malformed domains (scheme, path, bad port, userinfo, query, non-ASCII...)", len(badDomains)),
		"option.WithDomain refuses each on the first call; nothing is dialed")
	for _, d := range badDomains {
		c := auth0.NewClient(option.WithDomain(d), option.WithToken(testToken), option.WithHTTPClient(s.httpClient()))
		_, err := c.Actions.Get(ctxT(t, 5*time.Second), "act_1")
		require.Error(t, err, "domain %q", d)
		assert.Contains(t, err.Error(), "domain", "domain %q", d)
	}
	assert.Empty(t, s.dialed(), "a refused domain must not be dialed")
	countBadInputs(len(badDomains))
	s.observe("%d refused; 0 dials", len(badDomains))
}

// TestBadInputDomainFromEnvironment is not parallel: it sets AUTH0_DOMAIN.
func TestBadInputDomainFromEnvironment(t *testing.T) {
	s := begin(t, "bad input", "AUTH0_DOMAIN=evil.example@tenant.auth0.com",
		"an error naming AUTH0_DOMAIN on the first call; nothing is dialed")
	t.Setenv("AUTH0_DOMAIN", "evil.example@tenant.auth0.com")
	t.Setenv("AUTH0_API_TOKEN", testToken)
	c := auth0.NewClient(option.WithHTTPClient(s.httpClient()))
	_, err := c.Actions.Get(ctxT(t, 5*time.Second), "act_1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "AUTH0_DOMAIN")
	assert.Empty(t, s.dialed())
	countBadInputs(1)
	s.observe("%q; 0 dials", err.Error())
}

var badBaseURLs = []string{
	"", "api.example.test/api/v2/", "//api.example.test/api/v2/", "ftp://api.example.test/", "file:///etc/passwd",
	"javascript:alert(1)", "https://", "https:///api/v2/", "https://user:pw@api.example.test/api/v2/",
	"https://evil.example@127.0.0.1/api/v2/", "https://api.example.test/api/v2/?x=1", "https://api.example.test/api/v2/#x",
	"https://api.example.test/api/v2/?", "http://api.example.test/api/v2/", "http://10.1.2.3/api/v2/",
	"http://192.168.1.1/api/v2/", "http://localhost.evil.test/api/v2/", "http://127.0.0.1.evil.test/api/v2/",
	"http://0.0.0.0/api/v2/", "http://[::ffff:10.0.0.1]/api/v2/", "http://tenant.auth0.com/api/v2/", "https://exa mple.test/",
	"https://%zz/",
}

func TestBadInputBaseURLs(t *testing.T) {
	t.Parallel()
	s := begin(t, "bad input", fmt.Sprintf("%d base URLs: no scheme or host, userinfo, query, fragment, plain http to a host that is not loopback", len(badBaseURLs)),
		"each refused on the first call, plain http with a hint at option.WithInsecureHTTP; nothing is dialed")
	for _, u := range badBaseURLs {
		c := auth0.NewClient(option.WithBaseURL(u), option.WithToken(testToken), option.WithHTTPClient(s.httpClient()))
		_, err := c.Actions.Get(ctxT(t, 5*time.Second), "act_1")
		require.Error(t, err, "base URL %q", u)
		if strings.HasPrefix(u, "http://") {
			assert.Contains(t, err.Error(), "WithInsecureHTTP", "base URL %q", u)
		}
	}
	assert.Empty(t, s.dialed(), "a refused base URL must not be dialed")
	countBadInputs(len(badBaseURLs))
	s.observe("%d refused; 0 dials", len(badBaseURLs))
}

func TestBadInputInsecureHTTPOptIn(t *testing.T) {
	t.Parallel()
	s := begin(t, "bad input", "http://api.example.test with option.WithInsecureHTTP (the explicit opt-in)",
		"allowed; the only host dialed is the one named")
	srv := s.server(answer)
	s.route("api.example.test:80", srv.addr())
	c := auth0.NewClient(option.WithBaseURL("http://api.example.test/api/v2/"), option.WithInsecureHTTP(),
		option.WithToken(testToken), option.WithHTTPClient(s.httpClient()))
	_, err := c.Actions.Get(ctxT(t, 5*time.Second), "act_1")
	require.NoError(t, err)
	assert.Equal(t, 1, srv.count("getAction"))
	s.onlyDialed("api.example.test:80")
	s.observe("1 request; dialed %v", s.dialed())
}

func TestBadInputOptions(t *testing.T) {
	t.Parallel()
	opts := map[string]option.RequestOption{
		"WithHeader CRLF injection":       option.WithHeader("X-Trace", "a\r\nAuthorization: Bearer stolen"),
		"WithHeader NUL":                  option.WithHeader("X-Trace", "a\x00b"),
		"WithHeader bad name":             option.WithHeader("Bad Header", "v"),
		"WithHeader empty name":           option.WithHeader("", "v"),
		"WithHeaderAdd LF":                option.WithHeaderAdd("X-Trace", "a\nb"),
		"WithQuery empty key":             option.WithQuery("", "v"),
		"WithMaxRetries -1":               option.WithMaxRetries(-1),
		"WithRetryWait min > max":         option.WithRetryWait(2*time.Second, time.Second),
		"WithRetryWait negative":          option.WithRetryWait(-time.Second, time.Second),
		"WithRequestTimeout -1":           option.WithRequestTimeout(-1),
		"WithMaxResponseSize 0":           option.WithMaxResponseSize(0),
		"WithMaxResponseSize -1":          option.WithMaxResponseSize(-1),
		"WithPrefetch 65":                 option.WithPrefetch(65),
		"WithPrefetch -1":                 option.WithPrefetch(-1),
		"WithToken empty":                 option.WithToken(""),
		"WithClientCredentials no id":     option.WithClientCredentials("", testClientSecret),
		"WithClientCredentials no secret": option.WithClientCredentials(testClientID, ""),
		"WithTokenSource nil":             option.WithTokenSource(nil),
		"WithHTTPClient nil":              option.WithHTTPClient(nil),
		"WithMiddleware nil":              option.WithMiddleware(nil),
		"WithResponseInto nil":            option.WithResponseInto(nil),
		"WithPollInterval 0":              option.WithPollInterval(0, 0),
		"WithWaitTimeout 0":               option.WithWaitTimeout(0),
	}
	s := begin(t, "bad input", fmt.Sprintf("%d invalid options (header injection, negative limits, nil values...)", len(opts)),
		"an error naming the option before any request")
	srv := s.server(answer)
	c := s.client(srv)
	for name, opt := range opts {
		_, err := c.Actions.Get(ctxT(t, 5*time.Second), "act_1", opt)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "option.With", name)
	}
	assert.Equal(t, 0, srv.count(""))
	countBadInputs(len(opts))
	s.observe("%d refused; 0 requests", len(opts))
}

func TestBadInputParams(t *testing.T) {
	t.Parallel()
	trig := []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}
	calls := map[string]func(ctx context.Context, c *auth0.Client) error{
		"ActionNewParams empty": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.New(ctx, auth0.ActionNewParams{})
			return err
		},
		"ActionNewParams no trigger": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.New(ctx, auth0.ActionNewParams{Name: "x"})
			return err
		},
		"ActionNewParams trigger without ID": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.New(ctx, auth0.ActionNewParams{Name: "x", SupportedTriggers: []auth0.Trigger{{Version: "v3"}}})
			return err
		},
		"ActionNewParams secret twice": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.New(ctx, auth0.ActionNewParams{Name: "x", SupportedTriggers: trig,
				Secrets: []auth0.ActionSecretParam{{Name: "K", Value: "1"}, {Name: "K", Value: "2"}}})
			return err
		},
		"ActionNewParams secret without name": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.New(ctx, auth0.ActionNewParams{Name: "x", SupportedTriggers: trig,
				Secrets: []auth0.ActionSecretParam{{Value: "1"}}})
			return err
		},
		"ActionNewParams module without ID or name": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.New(ctx, auth0.ActionNewParams{Name: "x", SupportedTriggers: trig,
				Modules: []auth0.ActionModuleReference{{ModuleVersionNumber: 1}}})
			return err
		},
		"ActionUpdateParams empty name": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Update(ctx, "act_1", auth0.ActionUpdateParams{Name: auth0.String("")})
			return err
		},
		"ActionUpdateParams empty trigger list": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Update(ctx, "act_1", auth0.ActionUpdateParams{SupportedTriggers: []auth0.Trigger{}})
			return err
		},
		"ActionTestParams no payload": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Test(ctx, "act_1", auth0.ActionTestParams{})
			return err
		},
		"ActionListParams empty name": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.List(ctx, auth0.ActionListParams{ActionName: auth0.String("")})
			return err
		},
		"ActionListParams empty trigger": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.List(ctx, auth0.ActionListParams{TriggerID: auth0.Ptr(auth0.TriggerID(""))})
			return err
		},
		"BindingUpdateParams unknown ref type": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{
				Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: "action_id; DROP", Value: "a"}}}})
			return err
		},
		"BindingUpdateParams empty ref value": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{
				Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID}}}})
			return err
		},
		"BindingUpdateParams secret without name": func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{
				Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: "a"},
					Secrets: []auth0.ActionSecretParam{{Value: "v"}}}}})
			return err
		},
	}
	for name, p := range badModuleNewParams() {
		calls["ModuleNewParams "+name] = func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Modules.New(ctx, p)
			return err
		}
	}
	for name, p := range badModuleUpdateParams() {
		calls["ModuleUpdateParams "+name] = func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Modules.Update(ctx, "mod_1", p)
			return err
		}
	}
	for name, id := range map[string]string{"empty version ID": "", "blank version ID": " \t\n", "NUL in the version ID": "v\x00",
		"invalid UTF-8 in the version ID": "v\xff"} {
		calls["ModuleRollbackParams "+name] = func(ctx context.Context, c *auth0.Client) error {
			_, err := c.Actions.Modules.Rollback(ctx, "mod_1", auth0.ModuleRollbackParams{ModuleVersionID: id})
			return err
		}
	}
	s := begin(t, "bad input", fmt.Sprintf("%d invalid params (missing name or trigger, duplicate secrets, bad binding refs, module params too long, with NUL or invalid UTF-8...)", len(calls)),
		"an error naming the field before any request")
	srv := s.server(answer)
	c := s.client(srv)
	for name, call := range calls {
		err := call(ctxT(t, 5*time.Second), c)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "Params", name)
	}
	assert.Equal(t, 0, srv.count(""))
	countBadInputs(len(calls))
	s.observe("%d refused; 0 requests", len(calls))
}

func TestBadInputQueryInjection(t *testing.T) {
	t.Parallel()
	s := begin(t, "bad input", "filters carrying query syntax: actionName \"x&per_page=1000&page=9#f\", triggerId \"post-login&deployed=false\"",
		"sent as single, escaped values; per_page stays 50 and no deployed filter appears")
	srv := s.server(answer)
	c := s.client(srv)
	name := "x&per_page=1000&page=9#f"
	trigger := auth0.TriggerID("post-login&deployed=false")
	_, err := c.Actions.List(ctxT(t, 5*time.Second), auth0.ActionListParams{ActionName: &name, TriggerID: &trigger})
	require.NoError(t, err)
	reqs := srv.requests()
	require.Len(t, reqs, 1)
	q := reqs[0].Query
	assert.Equal(t, []string{name}, q["actionName"])
	assert.Equal(t, []string{string(trigger)}, q["triggerId"])
	assert.Equal(t, []string{"50"}, q["per_page"])
	assert.Equal(t, []string{"0"}, q["page"])
	assert.NotContains(t, q, "deployed")
	countBadInputs(2)
	s.observe("query %q", q.Encode())
}

func TestBadInputEscapeHatchPaths(t *testing.T) {
	t.Parallel()
	paths := []string{"https://evil.test/x", "//evil.test/x", "///evil.test/x", "http:evil.test/x", "@evil.test/x",
		"../../oauth/token", "%2F%2Fevil.test", "\\\\evil.test\\x"}
	s := begin(t, "bad input", fmt.Sprintf("%d paths given to Client.Get that look like other hosts", len(paths)),
		"every request goes to the named host, under its base URL; no other host is dialed")
	srv := s.server(func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, map[string]any{}) })
	c := s.client(srv)
	for _, p := range paths {
		var out map[string]any
		err := c.Get(ctxT(t, 5*time.Second), p, nil, &out)
		if err != nil {
			// A path Go cannot even parse into a URL is refused: also fine.
			assert.NotContains(t, err.Error(), "refusing to dial")
		}
	}
	for _, r := range srv.requests() {
		assert.True(t, strings.HasPrefix(r.Path, "/api/v2/"), "path %q", r.Path)
	}
	s.onlyDialed(srv.addr())
	countBadInputs(len(paths))
	s.observe("%d requests, all to the test server under /api/v2/; no other dial", srv.count(""))
}

func TestBadInputBaseURLWithIPv6Zone(t *testing.T) {
	t.Parallel()
	s := begin(t, "bad input", "base URL with an IPv6 zone (https://[fe80::1%25eth0]/api/v2/)",
		"refused by option.WithBaseURL, or used as given; never accepted and then unusable")
	c := auth0.NewClient(option.WithBaseURL("https://[fe80::1%25eth0]/api/v2/"), option.WithToken(testToken),
		option.WithHTTPClient(s.httpClient()))
	_, err := c.Actions.Get(ctxT(t, 5*time.Second), "act_1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "option.WithBaseURL", "refused by the option that took the value")
	countBadInputs(1)
}

// badModuleNewParams are module create params that Auth0's schema refuses,
// or that encoding/json would change on the way (invalid UTF-8).
func badModuleNewParams() map[string]auth0.ModuleNewParams {
	ok := func(f func(p *auth0.ModuleNewParams)) auth0.ModuleNewParams {
		p := auth0.ModuleNewParams{Name: "m", Code: "x"}
		f(&p)
		return p
	}
	return map[string]auth0.ModuleNewParams{
		"empty":                        {},
		"no code":                      {Name: "m"},
		"no name":                      {Code: "x"},
		"name of 256 characters":       ok(func(p *auth0.ModuleNewParams) { p.Name = strings.Repeat("é", 256) }),
		"code of 65,537 characters":    ok(func(p *auth0.ModuleNewParams) { p.Code = strings.Repeat("x", 65537) }),
		"NUL in the name":              ok(func(p *auth0.ModuleNewParams) { p.Name = "m\x00" }),
		"invalid UTF-8 in the name":    ok(func(p *auth0.ModuleNewParams) { p.Name = "m\xff" }),
		"invalid UTF-8 in the code":    ok(func(p *auth0.ModuleNewParams) { p.Code = "\xc3(" }),
		"api_version of 21 characters": ok(func(p *auth0.ModuleNewParams) { p.APIVersion = auth0.String(strings.Repeat("1", 21)) }),
		"secret without a name":        ok(func(p *auth0.ModuleNewParams) { p.Secrets = []auth0.ActionSecretParam{{Value: "v"}} }),
		"secret twice":                 ok(func(p *auth0.ModuleNewParams) { p.Secrets = []auth0.ActionSecretParam{{Name: "K"}, {Name: "K"}} }),
		"secret value of 4,097": ok(func(p *auth0.ModuleNewParams) {
			p.Secrets = []auth0.ActionSecretParam{{Name: "K", Value: strings.Repeat("v", 4097)}}
		}),
		"invalid UTF-8 in secret value": ok(func(p *auth0.ModuleNewParams) {
			p.Secrets = []auth0.ActionSecretParam{{Name: "K", Value: "\xed\xa0\x80"}}
		}),
		"dependency without a version": ok(func(p *auth0.ModuleNewParams) { p.Dependencies = []auth0.ActionModuleDependency{{Name: "lodash"}} }),
		"dependency without a name":    ok(func(p *auth0.ModuleNewParams) { p.Dependencies = []auth0.ActionModuleDependency{{Version: "1"}} }),
		"dependency version of 51": ok(func(p *auth0.ModuleNewParams) {
			p.Dependencies = []auth0.ActionModuleDependency{{Name: "x", Version: strings.Repeat("1", 51)}}
		}),
	}
}

func badModuleUpdateParams() map[string]auth0.ModuleUpdateParams {
	return map[string]auth0.ModuleUpdateParams{
		"code of 65,537 characters":     {Code: auth0.String(strings.Repeat("x", 65537))},
		"NUL in the code":               {Code: auth0.String("\x00")},
		"invalid UTF-8 in the code":     {Code: auth0.String("\xff")},
		"secret without a name":         {Secrets: []auth0.ActionSecretParam{{Value: "v"}}},
		"invalid UTF-8 in secret value": {Secrets: []auth0.ActionSecretParam{{Name: "K", Value: "\x80"}}},
		"dependency without a version":  {Dependencies: []auth0.ActionModuleDependency{{Name: "lodash"}}},
	}
}

// TestBadInputModuleStringsSentIntact sends module params whose strings
// are valid but hostile (JSON and query syntax, CRLF, HTML, line
// separators, astral characters, the longest allowed): each reaches the
// server exactly as given.
func TestBadInputModuleStringsSentIntact(t *testing.T) {
	t.Parallel()
	values := []string{
		`"},"publish":true,"x":{"`, "x&per_page=1000#f", "a\r\nHost: evil.test", "<script>&amp;</script>",
		"line\u2028sep\u2029", "😀 日本語 ação", `\u0000 written out`, "\t\v\f\b", strings.Repeat("é", 255),
	}
	s := begin(t, "bad input", fmt.Sprintf("%d hostile but valid strings as module name, code, secret and dependency: Modules.New, Modules.Update", len(values)),
		"accepted; the server decodes exactly the strings given (nothing escaped away, no U+FFFD, no extra field)")
	srv := s.server(answer)
	c := s.client(srv)
	ctx := ctxT(t, 30*time.Second)
	for _, v := range values {
		before := len(srv.requests())
		p := auth0.ModuleNewParams{Name: v, Code: v, Secrets: []auth0.ActionSecretParam{{Name: "K", Value: v}},
			Dependencies: []auth0.ActionModuleDependency{{Name: v, Version: "1"}}}
		_, err := c.Actions.Modules.New(ctx, p)
		require.NoError(t, err, "value %q", v)
		u := auth0.ModuleUpdateParams{Code: &v, Secrets: p.Secrets, Dependencies: p.Dependencies}
		_, err = c.Actions.Modules.Update(ctx, "mod_1", u)
		require.NoError(t, err, "value %q", v)
		reqs := srv.requests()[before:]
		require.Len(t, reqs, 2)
		var gotNew auth0.ModuleNewParams
		dec := json.NewDecoder(bytes.NewReader(reqs[0].Body))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&gotNew))
		assert.Equal(t, p, gotNew, "value %q", v)
		var gotUpd auth0.ModuleUpdateParams
		dec = json.NewDecoder(bytes.NewReader(reqs[1].Body))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&gotUpd))
		assert.Equal(t, u, gotUpd, "value %q", v)
	}
	countBadInputs(len(values))
	s.observe("%d values, %d requests; each decoded on the server to exactly the params sent", len(values), srv.count(""))
}
