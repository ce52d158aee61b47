package auth0_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// msgCase is one failing call whose message is checked.
type msgCase struct {
	name string
	call func(ctx context.Context) error
}

func runMessageCases(t *testing.T, cases []msgCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.call(t.Context())
			require.Error(t, err)
			checkMessage(t, err.Error())
		})
	}
}

func TestMessagesOfValidationErrors(t *testing.T) {
	t.Parallel()
	// Nothing is sent: a transport that fails the test if it is used.
	tr := httpmock.NewMockTransport()
	tr.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		t.Errorf("sent %s %s", req.Method, req.URL)
		return nil, errors.New("unexpected request")
	})
	c := newTestClient(tr)
	a, m := &c.Actions, &c.Actions.Modules
	nul := "bad\x00name"
	first := func(err error) error { return err }
	runMessageCases(t, []msgCase{
		{"ActionNewParams name", func(ctx context.Context) error { _, err := a.New(ctx, auth0.ActionNewParams{}); return err }},
		{"ActionNewParams triggers", func(ctx context.Context) error {
			_, err := a.New(ctx, auth0.ActionNewParams{Name: "x"})
			return err
		}},
		{"ActionNewParams trigger ID", func(ctx context.Context) error {
			_, err := a.New(ctx, auth0.ActionNewParams{Name: "x", SupportedTriggers: []auth0.Trigger{{}}})
			return err
		}},
		{"ActionNewParams secrets twice", func(ctx context.Context) error {
			_, err := a.New(ctx, auth0.ActionNewParams{Name: "x", SupportedTriggers: postLoginV3,
				Secrets: []auth0.ActionSecretParam{{Name: "K", Value: "1"}, {Name: "K", Value: "2"}}})
			return err
		}},
		{"ActionNewParams module without id or name", func(ctx context.Context) error {
			_, err := a.New(ctx, auth0.ActionNewParams{Name: "x", SupportedTriggers: postLoginV3,
				Modules: []auth0.ActionModuleReference{{ModuleVersionNumber: 1}}})
			return err
		}},
		{"ActionUpdateParams name", func(ctx context.Context) error {
			_, err := a.Update(ctx, "act_1", auth0.ActionUpdateParams{Name: auth0.String("")})
			return err
		}},
		{"ActionUpdateParams triggers", func(ctx context.Context) error {
			_, err := a.Update(ctx, "act_1", auth0.ActionUpdateParams{SupportedTriggers: []auth0.Trigger{}})
			return err
		}},
		{"ActionUpdateParams secret name", func(ctx context.Context) error {
			_, err := a.Update(ctx, "act_1", auth0.ActionUpdateParams{Secrets: []auth0.ActionSecretParam{{Value: "v"}}})
			return err
		}},
		{"ActionListParams name", func(ctx context.Context) error {
			_, err := a.List(ctx, auth0.ActionListParams{ActionName: auth0.String("")})
			return err
		}},
		{"ActionListParams trigger", func(ctx context.Context) error {
			_, err := a.List(ctx, auth0.ActionListParams{TriggerID: auth0.Ptr(auth0.TriggerID(""))})
			return err
		}},
		{"ActionListParams per page", func(ctx context.Context) error {
			_, err := a.List(ctx, auth0.ActionListParams{PerPage: auth0.Int(101)})
			return err
		}},
		{"ActionListParams page, auto-paging", func(ctx context.Context) error {
			for _, err := range a.ListAutoPaging(ctx, auth0.ActionListParams{Page: auth0.Int(-1)}).All() {
				return first(err)
			}
			return nil
		}},
		{"ActionTestParams", func(ctx context.Context) error {
			_, err := a.Test(ctx, "act_1", auth0.ActionTestParams{})
			return err
		}},
		{"empty action ID", func(ctx context.Context) error { _, err := a.Get(ctx, ""); return err }},
		{"dot-dot action ID", func(ctx context.Context) error { return a.Delete(ctx, "..", auth0.ActionDeleteParams{}) }},
		{"empty execution ID", func(ctx context.Context) error { _, err := a.Executions.Get(ctx, ""); return err }},
		{"ActionVersionListParams", func(ctx context.Context) error {
			_, err := a.Versions.List(ctx, "act_1", auth0.ActionVersionListParams{PerPage: auth0.Int(0)})
			return err
		}},
		{"empty version ID", func(ctx context.Context) error {
			_, err := a.Versions.Deploy(ctx, "act_1", "", auth0.ActionVersionDeployParams{})
			return err
		}},
		{"BindingListParams", func(ctx context.Context) error {
			_, err := a.Triggers.Bindings.List(ctx, auth0.TriggerPostLogin, auth0.BindingListParams{Page: auth0.Int(-2)})
			return err
		}},
		{"BindingUpdateParams ref type", func(ctx context.Context) error {
			_, err := a.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{{}}})
			return err
		}},
		{"BindingUpdateParams ref value", func(ctx context.Context) error {
			_, err := a.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{
				Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID}}}})
			return err
		}},
		{"empty trigger ID", func(ctx context.Context) error {
			_, err := a.Triggers.Bindings.List(ctx, "", auth0.BindingListParams{})
			return err
		}},
		{"ModuleNewParams name", func(ctx context.Context) error { _, err := m.New(ctx, auth0.ModuleNewParams{}); return err }},
		{"ModuleNewParams code", func(ctx context.Context) error {
			_, err := m.New(ctx, auth0.ModuleNewParams{Name: "m"})
			return err
		}},
		{"ModuleNewParams NUL", func(ctx context.Context) error {
			_, err := m.New(ctx, auth0.ModuleNewParams{Name: nul, Code: "x"})
			return err
		}},
		{"ModuleNewParams secret value", func(ctx context.Context) error {
			_, err := m.New(ctx, auth0.ModuleNewParams{Name: "m", Code: "x",
				Secrets: []auth0.ActionSecretParam{{Name: "K", Value: strings.Repeat("v", 4097)}}})
			return err
		}},
		{"ModuleNewParams dependency version", func(ctx context.Context) error {
			_, err := m.New(ctx, auth0.ModuleNewParams{Name: "m", Code: "x",
				Dependencies: []auth0.ActionModuleDependency{{Name: "lodash"}}})
			return err
		}},
		{"ModuleUpdateParams", func(ctx context.Context) error {
			_, err := m.Update(ctx, "mod_1", auth0.ModuleUpdateParams{Code: auth0.String(nul)})
			return err
		}},
		{"ModuleListParams", func(ctx context.Context) error {
			_, err := m.List(ctx, auth0.ModuleListParams{PerPage: auth0.Int(0)})
			return err
		}},
		{"ModuleActionListParams", func(ctx context.Context) error {
			_, err := m.ListActions(ctx, "mod_1", auth0.ModuleActionListParams{Page: auth0.Int(-1)})
			return err
		}},
		{"ModuleRollbackParams", func(ctx context.Context) error {
			_, err := m.Rollback(ctx, "mod_1", auth0.ModuleRollbackParams{})
			return err
		}},
		{"ModuleVersionListParams", func(ctx context.Context) error {
			_, err := m.Versions.List(ctx, "mod_1", auth0.ModuleVersionListParams{PerPage: auth0.Int(500)})
			return err
		}},
		{"empty module version ID", func(ctx context.Context) error {
			_, err := m.Versions.Get(ctx, "mod_1", "")
			return err
		}},
		{"Upsert params", func(ctx context.Context) error { _, err := a.Upsert(ctx, auth0.ActionUpsertParams{}); return err }},
		{"Upsert triggers", func(ctx context.Context) error {
			_, err := a.Upsert(ctx, auth0.ActionUpsertParams{Name: "x"})
			return err
		}},
		{"GetByName", func(ctx context.Context) error { _, err := a.GetByName(ctx, ""); return err }},
		{"Bindings.Add action", func(ctx context.Context) error {
			_, err := a.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{})
			return err
		}},
		{"Bindings.Add position", func(ctx context.Context) error {
			_, err := a.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: "a", Position: auth0.Int(-1)})
			return err
		}},
		{"Bindings.Add trigger", func(ctx context.Context) error {
			_, err := a.Triggers.Bindings.Add(ctx, "", auth0.BindingAddParams{ActionID: "a"})
			return err
		}},
		{"Bindings.Remove", func(ctx context.Context) error {
			_, err := a.Triggers.Bindings.Remove(ctx, auth0.TriggerPostLogin, "")
			return err
		}},
		{"Bindings.Move", func(ctx context.Context) error {
			_, err := a.Triggers.Bindings.Move(ctx, auth0.TriggerPostLogin, "a", -1)
			return err
		}},
		{"Bindings.Move trigger", func(ctx context.Context) error {
			_, err := a.Triggers.Bindings.Move(ctx, "", "a", 0)
			return err
		}},
		{"Bindings.Remove trigger", func(ctx context.Context) error {
			_, err := a.Triggers.Bindings.Remove(ctx, "", "a")
			return err
		}},
		{"BindingUpdateParams nil bindings", func(ctx context.Context) error {
			_, err := a.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{})
			return err
		}},
		{"Upsert WithWaitTimeout", func(ctx context.Context) error {
			_, err := a.Upsert(ctx, auth0.ActionUpsertParams{Name: "x", SupportedTriggers: postLoginV3}, option.WithWaitTimeout(-1))
			return err
		}},
		{"Bindings.Add WithWaitTimeout", func(ctx context.Context) error {
			_, err := a.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: "a"}, option.WithWaitTimeout(0))
			return err
		}},
		{"Rollout version number", func(ctx context.Context) error {
			_, err := m.Rollout(ctx, "mod_1", auth0.ModuleRolloutParams{VersionNumber: -1})
			return err
		}},
		{"Rollout module", func(ctx context.Context) error {
			_, err := m.Rollout(ctx, "", auth0.ModuleRolloutParams{})
			return err
		}},
	})
}

// TestMessagesOfBindingAndDeadlineErrors covers the errors of the bind
// race, entity-bound triggers and the whole-call deadline, from every path
// that produces them, and the error types built by hand.
func TestMessagesOfBindingAndDeadlineErrors(t *testing.T) {
	t.Parallel()
	notDeployed := func() *auth0.Client {
		srv, c := newBindServer(t, option.WithWaitTimeout(time.Second))
		refuseThenHold(srv, 1)
		return c
	}()
	entityPatch := func() *auth0.Client {
		srv, c := newBindServer(t)
		refuseBindings(srv, -1, "entity-bound trigger")
		return c
	}()
	entityList := func() *auth0.Client {
		srv, c := newBindServer(t)
		srv.Inject(auth0test.RouteBindingsList, auth0test.Fault{Times: -1, Status: http.StatusBadRequest, Message: msgEntityBoundList})
		return c
	}()
	_, tenant := newBindServer(t)
	blocking := func() *auth0.Client {
		tr := httpmock.NewMockTransport()
		tr.RegisterNoResponder(blockUntilDone)
		return newTestClient(tr, fastPolling, option.WithMaxRetries(0), option.WithWaitTimeout(20*time.Millisecond))
	}()
	noTriggers := func() *auth0.Client {
		tr, _ := recordAll(respondWith(http.StatusForbidden, `{"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected: read:actions"}`))
		return newTestClient(tr, option.WithMaxRetries(0))
	}()
	add := func(c *auth0.Client, trigger auth0.TriggerID) func(context.Context) error {
		return func(ctx context.Context) error {
			_, err := c.Actions.Triggers.Bindings.Add(ctx, trigger, auth0.BindingAddParams{ActionID: "act1"})
			return err
		}
	}
	want := func(target error, call func(context.Context) error) func(context.Context) error {
		return func(ctx context.Context) error {
			err := call(ctx)
			if !errors.Is(err, target) {
				return fmt.Errorf("want %v, got %v", target, err)
			}
			return err
		}
	}
	upsert := func(c *auth0.Client, trigger auth0.TriggerID, dry bool) func(context.Context) error {
		return func(ctx context.Context) error {
			_, err := c.Actions.Upsert(ctx, auth0.ActionUpsertParams{Name: "x", SupportedTriggers: []auth0.Trigger{{ID: trigger}},
				Bind: true, DryRun: dry})
			return err
		}
	}
	runMessageCases(t, []msgCase{
		{"Add, never deployed", want(auth0.ErrActionNotDeployed, add(notDeployed, auth0.TriggerPostLogin))},
		{"Add, entity-bound by the list", want(auth0.ErrEntityBoundTrigger, add(tenant, auth0.TriggerCustomTokenExchange))},
		{"Add, entity-bound by the server's list answer", want(auth0.ErrEntityBoundTrigger, add(entityList, auth0.TriggerPostLogin))},
		{"Add, entity-bound by the server's PATCH answer", want(auth0.ErrEntityBoundTrigger, add(entityPatch, auth0.TriggerPostLogin))},
		{"Remove, entity-bound", want(auth0.ErrEntityBoundTrigger, func(ctx context.Context) error {
			_, err := tenant.Actions.Triggers.Bindings.Remove(ctx, auth0.TriggerCustomTokenExchange, "a")
			return err
		})},
		{"Move, entity-bound by the server", want(auth0.ErrEntityBoundTrigger, func(ctx context.Context) error {
			_, err := entityList.Actions.Triggers.Bindings.Move(ctx, auth0.TriggerPostLogin, "a", 0)
			return err
		})},
		{"Upsert with Bind, entity-bound", want(auth0.ErrEntityBoundTrigger, upsert(tenant, auth0.TriggerCustomTokenExchange, false))},
		{"Upsert dry run with Bind, entity-bound by the server", want(auth0.ErrEntityBoundTrigger, upsert(entityList, auth0.TriggerPostLogin, true))},
		{"Add, trigger list refused", want(auth0.ErrForbidden, add(noTriggers, auth0.TriggerPostLogin))},
		{"Add, deadline", want(auth0.ErrWaitTimeout, add(blocking, auth0.TriggerPostLogin))},
		{"WaitUntilBuilt, deadline during a read", want(auth0.ErrWaitTimeout, func(ctx context.Context) error {
			_, err := blocking.Actions.WaitUntilBuilt(ctx, "act1")
			return err
		})},
		{"DeployAndWait, deadline", want(auth0.ErrWaitTimeout, func(ctx context.Context) error {
			_, err := blocking.Actions.DeployAndWait(ctx, "act1")
			return err
		})},
		{"Upsert, deadline", want(auth0.ErrWaitTimeout, func(ctx context.Context) error {
			_, err := blocking.Actions.Upsert(ctx, auth0.ActionUpsertParams{Name: "x", SupportedTriggers: postLoginV3})
			return err
		})},
		{"Rollout, deadline of an action", want(auth0.ErrWaitTimeout, func(ctx context.Context) error {
			tr := httpmock.NewMockTransport()
			tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/modules/mod1/versions/mv2", respondWith(http.StatusOK, `{"id":"mv2","version_number":2}`))
			tr.RegisterResponder(http.MethodGet, `=~^`+testBaseURL+`actions/modules/mod1/actions`, respondWith(http.StatusOK,
				`{"actions":[{"action_id":"a1","action_name":"one"}],"per_page":100}`))
			tr.RegisterNoResponder(blockUntilDone)
			c := newTestClient(tr, fastPolling, option.WithMaxRetries(0), option.WithWaitTimeout(20*time.Millisecond))
			_, err := c.Actions.Modules.Rollout(ctx, "mod1", auth0.ModuleRolloutParams{VersionID: "mv2"})
			return err
		})},
		{"Rollout, undeployed changes", want(auth0.ErrUndeployedChanges, func(ctx context.Context) error {
			tr := httpmock.NewMockTransport()
			tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/modules/mod1/versions/mv2", respondWith(http.StatusOK, `{"id":"mv2","version_number":2}`))
			tr.RegisterResponder(http.MethodGet, `=~^`+testBaseURL+`actions/modules/mod1/actions`, respondWith(http.StatusOK,
				`{"actions":[{"action_id":"a1","action_name":"one"}],"per_page":100}`))
			tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions/a1", respondWith(http.StatusOK, `{"id":"a1","name":"one","code":"new",
				"all_changes_deployed":false,"modules":[{"module_id":"mod1","module_version_id":"mv1"}],
				"deployed_version":{"id":"v1","code":"old","modules":[{"module_id":"mod1","module_version_id":"mv1"}]}}`))
			c := newTestClient(tr, fastPolling, option.WithMaxRetries(0))
			_, err := c.Actions.Modules.Rollout(ctx, "mod1", auth0.ModuleRolloutParams{VersionID: "mv2", Deploy: true})
			return err
		})},
		{"ActionNotDeployedError by hand", func(context.Context) error {
			return &auth0.ActionNotDeployedError{ActionID: "act1", ActionName: "n", Trigger: auth0.TriggerPostLogin, Attempts: 2}
		}},
		{"ActionNotDeployedError wrapping an *Error by hand", func(context.Context) error {
			return &auth0.ActionNotDeployedError{ActionID: "act1", Err: &auth0.Error{StatusCode: 400, Message: "m"}}
		}},
		{"EntityBoundTriggerError by hand", func(context.Context) error {
			return &auth0.EntityBoundTriggerError{Trigger: auth0.TriggerEventStream}
		}},
		{"EntityBoundTriggerError wrapping an error with our prefix", func(context.Context) error {
			return &auth0.EntityBoundTriggerError{Trigger: auth0.TriggerEventStream, Err: errors.New("auth0: refused")}
		}},
		{"ErrNilBindings", func(context.Context) error { return auth0.ErrNilBindings }},
		{"ErrActionNotDeployed", func(context.Context) error { return auth0.ErrActionNotDeployed }},
		{"ErrEntityBoundTrigger", func(context.Context) error { return auth0.ErrEntityBoundTrigger }},
	})
}

func TestMessagesOfOptionErrors(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	tr.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		t.Errorf("sent %s %s", req.Method, req.URL)
		return nil, errors.New("unexpected request")
	})
	c := newTestClient(tr)
	get := func(opts ...option.RequestOption) func(context.Context) error {
		return func(ctx context.Context) error { _, err := c.Actions.Get(ctx, "act_1", opts...); return err }
	}
	update := func(opts ...option.RequestOption) func(context.Context) error {
		return func(ctx context.Context) error {
			_, err := c.Actions.Update(ctx, "act_1", auth0.ActionUpdateParams{Name: auth0.String("n")}, opts...)
			return err
		}
	}
	runMessageCases(t, []msgCase{
		{"WithDomain scheme", get(option.WithDomain("https://tenant.auth0.com"))},
		{"WithDomain port", get(option.WithDomain("tenant.auth0.com:0"))},
		{"WithBaseURL scheme", get(option.WithBaseURL("ftp://proxy.example/"))},
		{"WithBaseURL plain http", get(option.WithBaseURL("http://proxy.example/api/v2/"))},
		{"WithToken", get(option.WithToken(""))},
		{"WithClientCredentials", get(option.WithClientCredentials("id", ""))},
		{"WithTokenSource", get(option.WithTokenSource(nil))},
		{"WithHTTPClient", get(option.WithHTTPClient(nil))},
		{"WithMaxRetries", get(option.WithMaxRetries(-1))},
		{"WithRetryWait", get(option.WithRetryWait(time.Second, time.Millisecond))},
		{"WithRequestTimeout", get(option.WithRequestTimeout(-time.Second))},
		{"WithMaxResponseSize", get(option.WithMaxResponseSize(0))},
		{"WithHeader name", get(option.WithHeader("", "v"))},
		{"WithHeaderAdd value", get(option.WithHeaderAdd("X-A", "a\r\nb"))},
		{"WithQuery", get(option.WithQuery("", "v"))},
		{"WithQueryAdd", get(option.WithQueryAdd("", "v"))},
		{"WithQueryDel", get(option.WithQueryDel(""))},
		{"WithMiddleware", get(option.WithMiddleware(nil))},
		{"WithResponseInto", get(option.WithResponseInto(nil))},
		{"WithPrefetch", get(option.WithPrefetch(65))},
		{"WithPollInterval", func(ctx context.Context) error {
			_, err := c.Actions.WaitUntilBuilt(ctx, "act_1", option.WithPollInterval(0, 0))
			return err
		}},
		{"WithWaitTimeout", func(ctx context.Context) error {
			_, err := c.Actions.DeployAndWait(ctx, "act_1", option.WithWaitTimeout(0))
			return err
		}},
		{"WithJSONSet empty segment", update(option.WithJSONSet("a..b", 1))},
		{"WithJSONSet value", update(option.WithJSONSet("a", func() {}))},
		{"WithJSONSet through a string", update(option.WithJSONSet("name.first", "x"))},
		{"WithJSONSet index", update(option.WithJSONSet("secrets", []string{}), option.WithJSONSet("secrets.x", "v"))},
		{"WithJSONSet past the end", update(option.WithJSONSet("secrets", []string{}), option.WithJSONSet("secrets.1", "v"))},
		{"WithJSONDelete through a string", update(option.WithJSONDelete("name.first"))},
		{"WithJSONDelete empty", update(option.WithJSONDelete(""))},
		{"WithJSONSet on GET", get(option.WithJSONSet("a", 1))},
	})
}

func TestMessagesOfHTTPAndTransportErrors(t *testing.T) {
	t.Parallel()
	respond := func(r httpmock.Responder, opts ...option.RequestOption) *auth0.Client {
		tr, _ := recordAll(r)
		return newTestClient(tr, append([]option.RequestOption{option.WithMaxRetries(0)}, opts...)...)
	}
	notFound := respond(respondWith(http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"That action does not exist."}`))
	badRequest := respond(respondWith(http.StatusBadRequest, `{"statusCode":400,"error":"Bad Request","message":"Payload validation error","errorCode":"invalid_body"}`))
	limited := respond(respondWith(http.StatusTooManyRequests, ""))
	html := respond(respondWith(http.StatusBadGateway, "<html>502</html>"))
	broken := respond(httpmock.NewErrorResponder(errors.New("connection reset by peer")))
	brokenRetried := func() *auth0.Client {
		tr, _ := recordAll(httpmock.NewErrorResponder(errors.New("connection reset by peer")))
		return newTestClient(tr, option.WithMaxRetries(2))
	}()
	prefixed := respond(httpmock.NewErrorResponder(errors.New("auth0: an error that says auth0 itself")))
	redirect := respond(respondWith(http.StatusFound, "", "Location", "https://elsewhere.example/api/v2/actions/actions/act_1"))
	large := respond(respondWith(http.StatusOK, `{"id":"act_1","name":"`+strings.Repeat("x", 200)+`"}`), option.WithMaxResponseSize(64))
	notJSON := respond(respondWith(http.StatusOK, "<html>ok</html>"))
	empty := respond(respondWith(http.StatusOK, ""))
	badTotal := respond(respondWith(http.StatusOK, `{"actions":[],"total":1.5}`))
	failingMiddleware := respond(respondWith(http.StatusOK, minimalActionJSON), option.WithMiddleware(
		func(*http.Request, option.MiddlewareNext) (*http.Response, error) {
			return nil, errors.New("auth0: refused by my middleware")
		}))

	runMessageCases(t, []msgCase{
		{"404", func(ctx context.Context) error { _, err := notFound.Actions.Get(ctx, "act_1"); return err }},
		{"404 from a list", func(ctx context.Context) error {
			_, err := notFound.Actions.Versions.List(ctx, "act_1", auth0.ActionVersionListParams{})
			return err
		}},
		{"404 from auto-paging", func(ctx context.Context) error {
			for _, err := range notFound.Actions.ListAutoPaging(ctx, auth0.ActionListParams{}).All() {
				return err
			}
			return nil
		}},
		{"400 with errorCode", func(ctx context.Context) error {
			_, err := badRequest.Actions.Update(ctx, "act_1", auth0.ActionUpdateParams{Code: auth0.String("x")})
			return err
		}},
		{"429 without rate-limit headers", func(ctx context.Context) error { _, err := limited.Actions.Get(ctx, "act_1"); return err }},
		{"502 to a create: outcome unknown", func(ctx context.Context) error {
			_, err := html.Actions.New(ctx, auth0.ActionNewParams{Name: "x", SupportedTriggers: postLoginV3})
			return err
		}},
		{"502 to a deploy", func(ctx context.Context) error { _, err := html.Actions.Deploy(ctx, "act_1"); return err }},
		{"connection error", func(ctx context.Context) error { _, err := broken.Actions.Get(ctx, "act_1"); return err }},
		{"connection error after retries", func(ctx context.Context) error {
			_, err := brokenRetried.Actions.Get(ctx, "act_1")
			return err
		}},
		{"connection error on a create", func(ctx context.Context) error {
			_, err := broken.Actions.New(ctx, auth0.ActionNewParams{Name: "x", SupportedTriggers: postLoginV3})
			return err
		}},
		{"transport error with our prefix", func(ctx context.Context) error { _, err := prefixed.Actions.Get(ctx, "act_1"); return err }},
		{"redirect to another host", func(ctx context.Context) error { _, err := redirect.Actions.Get(ctx, "act_1"); return err }},
		{"response too large", func(ctx context.Context) error { _, err := large.Actions.Get(ctx, "act_1"); return err }},
		{"body not JSON", func(ctx context.Context) error { _, err := notJSON.Actions.Get(ctx, "act_1"); return err }},
		{"empty body", func(ctx context.Context) error { _, err := empty.Actions.Get(ctx, "act_1"); return err }},
		{"total not an integer", func(ctx context.Context) error {
			_, err := badTotal.Actions.List(ctx, auth0.ActionListParams{})
			return err
		}},
		{"middleware error", func(ctx context.Context) error { _, err := failingMiddleware.Actions.Get(ctx, "act_1"); return err }},
		{"raw call through Execute", func(ctx context.Context) error {
			return notFound.Get(ctx, "/actions/modules/mod_1", nil, nil)
		}},
	})
}

func TestMessagesOfTokenAndContextErrors(t *testing.T) {
	t.Parallel()
	tokenRefused := func() *auth0.Client {
		tr := httpmock.NewMockTransport()
		tr.RegisterResponder(http.MethodPost, testTokenURL, respondWith(http.StatusUnauthorized, `{"error":"access_denied","error_description":"Unauthorized"}`))
		return newCredentialsClient(tr, option.WithMaxRetries(0))
	}()
	tokenBroken := func() *auth0.Client {
		tr := httpmock.NewMockTransport()
		tr.RegisterResponder(http.MethodPost, testTokenURL, httpmock.NewErrorResponder(errors.New("connection refused")))
		return newCredentialsClient(tr, option.WithMaxRetries(0))
	}()
	ok := func() *auth0.Client {
		// One action per page, a different one on each.
		tr, _ := recordAll(func(req *http.Request) (*http.Response, error) {
			page := req.URL.Query().Get("page")
			return respondWith(http.StatusOK, `{"actions":[{"id":"a`+page+`"}],"page":`+page+`,"per_page":1}`)(req)
		})
		return newTestClient(tr)
	}()
	source := func(err error, tok *oauth2.Token) *auth0.Client {
		tr, _ := recordAll(respondWith(http.StatusOK, minimalActionJSON))
		return newTestClient(tr, option.WithTokenSource(tokenSourceFunc(func() (*oauth2.Token, error) { return tok, err })))
	}
	canceled := func(ctx context.Context) context.Context {
		ctx, cancel := context.WithCancel(ctx)
		cancel()
		return ctx
	}
	runMessageCases(t, []msgCase{
		{"token endpoint 401", func(ctx context.Context) error { _, err := tokenRefused.Actions.Get(ctx, "act_1"); return err }},
		{"token endpoint unreachable", func(ctx context.Context) error { _, err := tokenBroken.Actions.Get(ctx, "act_1"); return err }},
		{"token source error with our prefix", func(ctx context.Context) error {
			_, err := source(errors.New("auth0: my source"), nil).Actions.Get(ctx, "act_1")
			return err
		}},
		{"token source error", func(ctx context.Context) error {
			_, err := source(errors.New("vault sealed"), nil).Actions.Get(ctx, "act_1")
			return err
		}},
		{"token source empty token", func(ctx context.Context) error {
			_, err := source(nil, &oauth2.Token{}).Actions.Get(ctx, "act_1")
			return err
		}},
		{"no credentials", func(ctx context.Context) error {
			_, err := auth0.NewClient(option.WithDomain(testDomain)).Actions.Get(ctx, "act_1", option.WithHeaderDel("Authorization"))
			return err
		}},
		{"cancelled before the call", func(ctx context.Context) error { _, err := ok.Actions.Get(canceled(ctx), "act_1"); return err }},
		{"cancelled before a list", func(ctx context.Context) error {
			_, err := ok.Actions.List(canceled(ctx), auth0.ActionListParams{})
			return err
		}},
		{"cancelled during auto-paging", func(ctx context.Context) error {
			ctx, cancel := context.WithCancel(ctx)
			defer cancel()
			for _, err := range ok.Actions.ListAutoPaging(ctx, auth0.ActionListParams{PerPage: auth0.Int(1)}).All() {
				if err != nil {
					return err
				}
				cancel()
			}
			return nil
		}},
		{"cancelled during prefetch", func(ctx context.Context) error {
			ctx, cancel := context.WithCancel(ctx)
			defer cancel()
			for _, err := range ok.Actions.ListAutoPaging(ctx, auth0.ActionListParams{PerPage: auth0.Int(1)}, option.WithPrefetch(2)).All() {
				if err != nil {
					return err
				}
				cancel()
			}
			return nil
		}},
		{"cancelled bindings edit", func(ctx context.Context) error {
			_, err := ok.Actions.Triggers.Bindings.Add(canceled(ctx), auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: "a"})
			return err
		}},
	})
}

func TestMessagesOfWorkflowHelpers(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	srv.FailBuilds("msg-broken")
	broken := createAction(t, srv, "msg-broken")
	slow := auth0test.NewServer(t, auth0test.WithBuildDelay(time.Hour))
	slowAction := createAction(t, slow, "msg-slow")
	failing := auth0test.NewServer(t)
	failing.Fail(auth0test.RouteAny, 1000, http.StatusInternalServerError)
	c, slowClient, failingClient := srv.Client(fastPolling), slow.Client(fastPolling), failing.Client(fastPolling, option.WithMaxRetries(0))

	// A version that failed to build, and bindings that never keep a change.
	tr := httpmock.NewMockTransport()
	base := testBaseURL + "actions/actions/act1"
	tr.RegisterResponder(http.MethodGet, base, respondWith(http.StatusOK, `{"id":"act1","status":"built"}`))
	tr.RegisterResponder(http.MethodPost, base+"/deploy", respondWith(http.StatusOK, `{"id":"ver1","number":1,"status":"building"}`))
	tr.RegisterResponder(http.MethodGet, base+"/versions/ver1", respondWith(http.StatusOK,
		`{"id":"ver1","status":"failed","errors":[{"id":"err_npm","msg":"npm install failed for lodash@9.9.9","url":"https://example.com/logs"}]}`))
	tr.RegisterResponder(http.MethodGet, `=~^`+testBaseURL+`actions/triggers/post-login/bindings`, respondWith(http.StatusOK, `{"bindings":[],"per_page":100}`))
	tr.RegisterResponder(http.MethodPatch, testBaseURL+"actions/triggers/post-login/bindings", respondWith(http.StatusOK, `{"bindings":[]}`))
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/triggers", respondWith(http.StatusOK, bindTriggersJSON))
	tr.RegisterResponder(http.MethodGet, `=~^`+testBaseURL+`actions/actions\?`, respondWith(http.StatusOK,
		`{"actions":[{"id":"a1","name":"twin"},{"id":"a2","name":"twin"}],"per_page":100}`))
	mocked := newTestClient(tr, fastPolling)

	cases := []msgCase{
		{"WaitUntilBuilt, failed draft", func(ctx context.Context) error { _, err := c.Actions.WaitUntilBuilt(ctx, broken.ID); return err }},
		{"DeployAndWait, failed draft", func(ctx context.Context) error { _, err := c.Actions.DeployAndWait(ctx, broken.ID); return err }},
		{"DeployAndWait, failed version", func(ctx context.Context) error { _, err := mocked.Actions.DeployAndWait(ctx, "act1"); return err }},
		{"WaitUntilBuilt, timeout", func(ctx context.Context) error {
			_, err := slowClient.Actions.WaitUntilBuilt(ctx, slowAction.ID, option.WithWaitTimeout(20*time.Millisecond))
			return err
		}},
		{"WaitUntilBuilt, cancelled", func(ctx context.Context) error {
			ctx, cancel := context.WithCancel(ctx)
			time.AfterFunc(10*time.Millisecond, cancel)
			_, err := slowClient.Actions.WaitUntilBuilt(ctx, slowAction.ID)
			return err
		}},
		{"WaitUntilBuilt, missing action", func(ctx context.Context) error { _, err := c.Actions.WaitUntilBuilt(ctx, "nope"); return err }},
		{"GetByName, no match", func(ctx context.Context) error { _, err := c.Actions.GetByName(ctx, "no-such-name"); return err }},
		{"GetByName, two matches", func(ctx context.Context) error { _, err := mocked.Actions.GetByName(ctx, "twin"); return err }},
		{"GetByName, failing server", func(ctx context.Context) error { _, err := failingClient.Actions.GetByName(ctx, "x"); return err }},
		{"Upsert, failing server", func(ctx context.Context) error {
			_, err := failingClient.Actions.Upsert(ctx, auth0.ActionUpsertParams{Name: "x", SupportedTriggers: postLoginV3})
			return err
		}},
		{"Bindings.Add, failing server", func(ctx context.Context) error {
			_, err := failingClient.Actions.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: "a"})
			return err
		}},
		{"Bindings.Add, change never kept", func(ctx context.Context) error {
			_, err := mocked.Actions.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: "a"})
			if !errors.Is(err, auth0.ErrBindingsConflict) {
				return fmt.Errorf("want ErrBindingsConflict, got %v", err)
			}
			return err
		}},
		{"Bindings.Remove, not bound", func(ctx context.Context) error {
			_, err := c.Actions.Triggers.Bindings.Remove(ctx, auth0.TriggerPostLogin, "not-bound")
			return err
		}},
		{"Bindings.Move, not bound", func(ctx context.Context) error {
			_, err := c.Actions.Triggers.Bindings.Move(ctx, auth0.TriggerPostLogin, "not-bound", 0)
			return err
		}},
	}
	runMessageCases(t, cases)
}

// TestMessagesSayWhatTheyMean pins the wording of the messages the rules
// above reshaped: context added once, and where to look for a failed build.
func TestMessagesSayWhatTheyMean(t *testing.T) {
	t.Parallel()
	draft := (&auth0.BuildError{ActionID: "act_1", Status: auth0.BuildStatusFailed}).Error()
	assert.Equal(t, "auth0: build of the draft of action act_1 failed: the API does not report a draft's build errors "+
		"(only a version's, in ActionVersion.Errors); see the action in the Auth0 dashboard, and check the draft's "+
		"dependencies (each name@version must install with npm) and code", draft)
	version := &auth0.BuildError{ActionID: "act_1", VersionID: "ver_2", Status: auth0.BuildStatusFailed, Errors: []auth0.ActionError{
		{ID: "err_npm", Msg: "npm install failed for lodash@9.9.9", URL: "https://example.com/logs"}, {Msg: "second"}}}
	assert.Equal(t, "auth0: build of version ver_2 of action act_1 failed: npm install failed for lodash@9.9.9 "+
		"(err_npm, https://example.com/logs); second", version.Error())
	assert.Equal(t, "auth0: build of version ver_2 of action act_1 failed, and the API reported no build errors for it",
		(&auth0.BuildError{ActionID: "act_1", VersionID: "ver_2", Status: auth0.BuildStatusFailed}).Error())

	tr := httpmock.NewMockTransport()
	c := newTestClient(tr)
	_, err := c.Actions.Upsert(t.Context(), auth0.ActionUpsertParams{})
	assert.EqualError(t, err, "auth0: Upsert: ActionNewParams.Name is required")
	_, err = c.Actions.Get(t.Context(), "act_1", option.WithDomain("tenant.auth0.com:443x"))
	assert.EqualError(t, err, `auth0: option.WithDomain: domain "tenant.auth0.com:443x" has a bad port "443x": give a number from 1 to 65535, or no port`)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = c.Actions.Get(ctx, "act_1")
	assert.EqualError(t, err, "auth0: GET "+testBaseURL+"actions/actions/act_1: context canceled")
	assert.ErrorIs(t, err, context.Canceled)
	_, err = c.Actions.List(ctx, auth0.ActionListParams{})
	assert.EqualError(t, err, "auth0: GET "+testBaseURL+"actions/actions?page=0&per_page=50: context canceled")
	assert.Equal(t, 0, tr.GetTotalCallCount(), "nothing is sent once the context is done")

	tr.RegisterNoResponder(httpmock.NewErrorResponder(errors.New("connection reset by peer")))
	_, err = c.Actions.Get(t.Context(), "act_1", option.WithMaxRetries(1))
	assert.EqualError(t, err, "auth0: GET "+testBaseURL+"actions/actions/act_1 (after 2 attempts): connection reset by peer")
}

// TestMessagesOfWrappedCallersErrors checks that wrapping by a caller, as
// users do, keeps errors.Is and errors.As working on every kind.
func TestMessagesOfWrappedCallersErrors(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	tr.RegisterResponder(http.MethodPost, testTokenURL, respondWith(http.StatusUnauthorized, `{"error":"access_denied","error_description":"Unauthorized"}`))
	_, err := newCredentialsClient(tr, option.WithMaxRetries(0)).Actions.Get(t.Context(), "act_1")
	require.Error(t, err)
	checkMessage(t, err.Error())
	assert.Contains(t, err.Error(), "fetching an access token for client "+testClientID+" failed")
	assert.Contains(t, err.Error(), "POST "+testTokenURL+": 401")
	wrapped := fmt.Errorf("deploying: %w", err)
	var apiErr *auth0.Error
	require.ErrorAs(t, wrapped, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	assert.Nil(t, apiErr.RateLimit, "no x-ratelimit-* headers: nil, as documented")
	assert.ErrorIs(t, wrapped, auth0.ErrUnauthorized)
}
