package main

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/examples/internal/tenant"
)

func TestRunOnTheFake(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t, auth0test.WithBuildAfterReads(1))
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), srv.Client(), &out, "test"))
	got := out.String()
	t.Log("\n" + got)

	// The review shows the plans; the second apply changes nothing; the
	// module change is published and rolled out.
	for _, want := range []string{
		"1. Review (DryRun): nothing is written.",
		`action module "sdk-pipeline-test-utils": create`,
		"+ dependency lodash: 4.17.21",
		"+ secret GREETING",
		"publish: a new version",
		`action "sdk-pipeline-test": create`,
		"+ module sdk-pipeline-test-utils",
		"deploy: yes",
		"bind: post-login, at position 1 of 1",
		"module sdk-pipeline-test-utils is at version 1; action sdk-pipeline-test is deployed with it",
		"3. Apply again with the same input: nothing to do.",
		`action module "sdk-pipeline-test-utils"`,
		"~ code:",
		"rollout to version 2: sdk-pipeline-test moved (was on version 1)",
		"5. Clean up: unbind and delete the action, then delete the module.",
	} {
		assert.Contains(t, got, want)
	}
	// Cleanup removed exactly what the run created.
	assert.Empty(t, srv.Actions())
	assert.Empty(t, srv.Modules())
	assert.Empty(t, srv.Bindings("post-login"))
}

func TestConnectWithoutLiveIgnoresTheEnvironment(t *testing.T) {
	t.Setenv("AUTH0_DOMAIN", "tenant.example.com")
	t.Setenv("AUTH0_API_TOKEN", "not-to-be-used")
	client, _, stop, err := tenant.Connect(false, io.Discard, "unused %s")
	require.NoError(t, err)
	defer stop()
	res, err := client.Actions.Triggers.List(t.Context())
	require.NoError(t, err, "the fake answers, not the tenant in AUTH0_DOMAIN")
	assert.NotEmpty(t, res.Triggers)
}
