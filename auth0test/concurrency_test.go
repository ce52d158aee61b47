package auth0test_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// TestConcurrentUse drives one server from many goroutines, with faults
// and inspection going on, for the race detector.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildAfterReads(1))
	c := srv.Client()
	ctx := t.Context()
	const workers = 24
	var wg sync.WaitGroup
	errs := make(chan error, workers*16)
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			report := func(step string, err error) bool {
				if err != nil {
					errs <- fmt.Errorf("worker %d: %s: %w", i, step, err)
					return false
				}
				return true
			}
			a, err := c.Actions.New(ctx, newParams(fmt.Sprintf("w%02d", i)))
			if !report("create", err) {
				return
			}
			_, err = c.Actions.Get(ctx, a.ID)
			if !report("get", err) {
				return
			}
			_, err = c.Actions.Deploy(ctx, a.ID)
			if !report("deploy", err) {
				return
			}
			_, err = c.Actions.Update(ctx, a.ID, auth0.ActionUpdateParams{Code: auth0.String(codeV2)})
			if !report("update", err) {
				return
			}
			_, err = c.Actions.Get(ctx, a.ID)
			if !report("get", err) {
				return
			}
			_, err = c.Actions.Deploy(ctx, a.ID)
			if !report("deploy", err) {
				return
			}
			_, err = c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{
				Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: a.ID}}}})
			if !report("bind", err) {
				return
			}
			for _, err := range c.Actions.ListAutoPaging(ctx, auth0.ActionListParams{PerPage: auth0.Int(5)}, option.WithMaxRetries(10)).All() {
				if !report("list", err) {
					return
				}
			}
			_, err = c.Actions.Versions.List(ctx, a.ID, auth0.ActionVersionListParams{})
			report("versions", err)
			_, err = c.Actions.Test(ctx, a.ID, auth0.ActionTestParams{Payload: map[string]any{}})
			report("test", err)
		}()
	}
	// Meanwhile: inspection, and one 503 at a time, spaced out so that no
	// list call meets more than its retries absorb.
	done := make(chan struct{})
	var inspector sync.WaitGroup
	inspector.Add(1)
	go func() {
		defer inspector.Done()
		for range 20 {
			before := srv.RequestCount(auth0test.RouteActionsList)
			srv.Fail(auth0test.RouteActionsList, 1, http.StatusServiceUnavailable)
			for srv.RequestCount(auth0test.RouteActionsList) == before {
				select {
				case <-done:
					srv.ClearFaults()
					return
				case <-time.After(time.Millisecond):
				}
				_ = srv.Actions()
				_ = srv.Bindings(auth0.TriggerPostLogin)
				_ = srv.Requests()
			}
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	wg.Wait()
	close(done)
	inspector.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	all := srv.Actions()
	if len(all) != workers {
		t.Fatalf("%d actions, want %d", len(all), workers)
	}
	for _, a := range all {
		if a.DeployedVersion == nil || a.DeployedVersion.Number != 2 || !a.AllChangesDeployed {
			t.Errorf("%s: deployed %+v all_changes_deployed %v", a.Name, a.DeployedVersion, a.AllChangesDeployed)
		}
	}
	if n := len(srv.Bindings(auth0.TriggerPostLogin)); n != 1 {
		t.Errorf("%d bindings, want 1 (each update replaces all)", n)
	}
}

// TestParallelServers checks that servers are independent.
func TestParallelServers(t *testing.T) {
	t.Parallel()
	for i := range 8 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			srv := auth0test.NewServer(t)
			srv.AddAction(newParams("same-name"))
			if n := len(srv.Actions()); n != 1 {
				t.Errorf("%d actions", n)
			}
		})
	}
}
