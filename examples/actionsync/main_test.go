package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// TestActionsync runs the example against the fake API, checks what each
// step planned and did, and that it cleaned up after itself and left
// another binding of post-login alone.
func TestActionsync(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildAfterReads(1))
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), srv.Client(), &out, "demo", true))

	got := out.String()
	for _, want := range []string{
		"== 1. first deploy\nPlan: 3 to create, 0 to update, 1 to publish, 2 to deploy, 1 trigger(s) to bind, 0 to delete; 0 unchanged.\n",
		"  + module demo-utils: version 1 (published by this apply)\n",
		"  order: (none) → demo-roles, demo-greet\n",
		"module \"demo-utils\": created, published (version 1)\n",
		"action \"demo-roles\": created, deployed (version 1)\n",
		"trigger post-login: bound\n",
		"== 2. the module changes\n",
		"  publish: version 2\n",
		"  ~ module demo-utils: version 1 → version 2 (published by this apply)\n",
		"action \"demo-greet\": updated, deployed (version 2)\n",
		"== 3. the same config again\nNo changes: the tenant matches the config (4 unchanged).\n",
		"== 4. drop an action, with Prune\n",
		"  order: demo-roles, demo-greet → demo-roles\n",
		"trigger post-login: bound, unbound\n",
		"action \"demo-greet\": deleted\n",
	} {
		assert.Contains(t, got, want)
	}
	assert.Empty(t, srv.Actions(), "actions left behind")
	assert.Empty(t, srv.Modules(), "modules left behind")
	assert.Empty(t, srv.Bindings(auth0.TriggerPostLogin))
	assert.Equal(t, 3, srv.RequestCount(auth0test.RouteBindingsUpdate), "one bindings write in step 1, one in step 4 (step 2 leaves the order alone), one in the clean-up")
}

// TestActionsyncLiveSkipsPrune: on a live tenant the example never prunes
// (Prune deletes every action a config does not list), and still cleans up.
func TestActionsyncLiveSkipsPrune(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildAfterReads(1))
	other := srv.PutAction(auth0.Action{Name: "someone-elses", Code: "x", SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		DeployedVersion: &auth0.ActionVersion{}, AllChangesDeployed: true})
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), srv.Client(), &out, "demo", false))
	assert.Contains(t, out.String(), "== 4. prune: skipped on a live tenant")
	_, ok := srv.Action(other.ID)
	assert.True(t, ok, "an action the example did not create is never deleted")
	assert.Len(t, srv.Actions(), 1)
	assert.Empty(t, srv.Modules())
}
