package auth0_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// deadlineLog records the context deadline each request was sent with.
type deadlineLog struct {
	mu   sync.Mutex
	reqs []string
	dls  []time.Time
}

func (s *deadlineLog) record(req *http.Request) {
	d, ok := req.Context().Deadline()
	if !ok {
		d = time.Time{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, req.Method+" "+req.URL.Path)
	s.dls = append(s.dls, d)
}

// of returns the deadlines of the requests whose "METHOD path" contains sub.
func (s *deadlineLog) of(sub string) []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []time.Time
	for i, r := range s.reqs {
		if strings.Contains(r, sub) {
			out = append(out, s.dls[i])
		}
	}
	return out
}

// DeployAndWait with a 600 ms limit: waiting for the draft takes 300 ms
// (the draft's read blocks), then the deploy request blocks until it is
// cut. Every phase runs under one deadline, set once at the start, so the
// call ends at the limit with ErrWaitTimeout; before, each phase got its
// own full timeout and the deploy request none.
func TestDeployAndWaitOneDeadlineForTheWholeCall(t *testing.T) {
	t.Parallel()
	const limit = 600 * time.Millisecond
	seen := &deadlineLog{}
	tr := httpmock.NewMockTransport()
	base := testBaseURL + "actions/actions/act1"
	var firstRead time.Time
	tr.RegisterResponder(http.MethodGet, base, func(req *http.Request) (*http.Response, error) {
		firstRead = time.Now()
		seen.record(req)
		select {
		case <-time.After(300 * time.Millisecond): // a slow phase that finishes
		case <-req.Context().Done():
			return nil, req.Context().Err()
		}
		return respondWith(http.StatusOK, `{"id":"act1","status":"built"}`)(req)
	})
	tr.RegisterResponder(http.MethodPost, base+"/deploy", func(req *http.Request) (*http.Response, error) {
		seen.record(req)
		return blockUntilDone(req) // a slow phase that never finishes
	})
	c := newTestClient(tr, fastPolling, option.WithMaxRetries(0))

	start := time.Now()
	_, err := c.Actions.DeployAndWait(t.Context(), "act1", option.WithWaitTimeout(limit))

	require.Error(t, err)
	assert.ErrorIs(t, err, auth0.ErrWaitTimeout)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotErrorIs(t, err, context.Canceled)
	checkMessage(t, err.Error())
	assert.Contains(t, err.Error(), "auth0: waiting for action act1 to deploy: timed out waiting after 600ms (option.WithWaitTimeout): POST "+base+"/deploy")

	gets, posts := seen.of("GET "), seen.of("POST ")
	require.Len(t, gets, 1)
	require.Len(t, posts, 1)
	assert.False(t, gets[0].IsZero(), "the draft's read runs under the deadline")
	assert.Equal(t, gets[0], posts[0], "the deploy runs under the same deadline, not a new one")
	assert.False(t, gets[0].Before(start.Add(limit)), "the deadline is the limit from the start of the call")
	assert.False(t, gets[0].After(firstRead.Add(limit)), "the deadline was set before the first request")
}

// Polls, the deploy and the version's reads all see one deadline.
func TestDeployAndWaitPhasesShareTheDeadline(t *testing.T) {
	t.Parallel()
	seen := &deadlineLog{}
	tr := httpmock.NewMockTransport()
	base := testBaseURL + "actions/actions/act1"
	rec := func(r httpmock.Responder) httpmock.Responder {
		return func(req *http.Request) (*http.Response, error) { seen.record(req); return r(req) }
	}
	tr.RegisterResponder(http.MethodGet, base, rec(respondInTurn(
		respondWith(http.StatusOK, `{"id":"act1","status":"pending"}`),
		respondWith(http.StatusOK, `{"id":"act1","status":"built"}`))))
	tr.RegisterResponder(http.MethodPost, base+"/deploy", rec(respondWith(http.StatusOK, `{"id":"ver1","status":"building"}`)))
	tr.RegisterResponder(http.MethodGet, base+"/versions/ver1", rec(respondInTurn(
		respondWith(http.StatusOK, `{"id":"ver1","status":"building"}`),
		respondWith(http.StatusOK, `{"id":"ver1","status":"built","deployed":true}`))))
	c := newTestClient(tr, fastPolling)

	v, err := c.Actions.DeployAndWait(t.Context(), "act1", option.WithWaitTimeout(time.Hour))
	require.NoError(t, err)
	assert.Equal(t, "ver1", v.ID)
	all := seen.of("")
	require.Len(t, all, 5)
	for i, d := range all {
		assert.False(t, d.IsZero(), "request %d has the deadline", i)
		assert.Equal(t, all[0], d, "request %d: one deadline for the whole call", i)
	}
}

// The default limit covers builds longer than five minutes: 10 minutes.
func TestWaitTimeoutDefaultIsTenMinutes(t *testing.T) {
	t.Parallel()
	seen := &deadlineLog{}
	tr := httpmock.NewMockTransport()
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions/act1", func(req *http.Request) (*http.Response, error) {
		seen.record(req)
		return respondWith(http.StatusOK, `{"id":"act1","status":"built"}`)(req)
	})
	c := newTestClient(tr)
	before := time.Now()
	_, err := c.Actions.WaitUntilBuilt(t.Context(), "act1")
	after := time.Now()
	require.NoError(t, err)
	d := seen.of("GET ")
	require.Len(t, d, 1)
	assert.False(t, d[0].Before(before.Add(10*time.Minute)), "deadline %s is at least 10 minutes after the start", d[0])
	assert.False(t, d[0].After(after.Add(10*time.Minute)), "deadline %s is at most 10 minutes after the start", d[0])
}

// The caller's own cancellation is not a timeout.
func TestDeployAndWaitCallerCancelIsNotATimeout(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	entered := make(chan struct{})
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions/act1", func(req *http.Request) (*http.Response, error) {
		close(entered)
		return blockUntilDone(req)
	})
	c := newTestClient(tr, fastPolling, option.WithMaxRetries(0))
	ctx, cancel := context.WithCancel(t.Context())
	go func() { <-entered; cancel() }()
	_, err := c.Actions.DeployAndWait(ctx, "act1", option.WithWaitTimeout(time.Hour))
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, auth0.ErrWaitTimeout)
	checkMessage(t, err.Error())
}

// Upsert with Deploy: the look-up, the update, the nested DeployAndWait
// and the final read share Upsert's deadline; the nested helper does not
// start the clock again.
func TestUpsertSharesOneDeadlineWithItsDeploy(t *testing.T) {
	t.Parallel()
	seen := &deadlineLog{}
	tr := httpmock.NewMockTransport()
	base := testBaseURL + "actions/actions"
	rec := func(r httpmock.Responder) httpmock.Responder {
		return func(req *http.Request) (*http.Response, error) { seen.record(req); return r(req) }
	}
	existing := `{"id":"act1","name":"dl","code":"old","status":"built","supported_triggers":[{"id":"post-login","version":"v3"}]}`
	tr.RegisterResponder(http.MethodGet, `=~^`+base+`\?`, rec(respondWith(http.StatusOK, `{"actions":[`+existing+`],"per_page":100}`)))
	tr.RegisterResponder(http.MethodPatch, base+"/act1", rec(respondWith(http.StatusOK, strings.Replace(existing, `"old"`, `"new"`, 1))))
	tr.RegisterResponder(http.MethodGet, base+"/act1", rec(respondWith(http.StatusOK, strings.Replace(existing, `"old"`, `"new"`, 1))))
	tr.RegisterResponder(http.MethodPost, base+"/act1/deploy", rec(respondWith(http.StatusOK, `{"id":"ver1","status":"building"}`)))
	tr.RegisterResponder(http.MethodGet, base+"/act1/versions/ver1", rec(respondWith(http.StatusOK, `{"id":"ver1","status":"built","deployed":true}`)))
	c := newTestClient(tr, fastPolling)

	res, err := c.Actions.Upsert(t.Context(), auth0.ActionUpsertParams{Name: "dl", SupportedTriggers: postLoginV3,
		Code: auth0.String("new"), Deploy: true}, option.WithWaitTimeout(time.Hour))
	require.NoError(t, err)
	require.NotNil(t, res.Deployed)
	all := seen.of("")
	require.GreaterOrEqual(t, len(all), 5, "%v", seen.reqs)
	for i, d := range all {
		assert.False(t, d.IsZero(), "request %d has the deadline", i)
		assert.Equal(t, all[0], d, "request %d (%s): one deadline for the whole Upsert", i, seen.reqs[i])
	}
}

// Modules.Rollout applies the limit per action: each action's requests
// share one deadline, the next action gets a new one, and the module's
// own reads run under ctx alone.
func TestRolloutDeadlineIsPerAction(t *testing.T) {
	t.Parallel()
	seen := &deadlineLog{}
	tr := httpmock.NewMockTransport()
	rec := func(r httpmock.Responder) httpmock.Responder {
		return func(req *http.Request) (*http.Response, error) { seen.record(req); return r(req) }
	}
	mods := testBaseURL + "actions/modules/mod1"
	tr.RegisterResponder(http.MethodGet, mods+"/versions/mv2", rec(respondWith(http.StatusOK,
		`{"id":"mv2","module_id":"mod1","version_number":2}`)))
	tr.RegisterResponder(http.MethodGet, `=~^`+mods+`/actions`, rec(respondWith(http.StatusOK, `{"actions":[
		{"action_id":"a1","action_name":"one","module_version_id":"mv1","module_version_number":1},
		{"action_id":"a2","action_name":"two","module_version_id":"mv1","module_version_number":1}],"per_page":100}`)))
	for _, id := range []string{"a1", "a2"} {
		body := `{"id":"` + id + `","name":"` + id + `","status":"built","modules":[{"module_id":"mod1","module_version_id":"mv1","module_version_number":1}]}`
		get := respondWith(http.StatusOK, body)
		if id == "a1" {
			// The first action takes a while, so that a deadline set
			// when the second one starts is later than the first's.
			get = func(req *http.Request) (*http.Response, error) {
				time.Sleep(20 * time.Millisecond)
				return respondWith(http.StatusOK, body)(req)
			}
		}
		tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions/"+id, rec(get))
		tr.RegisterResponder(http.MethodPatch, testBaseURL+"actions/actions/"+id, rec(respondWith(http.StatusOK, body)))
	}
	c := newTestClient(tr, fastPolling)

	res, err := c.Actions.Modules.Rollout(t.Context(), "mod1", auth0.ModuleRolloutParams{VersionID: "mv2"}, option.WithWaitTimeout(time.Hour))
	require.NoError(t, err)
	require.Len(t, res.Actions, 2)
	for _, a := range res.Actions {
		assert.Equal(t, auth0.RolloutMoved, a.Status, a.ActionID)
	}
	for _, d := range seen.of("/actions/modules/") {
		assert.True(t, d.IsZero(), "the module's reads are bounded by ctx only")
	}
	first, second := seen.of("/actions/actions/a1"), seen.of("/actions/actions/a2")
	require.Len(t, first, 3, "get, update, wait")
	require.Len(t, second, 3, "get, update, wait")
	for i := range first {
		assert.False(t, first[i].IsZero())
		assert.Equal(t, first[0], first[i], "one deadline within the first action")
		assert.Equal(t, second[0], second[i], "one deadline within the second action")
	}
	assert.GreaterOrEqual(t, second[0].Sub(first[0]), 20*time.Millisecond, "the second action's clock starts when it does")
}

// A rollout action cut by its deadline fails with ErrWaitTimeout; the
// message names the action once and says auth0: once.
func TestRolloutActionPastItsDeadline(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	mods := testBaseURL + "actions/modules/mod1"
	tr.RegisterResponder(http.MethodGet, mods+"/versions/mv2", respondWith(http.StatusOK, `{"id":"mv2","module_id":"mod1","version_number":2}`))
	tr.RegisterResponder(http.MethodGet, `=~^`+mods+`/actions`, respondWith(http.StatusOK,
		`{"actions":[{"action_id":"a1","action_name":"one","module_version_id":"mv1","module_version_number":1}],"per_page":100}`))
	tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions/a1", blockUntilDone)
	c := newTestClient(tr, fastPolling, option.WithMaxRetries(0))
	_, err := c.Actions.Modules.Rollout(t.Context(), "mod1", auth0.ModuleRolloutParams{VersionID: "mv2"}, option.WithWaitTimeout(50*time.Millisecond))
	require.Error(t, err)
	assert.ErrorIs(t, err, auth0.ErrRolloutFailed)
	assert.ErrorIs(t, err, auth0.ErrWaitTimeout)
	assert.False(t, errors.Is(err, context.Canceled))
	checkMessage(t, err.Error())
	assert.Contains(t, err.Error(), "moving it to module version 2: timed out waiting after 50ms (option.WithWaitTimeout): GET "+testBaseURL+"actions/actions/a1")
}
