package main

import (
	"testing"

	"github.com/actions-sdk/auth0-go/auth0test"
)

// TestQuickstart runs the whole lifecycle against the fake API and checks
// that it cleaned up after itself.
func TestQuickstart(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildAfterReads(2))
	if err := run(t.Context(), srv.Client()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Actions()); n != 0 {
		t.Fatalf("%d actions left behind", n)
	}
	if n := srv.RequestCount(auth0test.RouteVersionsDeploy); n != 1 {
		t.Fatalf("%d roll-backs, want 1", n)
	}
}
