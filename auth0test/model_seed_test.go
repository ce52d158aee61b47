package auth0test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
)

// Model-level tests of the seeding rules (model_seed.go): the state is
// changed and read directly, without HTTP.

// seedNow is the clock of the model tests.
var seedNow = time.Date(2026, 3, 2, 9, 15, 27, 118204531, time.UTC)

// newSeedState returns an empty state whose clock says seedNow, with opts
// applied to its configuration.
func newSeedState(t *testing.T, opts ...ServerOption) *state {
	t.Helper()
	cfg := defaultConfig()
	cfg.now = func() time.Time { return seedNow }
	for _, opt := range opts {
		opt(&cfg)
	}
	if cfg.err != nil {
		t.Fatal(cfg.err)
	}
	return newState(&cfg)
}

// minimalPut is the smallest input putAction takes: a name and a trigger.
func minimalPut(name string) putInput {
	return putInput{name: name, content: content{triggers: []triggerRef{{ID: "post-login"}}}}
}

func mustPut(t *testing.T, st *state, in putInput) *action {
	t.Helper()
	a, e := st.putAction(in)
	if e != nil {
		t.Fatalf("putAction(%q): %v", in.name, e)
	}
	return a
}

func TestPutActionDefaults(t *testing.T) {
	t.Parallel()
	st := newSeedState(t)
	a := mustPut(t, st, minimalPut("plain"))
	if !uuidPattern.MatchString(a.id) || !uuidPattern.MatchString(a.draftID) || a.draftID == a.id {
		t.Errorf("id %q, draft %q: want two new UUIDs", a.id, a.draftID)
	}
	if !a.createdAt.Equal(seedNow) || !a.updatedAt.Equal(seedNow) {
		t.Errorf("created %v, updated %v, want now", a.createdAt, a.updatedAt)
	}
	if a.status != statusBuilt || !a.builtAt.Equal(seedNow) || !a.buildStart.Equal(a.updatedAt) {
		t.Errorf("status %q built %v build start %v, want built now", a.status, a.builtAt, a.buildStart)
	}
	if want := []triggerRef{{ID: "post-login", Version: "v3"}}; !slices.Equal(a.triggers, want) {
		t.Errorf("triggers = %v, want the current version %v", a.triggers, want)
	}
	if a.runtime != "node22" {
		t.Errorf("runtime = %q, want the trigger's default node22", a.runtime)
	}
	if a.deployed != nil || len(a.versions) != 0 || a.allChangesDeployed {
		t.Errorf("versions %d, deployed %v, all changes deployed %v: want none", len(a.versions), a.deployed, a.allChangesDeployed)
	}
	if st.actions[a.id] != a || a.seq != 1 {
		t.Errorf("stored %v, seq %d", st.actions[a.id] == a, a.seq)
	}

	// A deprecated trigger version keeps its own default runtime.
	old := minimalPut("old")
	old.triggers = []triggerRef{{ID: "post-login", Version: "v2"}}
	if a := mustPut(t, st, old); a.runtime != "node16" {
		t.Errorf("runtime on post-login v2 = %q, want node16", a.runtime)
	}
}

func TestPutActionKeepsWhatIsGiven(t *testing.T) {
	t.Parallel()
	st := newSeedState(t)
	created, updated, built := seedNow.Add(-72*time.Hour), seedNow.Add(-time.Hour), seedNow.Add(-30*time.Minute)
	secretAt := seedNow.Add(-48 * time.Hour)
	in := putInput{id: "act_given", name: "given", createdAt: created, updatedAt: updated, builtAt: built,
		draftID: "draft_given", installedIntegrationID: "integration", integration: json.RawMessage(`{"name":"Acme"}`),
		content: content{code: "code", runtime: "node18", triggers: []triggerRef{{ID: "post-login", Version: "v3"}},
			secrets: []secret{{name: "KEY", updatedAt: secretAt}, {name: "NEW"}}}}
	a := mustPut(t, st, in)
	if a.id != "act_given" || a.draftID != "draft_given" || a.installedIntegrationID != "integration" || string(a.integration) != `{"name":"Acme"}` {
		t.Errorf("ids = %q %q %q %s", a.id, a.draftID, a.installedIntegrationID, a.integration)
	}
	if !a.createdAt.Equal(created) || !a.updatedAt.Equal(updated) || !a.builtAt.Equal(built) || a.runtime != "node18" {
		t.Errorf("times %v %v %v, runtime %q", a.createdAt, a.updatedAt, a.builtAt, a.runtime)
	}
	if len(a.secrets) != 2 || !a.secrets[0].updatedAt.Equal(secretAt) || !a.secrets[1].updatedAt.Equal(seedNow) || a.secrets[1].value != "" {
		t.Errorf("secrets = %+v, want the given time and now, values unknown", a.secrets)
	}
	if !in.secrets[1].updatedAt.IsZero() {
		t.Error("putAction changed its input's secrets")
	}

	// Without an update time, the action was last updated when created.
	in2 := minimalPut("created-only")
	in2.createdAt = created
	if a := mustPut(t, st, in2); !a.updatedAt.Equal(created) {
		t.Errorf("updated = %v, want the creation time %v", a.updatedAt, created)
	}
}

func TestPutActionRefusals(t *testing.T) {
	t.Parallel()
	st := newSeedState(t)
	taken := mustPut(t, st, minimalPut("taken"))
	noTrigger := minimalPut("no-trigger")
	noTrigger.triggers = nil
	badVersion := minimalPut("bad-version")
	badVersion.triggers = []triggerRef{{ID: "post-login", Version: "v9"}}
	unknown := minimalPut("unknown")
	unknown.triggers = []triggerRef{{ID: "no-such-trigger", Version: "v1"}}
	twice := minimalPut("twice")
	twice.secrets = []secret{{name: "K"}, {name: "K"}}
	nameless := minimalPut("x")
	nameless.secrets = []secret{{}}
	sameName := minimalPut("taken")
	sameName.id = "another"

	for _, tc := range []struct {
		name string
		in   putInput
		kind errKind
		msg  string
	}{
		{"no name", minimalPut(""), errInvalid, "the action needs a Name and at least one SupportedTriggers entry"},
		{"no trigger", noTrigger, errInvalid, "the action needs a Name and at least one SupportedTriggers entry"},
		{"a version the trigger lacks", badVersion, errInvalid,
			"Payload validation error: 'Trigger post-login has no version v9' on property supported_triggers[0].version."},
		// checkDraft refuses an unknown trigger first, as it has no version.
		{"an unknown trigger", unknown, errInvalid,
			"Payload validation error: 'Trigger no-such-trigger has no version v1' on property supported_triggers[0].version."},
		{"a secret twice", twice, errInvalid, "Payload validation error: 'Duplicate secret name: K' on property secrets[1]."},
		{"a nameless secret", nameless, errInvalid, "Payload validation error: 'Missing required property: name' on property secrets[0]."},
		{"another action's name", sameName, errConflict, `the name "taken" is used by action ` + taken.id},
	} {
		a, e := st.putAction(tc.in)
		if e == nil {
			t.Errorf("%s: stored %q, want a refusal", tc.name, a.id)
			continue
		}
		if e.kind != tc.kind || e.msg != tc.msg {
			t.Errorf("%s: refused with %d %q, want %d %q", tc.name, e.kind, e.msg, tc.kind, tc.msg)
		}
	}
	if len(st.actions) != 1 {
		t.Errorf("%d actions after the refusals, want 1", len(st.actions))
	}
}

func TestPutActionReplaces(t *testing.T) {
	t.Parallel()
	st := newSeedState(t)
	first := mustPut(t, st, minimalPut("first"))
	mustPut(t, st, minimalPut("second"))
	again := minimalPut("first") // its own name is not taken from it
	again.id = first.id
	again.code = "new code"
	a := mustPut(t, st, again)
	if len(st.actions) != 2 || st.actions[first.id] != a || a.code != "new code" {
		t.Fatalf("actions %d, replaced %v, code %q", len(st.actions), st.actions[first.id] == a, a.code)
	}
	if a.seq != first.seq {
		t.Errorf("seq = %d, want %d: a replaced action keeps its place", a.seq, first.seq)
	}
	if names := []string{st.sortedActions()[0].name, st.sortedActions()[1].name}; !slices.Equal(names, []string{"first", "second"}) {
		t.Errorf("list order = %v", names)
	}
}

func TestPutActionStatus(t *testing.T) {
	t.Parallel()
	st := newSeedState(t, WithBuildAfterReads(2))
	for _, status := range []string{statusPending, statusBuilding} {
		in := minimalPut(status)
		in.status = status
		in.draftID = "ignored"
		in.builtAt = seedNow
		a := mustPut(t, st, in)
		if a.status != status || !a.builtAt.IsZero() || !a.buildStart.Equal(seedNow) || a.reads != 0 {
			t.Errorf("%s: status %q built %v start %v reads %d, want a build started now", status, a.status, a.builtAt, a.buildStart, a.reads)
		}
		if a.draftID == "ignored" || !uuidPattern.MatchString(a.draftID) {
			t.Errorf("%s: draft %q, want the new draft of the build", status, a.draftID)
		}
		a.reads = 2
		st.advance(a)
		if a.status != statusBuilt {
			t.Errorf("%s: after the reads the status is %q, want built", status, a.status)
		}
	}

	failed := minimalPut("failed")
	failed.status = statusFailed
	a := mustPut(t, st, failed)
	if a.status != statusFailed || !a.builtAt.IsZero() || !a.buildStart.Equal(a.updatedAt) {
		t.Errorf("failed: status %q built %v, want kept as given", a.status, a.builtAt)
	}
	st.advance(a)
	if a.status != statusFailed {
		t.Errorf("failed: advanced to %q", a.status)
	}
}

func TestPutActionDeployedVersion(t *testing.T) {
	t.Parallel()
	st := newSeedState(t)
	in := minimalPut("deployed")
	in.code, in.deps = "draft code", []dependency{{Name: "lodash", Version: "4.17.21"}}
	in.secrets = []secret{{name: "KEY"}}
	in.allChangesDeployed = true
	in.deployed = &putVersion{}
	a := mustPut(t, st, in)
	v := a.deployed
	if v == nil || len(a.versions) != 1 || a.versions[0] != v {
		t.Fatalf("versions %d, deployed %v: want one, deployed", len(a.versions), v)
	}
	if v.number != 1 || !uuidPattern.MatchString(v.id) || v.status != statusBuilt {
		t.Errorf("version %d %q %q, want 1, a new ID, built", v.number, v.id, v.status)
	}
	if !v.createdAt.Equal(seedNow) || !v.builtAt.Equal(v.createdAt) || !v.updatedAt.Equal(v.createdAt) {
		t.Errorf("version times %v %v %v, want all now", v.createdAt, v.builtAt, v.updatedAt)
	}
	if !v.content.equal(a.content) || v.runtime != "node22" || !slices.Equal(v.triggers, a.triggers) {
		t.Errorf("version content %+v, want the draft's %+v", v.content, a.content)
	}
	if !a.allChangesDeployed {
		t.Error("all_changes_deployed is not the input's")
	}
	v.deps[0].Version = "changed"
	if a.deps[0].Version != "4.17.21" {
		t.Error("the version shares its dependencies with the draft")
	}

	// Fields the version sets win over the draft's; a list set empty is empty.
	created := seedNow.Add(-time.Hour)
	in2 := minimalPut("deployed-7")
	in2.code, in2.deps = "draft code", []dependency{{Name: "lodash", Version: "4.17.21"}}
	in2.deployed = &putVersion{id: "ver_7", number: 7, status: statusFailed, createdAt: created, code: "old code", runtime: "node18",
		deps: []dependency{}, secrets: []secret{{name: "OLD"}}, triggers: []triggerRef{{ID: "post-login", Version: "v2"}},
		errors: []auth0.ActionError{{ID: "err_npm", Msg: "npm install failed"}}}
	a = mustPut(t, st, in2)
	v = a.deployed
	if v.id != "ver_7" || v.number != 7 || v.status != statusFailed || v.code != "old code" || v.runtime != "node18" ||
		len(v.deps) != 0 || len(v.secrets) != 1 || !v.secrets[0].updatedAt.Equal(seedNow) ||
		!slices.Equal(v.triggers, []triggerRef{{ID: "post-login", Version: "v2"}}) || len(v.errors) != 1 {
		t.Errorf("version = %+v", v)
	}
	if !v.builtAt.Equal(created) || !v.updatedAt.Equal(created) {
		t.Errorf("version built %v updated %v, want its creation time %v", v.builtAt, v.updatedAt, created)
	}
	if a.allChangesDeployed || a.code != "draft code" {
		t.Errorf("all_changes_deployed %v, draft code %q", a.allChangesDeployed, a.code)
	}
	if next := st.deploy(a, a.content, seedNow, seedNow); next.number != 8 {
		t.Errorf("the next deploy is version %d, want 8", next.number)
	}
}

func TestAddExecutionDefaults(t *testing.T) {
	t.Parallel()
	st := newSeedState(t)
	e := st.addExecution(auth0.Execution{TriggerID: auth0.TriggerPostLogin})
	if len(e.ID) != 32 || e.Status != auth0.ExecutionStatusFinal || !e.CreatedAt.Equal(seedNow) || !e.UpdatedAt.Equal(seedNow) {
		t.Errorf("execution = %+v, want a random ID, final, created and updated now", e)
	}
	if got, me := st.execution(e.ID); me != nil || got.ID != e.ID {
		t.Errorf("stored = %+v, %v", got, me)
	}
	created := seedNow.Add(-time.Hour)
	e = st.addExecution(auth0.Execution{ID: "exec_1", Status: auth0.ExecutionStatus("partial"), CreatedAt: created})
	if e.ID != "exec_1" || e.Status != "partial" || !e.UpdatedAt.Equal(created) {
		t.Errorf("execution = %+v, want what was given, updated when created", e)
	}
}

func TestFailBuildsOf(t *testing.T) {
	t.Parallel()
	st := newSeedState(t)
	st.failBuildsOf("broken", nil)
	given := []auth0.ActionError{{ID: "err_npm", Msg: "npm install failed"}}
	st.failBuildsOf("npm", given)
	given[0].Msg = "changed"
	if got := st.failBuilds["broken"]; len(got) != 1 || got[0].ID != "err_build" || got[0].Msg != "Build failed for action broken" {
		t.Errorf("default errors = %+v", got)
	}
	if got := st.failBuilds["npm"]; len(got) != 1 || got[0].Msg != "npm install failed" {
		t.Errorf("given errors = %+v, want a copy", got)
	}
	a := mustPut(t, st, func() putInput { in := minimalPut("broken"); in.status = statusPending; return in }())
	st.advance(a)
	if a.status != statusFailed || len(a.buildErrors) != 1 || a.buildErrors[0].ID != "err_build" {
		t.Errorf("build = %q %+v, want failed with the default error", a.status, a.buildErrors)
	}
}

func TestSetTestResult(t *testing.T) {
	t.Parallel()
	st := newSeedState(t)
	a := mustPut(t, st, minimalPut("tested"))
	if e := st.setTestResult(a.id, json.RawMessage(`{"x":1}`)); e != nil {
		t.Fatal(e)
	}
	if got, e := st.testAction(a.id); e != nil || string(got) != `{"x":1}` {
		t.Errorf("test result = %s, %v", got, e)
	}
	if e := st.setTestResult(a.id, nil); e != nil {
		t.Fatal(e)
	}
	if got, _ := st.testAction(a.id); got != nil {
		t.Errorf("test result = %s, want the default (nil)", got)
	}
	if e := st.setTestResult("missing", nil); e != errActionNotFound {
		t.Errorf("unknown action: %v, want %v", e, errActionNotFound)
	}
}
