package auth0test_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// TestBuildStatuses: a running build shows the statuses given, one per
// read, as live builds pass through retrying and packaged; a deploy in
// the meantime is the live 400; an update starts over; a failing build
// goes through them too.
func TestBuildStatuses(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildStatuses(auth0.BuildStatusBuilding, auth0.BuildStatusRetrying,
		auth0.BuildStatusRetrying, auth0.BuildStatusPackaged))
	c := srv.Client()
	ctx := t.Context()
	a, err := c.Actions.New(ctx, newParams("statuses"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != auth0.BuildStatusPending {
		t.Errorf("create answers %q, want pending", a.Status)
	}
	reads := func(n int) []auth0.BuildStatus {
		var out []auth0.BuildStatus
		for range n {
			got, err := c.Actions.Get(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, got.Status)
			if got.Status != auth0.BuildStatusBuilt {
				_, err := c.Actions.Deploy(ctx, a.ID)
				wantAPIError(t, err, http.StatusBadRequest, "", "A draft must be in the 'built' state before it can be deployed.")
			}
		}
		return out
	}
	want := []auth0.BuildStatus{auth0.BuildStatusBuilding, auth0.BuildStatusRetrying, auth0.BuildStatusRetrying,
		auth0.BuildStatusPackaged, auth0.BuildStatusBuilt}
	if got := reads(5); !slices.Equal(got, want) {
		t.Errorf("statuses = %v, want %v", got, want)
	}
	if _, err := c.Actions.Deploy(ctx, a.ID); err != nil {
		t.Fatalf("deploy once built: %v", err)
	}
	// An update builds again, through the same statuses; so does a build
	// that fails, which ends in "failed".
	if _, err := c.Actions.Update(ctx, a.ID, auth0.ActionUpdateParams{Code: auth0.String("// " + auth0test.FailBuildMarker)}); err != nil {
		t.Fatal(err)
	}
	want[4] = auth0.BuildStatusFailed
	if got := reads(5); !slices.Equal(got, want) {
		t.Errorf("statuses of a failing build = %v, want %v", got, want)
	}

	// More reads than statuses: the last one repeats.
	srv2 := auth0test.NewServer(t, auth0test.WithBuildStatuses(auth0.BuildStatusRetrying), auth0test.WithBuildAfterReads(3))
	b := srv2.AddAction(newParams("long"))
	var got []auth0.BuildStatus
	for range 3 {
		x, err := srv2.Client().Actions.Get(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, x.Status)
	}
	if want := []auth0.BuildStatus{auth0.BuildStatusRetrying, auth0.BuildStatusRetrying, auth0.BuildStatusBuilt}; !slices.Equal(got, want) {
		t.Errorf("statuses = %v, want %v", got, want)
	}

	for _, bad := range []auth0.BuildStatus{auth0.BuildStatusPending, auth0.BuildStatusBuilt, auth0.BuildStatusFailed, "queued"} {
		if _, err := auth0test.Start(auth0test.WithBuildStatuses(bad)); err == nil {
			t.Errorf("WithBuildStatuses(%q): no error", bad)
		}
	}
}

// TestHelpersWaitThroughBuildStatuses: the SDK's WaitUntilBuilt and
// DeployAndWait wait through packaged and retrying, as through building,
// and deploy only once the draft is built.
func TestHelpersWaitThroughBuildStatuses(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildStatuses(auth0.BuildStatusBuilding, auth0.BuildStatusPackaged,
		auth0.BuildStatusRetrying, auth0.BuildStatusBuilding))
	c := srv.Client(option.WithPollInterval(time.Millisecond, time.Millisecond))
	ctx := t.Context()
	a, err := c.Actions.New(ctx, newParams("waits"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Actions.WaitUntilBuilt(ctx, a.ID)
	if err != nil || got.Status != auth0.BuildStatusBuilt {
		t.Fatalf("WaitUntilBuilt = %v, %v", got, err)
	}
	if n := srv.RequestCount(auth0test.RouteActionsGet); n != 5 {
		t.Errorf("%d reads, want 5: four running statuses, then built", n)
	}

	if _, err := c.Actions.Update(ctx, a.ID, auth0.ActionUpdateParams{Code: auth0.String(codeV2)}); err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	v, err := c.Actions.DeployAndWait(ctx, a.ID)
	if err != nil || !v.Deployed || v.Number != 1 {
		t.Fatalf("DeployAndWait = %+v, %v", v, err)
	}
	var statuses []int
	for _, r := range srv.Requests() {
		statuses = append(statuses, r.Status)
	}
	if n := srv.RequestCount(auth0test.RouteActionsDeploy); n != 1 || slices.Contains(statuses, http.StatusBadRequest) {
		t.Errorf("%d deploys, statuses %v: want one deploy, once built, and no 400", n, statuses)
	}
	if n := srv.RequestCount(auth0test.RouteActionsGet); n != 5 {
		t.Errorf("%d reads before the deploy, want 5", n)
	}
}
