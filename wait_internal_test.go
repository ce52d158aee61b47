package auth0

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

func TestStartWaitSetsTheDeadlineOnce(t *testing.T) {
	t.Parallel()
	outer, w, done, err := startWait(t.Context(), nil, []option.RequestOption{option.WithWaitTimeout(time.Hour)})
	require.NoError(t, err)
	defer done()
	assert.Equal(t, time.Hour, w.Timeout)
	d1, ok := outer.Deadline()
	require.True(t, ok)

	// A nested helper, even with another limit, keeps the outer deadline
	// and context: the clock is not started again.
	inner, _, innerDone, err := startWait(outer, nil, []option.RequestOption{option.WithWaitTimeout(time.Minute)})
	require.NoError(t, err)
	d2, ok := inner.Deadline()
	require.True(t, ok)
	assert.Equal(t, d1, d2)
	assert.Equal(t, outer, inner, "the outer scope's context is reused")
	innerDone()
	assert.NoError(t, outer.Err(), "ending the nested helper does not end the outer scope")
}

func TestStartWaitDefaultAndErrors(t *testing.T) {
	t.Parallel()
	before := time.Now()
	ctx, w, done, err := startWait(t.Context(), nil, nil)
	require.NoError(t, err)
	defer done()
	assert.Equal(t, 10*time.Minute, w.Timeout)
	assert.Equal(t, 10*time.Minute, requestconfig.DefaultWaitTimeout)
	d, _ := ctx.Deadline()
	assert.False(t, d.Before(before.Add(10*time.Minute)))

	//lint:ignore SA1012 a nil context is the input under test
	_, _, _, err = startWait(nil, nil, nil) //nolint:staticcheck // a nil context is the input under test
	assert.EqualError(t, err, "auth0: nil context")
	_, _, _, err = startWait(t.Context(), nil, []option.RequestOption{option.WithWaitTimeout(-1)})
	assert.EqualError(t, err, "auth0: option.WithWaitTimeout: -1ns is not positive")
}

func TestWaitErrOnlyForTheScopesOwnDeadline(t *testing.T) {
	t.Parallel()
	other := errors.New("auth0: something else")

	// The scope's deadline passed: context errors become timeouts.
	ctx, _, done, err := startWait(t.Context(), nil, []option.RequestOption{option.WithWaitTimeout(time.Nanosecond)})
	require.NoError(t, err)
	defer done()
	<-ctx.Done()
	s, ok := scopeExpired(ctx)
	require.True(t, ok)
	assert.Equal(t, time.Nanosecond, s.timeout)
	got := waitErr(ctx, "waiting for x", ctx.Err())
	assert.ErrorIs(t, got, ErrWaitTimeout)
	assert.ErrorIs(t, got, context.DeadlineExceeded)
	assert.EqualError(t, got, "auth0: waiting for x: timed out waiting after 1ns (option.WithWaitTimeout): context deadline exceeded")
	assert.Same(t, got, waitErr(ctx, "again", got), "a timeout is not wrapped twice")
	assert.Equal(t, other, waitErr(ctx, "x", other), "an error the deadline did not cause stays")
	assert.Nil(t, waitErr(ctx, "x", nil))

	// The caller cancelled: not a timeout.
	parent, cancel := context.WithCancel(t.Context())
	ctx2, _, done2, err := startWait(parent, nil, nil)
	require.NoError(t, err)
	defer done2()
	cancel()
	_, ok = scopeExpired(ctx2)
	assert.False(t, ok)
	assert.Equal(t, context.Canceled, waitErr(ctx2, "x", ctx2.Err()))

	// The caller's own, earlier deadline: not a timeout of ours either.
	short, cancelShort := context.WithTimeout(t.Context(), time.Nanosecond)
	defer cancelShort()
	ctx3, _, done3, err := startWait(short, nil, nil)
	require.NoError(t, err)
	defer done3()
	<-ctx3.Done()
	assert.NotErrorIs(t, waitErr(ctx3, "x", ctx3.Err()), ErrWaitTimeout)

	// No scope at all.
	assert.Equal(t, context.Canceled, waitErr(parent, "x", context.Canceled))
}

// The not-deployed retries stop after their window even when the call's
// deadline is far away; other answers are not retried.
func TestNotDeployedRetryWindow(t *testing.T) {
	t.Parallel()
	refusal := &Error{StatusCode: 400, ErrorText: "Bad Request",
		Message: "Trying to create a binding for an action that has not been deployed yet."}
	n := notDeployedRetry{edit: bindingEdit{trigger: TriggerPostLogin, adding: "act1", addingName: "one"},
		interval: time.Millisecond, max: 2 * time.Millisecond, window: 20 * time.Millisecond}
	var err error
	for i := 0; err == nil; i++ {
		require.Less(t, i, 100000, "the retries must end")
		err = n.wait(t.Context(), refusal)
	}
	var nd *ActionNotDeployedError
	require.ErrorAs(t, err, &nd)
	assert.Equal(t, n.refused, nd.Attempts)
	assert.Greater(t, nd.Attempts, 1)
	assert.GreaterOrEqual(t, nd.Waited, 20*time.Millisecond)
	assert.Equal(t, "one", nd.ActionName)
	assert.Same(t, refusal, nd.Err)

	other := &Error{StatusCode: 400, Message: "Payload validation error"}
	fresh := notDeployedRetry{edit: bindingEdit{trigger: TriggerPostLogin, adding: "act1"}, interval: time.Millisecond, max: time.Millisecond, window: time.Hour}
	assert.Same(t, other, fresh.wait(t.Context(), other), "another 400 is returned as it is")
	server := &Error{StatusCode: 500, Message: "Trying to create a binding for an action that has not been deployed yet."}
	assert.Same(t, server, fresh.wait(t.Context(), server), "only a 400 says so")
	entity := &Error{StatusCode: 400, Message: "cannot list action bindings for an entity-bound trigger"}
	assert.ErrorIs(t, fresh.wait(t.Context(), entity), ErrEntityBoundTrigger)
	moving := notDeployedRetry{edit: bindingEdit{trigger: TriggerPostLogin}, interval: time.Millisecond, max: time.Millisecond, window: time.Hour}
	assert.Same(t, refusal, moving.wait(t.Context(), refusal), "an edit that binds no new action does not retry")
	assert.Equal(t, 0, fresh.refused+moving.refused)
}
