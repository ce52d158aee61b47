package main

import (
	"errors"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

const code = "exports.onExecutePostLogin = async (event, api) => {};"

// With auth0test: a fake API with real state. The test checks what the
// "tenant" looks like afterwards, not which requests were made.
func TestReleaseWithFakeAPI(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	client := srv.Client()
	ctx := t.Context()

	changed, err := Release(ctx, &client.Actions, "add-roles", code)
	if err != nil || !changed {
		t.Fatalf("first release: changed=%t err=%v", changed, err)
	}
	actions := srv.Actions()
	if len(actions) != 1 || actions[0].DeployedVersion == nil || !actions[0].AllChangesDeployed {
		t.Fatalf("want one deployed action, got %+v", actions)
	}
	if b := srv.Bindings(auth0.TriggerPostLogin); len(b) != 1 || b[0].Action.ID != actions[0].ID {
		t.Fatalf("want the action bound to post-login, got %+v", b)
	}

	// Releasing the same code again is a no-op: only reads.
	srv.ResetRequests()
	changed, err = Release(ctx, &client.Actions, "add-roles", code)
	if err != nil || changed {
		t.Fatalf("second release: changed=%t err=%v", changed, err)
	}
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			t.Errorf("second release wrote: %s %s", r.Method, r.Path)
		}
	}
}

// Faults: a deploy that fails with a 503 is not retried (it could create a
// second version) and Release reports it.
func TestReleaseWhenDeployFails(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	srv.Fail(auth0test.RouteActionsDeploy, 1, http.StatusServiceUnavailable)

	_, err := Release(t.Context(), &srv.Client().Actions, "add-roles", code)
	if !errors.Is(err, auth0.ErrOutcomeUnknown) {
		t.Fatalf("want an outcome-unknown error, got %v", err)
	}
	if n := srv.RequestCount(auth0test.RouteActionsDeploy); n != 1 {
		t.Fatalf("deploy was sent %d times, want 1", n)
	}
}

// With httpmock: script the exact exchanges. Good for one request; for a
// workflow like Release, the fake API above is far less brittle.
func TestGetActionWithHTTPMock(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	tr.RegisterResponder(http.MethodGet, "https://example.us.auth0.com/api/v2/actions/actions/act_1",
		httpmock.NewStringResponder(http.StatusOK, `{"id":"act_1","name":"add-roles","status":"built"}`))
	client := auth0.NewClient(
		option.WithDomain("example.us.auth0.com"),
		option.WithToken("test-token"),
		option.WithHTTPClient(&http.Client{Transport: tr}),
	)
	a, err := client.Actions.Get(t.Context(), "act_1")
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "add-roles" || a.Status != auth0.BuildStatusBuilt {
		t.Fatalf("got %+v", a)
	}
	if tr.GetTotalCallCount() != 1 {
		t.Fatalf("want 1 request, got %d", tr.GetTotalCallCount())
	}
}
