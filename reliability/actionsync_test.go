package reliability

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// Package actionsync under faults, stale plans and Prune (issue 19,
// "Reliability"). The world (the fake tenant, its front, the mixed config
// and the convergence check) is in actionsync_world_test.go.

// syncStep is a write step of the mixed apply: the route, and the object
// whose request the fault hits.
type syncStep struct {
	name   string // such as "module create"
	route  string // an auth0test Route constant
	kind   actionsync.StepKind
	object string // the module's or action's name, or the trigger's ID
	create bool   // the request creates the object: matched by the name in its body
	unsafe bool   // a POST: not retried after a 5xx or a lost connection
	// outcome is what the object's result says once the step is done.
	outcome actionsync.Outcome
	// redone reports whether a plan does the step's write again.
	redone func(p *actionsync.Plan) bool
}

var syncSteps = []syncStep{
	{"module create", auth0test.RouteModulesNew, actionsync.KindModule, "crypto-helpers", true, true, actionsync.Created,
		func(p *actionsync.Plan) bool {
			return stepOp(p, actionsync.KindModule, "crypto-helpers") == actionsync.OpCreate
		}},
	{"module update", auth0test.RouteModulesUpdate, actionsync.KindModule, "shared-utils", false, false, actionsync.Updated,
		func(p *actionsync.Plan) bool { return stepChanges(p, actionsync.KindModule, "shared-utils", "code") }},
	{"module publish", auth0test.RouteModuleVersionsNew, actionsync.KindModule, "shared-utils", false, true, actionsync.Published,
		func(p *actionsync.Plan) bool {
			st := findStep(p, actionsync.KindModule, "shared-utils", false)
			return st != nil && st.Publish
		}},
	{"action create", auth0test.RouteActionsNew, actionsync.KindAction, "geo-block", true, true, actionsync.Created,
		func(p *actionsync.Plan) bool {
			return stepOp(p, actionsync.KindAction, "geo-block") == actionsync.OpCreate
		}},
	{"action update", auth0test.RouteActionsUpdate, actionsync.KindAction, "add-roles", false, false, actionsync.Updated,
		func(p *actionsync.Plan) bool { return stepChanges(p, actionsync.KindAction, "add-roles", "modules") }},
	{"action deploy", auth0test.RouteActionsDeploy, actionsync.KindAction, "enrich-profile", false, true, actionsync.Deployed,
		func(p *actionsync.Plan) bool {
			st := findStep(p, actionsync.KindAction, "enrich-profile", false)
			return st != nil && st.Deploy
		}},
	{"bindings PATCH", auth0test.RouteBindingsUpdate, actionsync.KindTrigger, string(auth0.TriggerPostLogin), false, false, actionsync.Bound,
		func(p *actionsync.Plan) bool {
			return findStep(p, actionsync.KindTrigger, string(auth0.TriggerPostLogin), false) != nil
		}},
	{"action delete", auth0test.RouteActionsDelete, actionsync.KindAction, "legacy-rule", false, false, actionsync.Deleted,
		func(p *actionsync.Plan) bool { return findStep(p, actionsync.KindAction, "legacy-rule", true) != nil }},
	{"module delete", auth0test.RouteModulesDelete, actionsync.KindModule, "unused-mod", false, false, actionsync.Deleted,
		func(p *actionsync.Plan) bool { return findStep(p, actionsync.KindModule, "unused-mod", true) != nil }},
}

// syncFault is a kind of fault.
type syncFault struct {
	name string
	mode frontMode
}

// syncFaults are the faults tried at every write step: a 5xx the server
// did not act on, a 5xx and a dropped connection after it acted (the
// client cannot tell these from the first), a 429, and the caller's
// context cancelled while the request is in flight (the server then acts).
var syncFaults = []syncFault{
	{"503, not acted on", front5xx},
	{"503 after the server acted", front5xxAfter},
	{"dropped connection after the server acted", frontDropAfter},
	{"429", fake429},
	{"context cancelled in flight", fakeCancel},
}

// syncRetryFault is tried at the delete steps only: a 503 after the server
// acted, once, so that the client's retry of the DELETE meets a 404.
var syncRetryFault = syncFault{"503 once after the server acted", front5xxOnceAfter}

// findStep returns the plan's step for an object (its delete step, or
// else its other step), or nil.
func findStep(p *actionsync.Plan, kind actionsync.StepKind, name string, deleteStep bool) *actionsync.Step {
	for i := range p.Steps {
		st := &p.Steps[i]
		if st.Kind == kind && st.Name == name && (st.Op == actionsync.OpDelete) == deleteStep {
			return st
		}
	}
	return nil
}

func stepOp(p *actionsync.Plan, kind actionsync.StepKind, name string) actionsync.StepOp {
	if st := findStep(p, kind, name, false); st != nil {
		return st.Op
	}
	return ""
}

func stepChanges(p *actionsync.Plan, kind actionsync.StepKind, name, field string) bool {
	st := findStep(p, kind, name, false)
	return st != nil && slices.ContainsFunc(st.Changes, func(c auth0.Change) bool { return c.Field == field })
}

// mixedPlan is the first plan of the mixed apply, step by step.
const mixedPlan = "update module shared-utils +publish; create module crypto-helpers +publish; " +
	"update action enrich-profile +deploy; update action add-roles +deploy; create action geo-block +deploy; " +
	"bind trigger credentials-exchange; bind trigger post-login; delete action legacy-rule; delete module unused-mod"

// objectOf names a step's object as the results and errors do.
func (st syncStep) objectOf() string {
	if st.kind == actionsync.KindTrigger {
		return "trigger " + st.object
	}
	return fmt.Sprintf("%s %q", st.kind, st.object)
}

// settlesInApply reports whether the apply itself finds out, by a
// re-read, what a request whose outcome it lost did: the POSTs (create,
// publish, deploy) that the server acted on.
func settlesInApply(st syncStep, f syncFault) bool {
	return st.unsafe && (f.mode == front5xxAfter || f.mode == frontDropAfter || f.mode == front5xxOnceAfter)
}

func syncExpectation(st syncStep, f syncFault) string {
	first := ""
	switch {
	case f.mode == fake429:
		first = "the client retries the 429; the apply succeeds"
	case f.mode == front5xxOnceAfter && !st.unsafe:
		first = "the client retries the " + st.route[:strings.Index(st.route, " ")] + "; the retry's answer (a 404 for a delete: done) lets the apply succeed"
	case f.mode == fakeCancel:
		first = "*ApplyError matching context.Canceled"
	case settlesInApply(st, f):
		first = "the apply re-reads the " + string(st.kind) + ", finds the write done and goes on: success"
	default:
		first = "*ApplyError naming " + st.objectOf()
	}
	return first + "; then a fresh plan and apply converge: tenant = config, no duplicate object or version, " +
		"an acted-on write not redone, a third plan empty"
}

// syncConcurrency is how many actionsync scenarios run at once within the
// one parallel slot their test takes (see runConcurrently).
const syncConcurrency = 4

// runConcurrently runs each scenario as a subtest of t, up to
// syncConcurrency at once. The subtests do not call t.Parallel: an
// actionsync scenario spends most of its time waiting (Apply's first build
// poll comes 100 ms after a write), so they share the one slot of -parallel
// that t holds rather than each waiting in its own, which would keep the
// suite's other scenarios waiting. t.Run may be called from several
// goroutines at once; each subtest still runs on its own goroutine with its
// own scenario, labels and checks.
func runConcurrently(t *testing.T, names []string, run func(t *testing.T, i int)) {
	sem := make(chan struct{}, syncConcurrency)
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			t.Run(name, func(t *testing.T) { run(t, i) })
		}()
	}
	wg.Wait()
}

func TestActionsyncFaultAtEveryWriteStep(t *testing.T) {
	t.Parallel()
	type tc struct {
		st syncStep
		f  syncFault
	}
	var cases []tc
	var names []string
	for _, st := range syncSteps {
		faults := syncFaults
		if st.outcome == actionsync.Deleted {
			faults = append(slices.Clip(faults), syncRetryFault)
		}
		for _, f := range faults {
			cases = append(cases, tc{st, f})
			names = append(names, st.name+"/"+f.name)
		}
	}
	runConcurrently(t, names, func(t *testing.T, i int) { runSyncFault(t, cases[i].st, cases[i].f) })
}

func runSyncFault(t *testing.T, st syncStep, f syncFault) {
	s := begin(t, "actionsync", fmt.Sprintf("%s at the %s of a mixed apply (%s; %s)", f.name, st.name, st.objectOf(), st.route),
		syncExpectation(st, f))
	w := newSyncWorld(t, s)
	w.seedMixed(t)
	var fig struct{ faults, unknown, settledApply, settledPlan, unsettled, dups int }
	countSync(t, s, "fault", func() {
		syncFigs.faults += fig.faults
		syncFigs.unknown += fig.unknown
		syncFigs.settledApply += fig.settledApply
		syncFigs.settledPlan += fig.settledPlan
		syncFigs.unsettled += fig.unsettled
		syncFigs.duplicates += fig.dups
	})
	ctx := ctxT(t, 30*time.Second)
	cfg := mixedConfig()
	opts := actionsync.PlanOptions{Prune: true}

	plan1, err := actionsync.NewPlan(ctx, w.client, cfg, opts)
	require.NoError(t, err)
	require.Equal(t, mixedPlan, planSteps(plan1))

	applyCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	tg := frontTarget{route: st.route, mode: f.mode, cancel: cancel}
	switch {
	case st.create:
		tg.name = st.object
	case st.kind == actionsync.KindTrigger:
		tg.id = st.object
	default:
		tg.id = w.ids[st.object]
	}
	w.front.arm(tg)
	res1, err1 := actionsync.Apply(applyCtx, w.client, plan1, actionsync.ApplyOptions{})
	if f.mode == fakeCancel {
		w.front.quiesce()
	}
	hits := w.front.disarm()
	fig.faults = len(hits)
	require.NotEmpty(t, hits, "the fault was never injected")
	acted := slices.ContainsFunc(hits, func(h frontHit) bool { return h.Status >= 200 && h.Status < 300 })
	target := resultOf(res1, st)

	var first string
	switch {
	case f.mode == fake429:
		require.NoError(t, err1, "429 is retried: %v", res1)
		require.Equal(t, http.StatusTooManyRequests, hits[0].Status)
		first = "apply 1 succeeded (the 429 was retried)"
	case f.mode == front5xxOnceAfter && !st.unsafe:
		require.NoError(t, err1, "the client's retry should have done it: %v", res1)
		require.NotNil(t, target)
		assert.Contains(t, target.Done, st.outcome)
		first = fmt.Sprintf("apply 1 succeeded: the client retried the %s (%s)", st.name, doneList(target))
	case f.mode == fakeCancel:
		var ae *actionsync.ApplyError
		require.ErrorAs(t, err1, &ae)
		require.ErrorIs(t, err1, context.Canceled)
		require.True(t, hits[0].Status >= 200 && hits[0].Status < 300, "the fake should act on the request whose caller went away: %d", hits[0].Status)
		first = "apply 1: *ApplyError, context canceled"
	case settlesInApply(st, f):
		require.NoError(t, err1, "the apply should settle the lost answer by a re-read: %v", res1)
		require.NotNil(t, target)
		assert.Contains(t, target.Done, st.outcome, "%s: settled as done", st.objectOf())
		actions, modules, _ := w.byName()
		wantID := actions[st.object].ID
		if st.kind == actionsync.KindModule {
			wantID = modules[st.object].ID
		}
		assert.Equal(t, wantID, target.ID, "%s: the result's ID", st.objectOf())
		first = fmt.Sprintf("apply 1 succeeded: %s settled by a re-read (%s)", st.objectOf(), doneList(target))
	default:
		var ae *actionsync.ApplyError
		require.ErrorAs(t, err1, &ae, "apply 1 should fail: %v", res1)
		require.NotNil(t, target)
		require.Error(t, target.Err, "%s should have failed", st.objectOf())
		assert.Contains(t, ae.Error(), st.objectOf())
		if st.unsafe {
			assert.ErrorIs(t, target.Err, auth0.ErrOutcomeUnknown, "a lost POST is outcome-unknown")
		}
		first = fmt.Sprintf("apply 1: *ApplyError, %s failed (%s), %d object(s) in all", st.objectOf(), errClass(target.Err), len(ae.Failed))
	}

	plan2, err := actionsync.NewPlan(ctx, w.client, cfg, opts)
	require.NoError(t, err)
	redone := st.redone(plan2)
	settledInApply := target != nil && target.Err == nil && slices.Contains(target.Done, st.outcome)
	if f.mode != fake429 {
		fig.unknown = 1
		switch {
		case acted && redone, !acted && !redone && !settledInApply:
			fig.unsettled = 1
		case settledInApply:
			fig.settledApply = 1
		default:
			fig.settledPlan = 1
		}
	}
	switch {
	case acted:
		assert.False(t, redone, "the server acted on the faulted request, yet the fresh plan does it again: %s", planSteps(plan2))
	case !settledInApply:
		assert.True(t, redone, "the server did not act on the faulted request, yet the fresh plan does not do it: %s", planSteps(plan2))
	}

	res2, err := actionsync.Apply(ctx, w.client, plan2, actionsync.ApplyOptions{})
	require.NoError(t, err, "the second apply:\n%v", res2)
	plan3, err := actionsync.NewPlan(ctx, w.client, cfg, opts)
	require.NoError(t, err)
	assert.False(t, plan3.HasChanges(), "a third plan: %s", planSteps(plan3))
	fig.dups = w.assertConverged(t, cfg, mixedWant.moduleVersions, mixedWant.actionVersions, mixedWant.gone)
	countDuplicates(fig.dups)

	actedText := "not acted on"
	if acted {
		actedText = "acted on"
	}
	again := "the fresh plan did not redo it"
	if redone {
		again = "the fresh plan redid it"
	}
	s.observe("%s; the faulted request was %s (%d attempt(s) faulted), %s; apply 2 converged; %d duplicates; third plan empty",
		first, actedText, len(hits), again, fig.dups)
}

// resultOf returns the result of the step's object (in the mixed apply,
// each object has one step).
func resultOf(res *actionsync.Result, st syncStep) *actionsync.ObjectResult {
	if res == nil {
		return nil
	}
	for i := range res.Objects {
		if o := &res.Objects[i]; o.Kind == st.kind && o.Name == st.object {
			return o
		}
	}
	return nil
}

func doneList(o *actionsync.ObjectResult) string {
	parts := make([]string, len(o.Done))
	for i, d := range o.Done {
		parts[i] = string(d)
	}
	return strings.Join(parts, ", ")
}

// errClass says what kind of error a failed object has, for the report.
func errClass(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return "context canceled"
	case errors.Is(err, auth0.ErrOutcomeUnknown):
		return "outcome unknown"
	case errors.Is(err, auth0.ErrServer):
		return "5xx after the client's retries"
	case errors.Is(err, actionsync.ErrNotAttempted):
		return "not attempted"
	}
	return "connection lost after the client's retries"
}

// The bind race: right after a deploy the live API can refuse a bindings
// PATCH that includes the action with a 400 "Trying to create a binding for
// an action that has not been deployed yet" (auth0test's WithDeployLag
// models it for every deploy). The mixed apply redeploys enrich-profile and
// add-roles, which post-login already binds, and then writes post-login's
// new order: the refusal must be retried, as Bindings.Add retries it, and
// not fail the trigger (and with it the delete of legacy-rule).
func TestActionsyncBindRaceOfRedeployedActions(t *testing.T) {
	t.Parallel()
	s := begin(t, "actionsync", "the bind race: post-login's PATCH, which only reorders actions this apply redeployed, "+
		"is refused twice with the live API's 400 \"…has not been deployed yet\"",
		"retried as Bindings.Add retries it; the apply succeeds; tenant = config; no action deployed twice")
	countSync(t, s, "race", nil)
	w := newSyncWorld(t, s)
	w.seedMixed(t)
	ctx := ctxT(t, 30*time.Second)
	cfg := mixedConfig()
	plan, err := actionsync.NewPlan(ctx, w.client, cfg, actionsync.PlanOptions{Prune: true})
	require.NoError(t, err)

	w.front.arm(frontTarget{route: auth0test.RouteBindingsUpdate, id: string(auth0.TriggerPostLogin), mode: fakeNotDeployed, times: 2})
	res, err := actionsync.Apply(ctx, w.client, plan, actionsync.ApplyOptions{})
	hits := w.front.disarm()
	syncFigs.mu.Lock()
	syncFigs.faults += len(hits)
	syncFigs.mu.Unlock()
	require.Len(t, hits, 2)
	require.NoError(t, err, "%v", res)
	assert.Equal(t, 3, w.fake.RequestCount(auth0test.RouteBindingsUpdate)-1, "post-login's PATCHes (and one for credentials-exchange)")
	next, err := actionsync.NewPlan(ctx, w.client, cfg, actionsync.PlanOptions{Prune: true})
	require.NoError(t, err)
	assert.False(t, next.HasChanges(), "%s", planSteps(next))
	dups := w.assertConverged(t, cfg, mixedWant.moduleVersions, mixedWant.actionVersions, mixedWant.gone)
	countDuplicates(dups)
	s.observe("2 refusals, then post-login bound; the apply succeeded; %d duplicates; the next plan is empty", dups)
}
