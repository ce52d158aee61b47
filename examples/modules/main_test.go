package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/actions-sdk/auth0-go/auth0test"
)

// TestModules runs the example against the fake API, checks every step it
// printed, and that it cleaned up after itself.
func TestModules(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildAfterReads(2))
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), srv.Client(), &out, "greeter"))

	got := out.String()
	for _, want := range []string{
		"1. created module greeter (",
		"), all changes published: false\n",
		"2. published version 1 (",
		"3. action greeter deployed as version 1 with module greeter version 1\n",
		"4. action greeter uses module version 1\n",
		"   deleting the module is refused while a deployed action uses it (412)\n",
		"5. published version 2\n",
		"6. rolled the draft back to version 1: code restored true, latest version still 2\n",
		"7. published version 3; versions, newest first: 3 2 1\n",
		"8. action greeter uses module version 3\n",
		"9. deleted the action and the module\n",
	} {
		assert.Contains(t, got, want)
	}
	assert.Empty(t, srv.Actions(), "actions left behind")
	assert.Empty(t, srv.Modules(), "modules left behind")
	assert.Equal(t, 1, srv.RequestCount(auth0test.RouteModulesRollback))
	assert.Equal(t, 3, srv.RequestCount(auth0test.RouteModuleVersionsNew))
}

// TestModulesCleansUpAfterAFailure: when a step fails, what was made is
// still deleted.
func TestModulesCleansUpAfterAFailure(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	srv.Fail(auth0test.RouteModulesRollback, 1, 400)
	var out bytes.Buffer
	err := run(t.Context(), srv.Client(), &out, "failing")
	require.ErrorContains(t, err, "roll back")
	assert.Contains(t, out.String(), "9. deleted the action and the module\n")
	assert.Empty(t, srv.Actions())
	assert.Empty(t, srv.Modules())
}
