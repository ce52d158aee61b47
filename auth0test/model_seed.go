package auth0test

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
)

// Seeding: states the API cannot reach in a few calls (Server.PutAction,
// AddExecution, FailBuilds, SetTestResult), stored as they are, with the
// defaults and checks the model applies to them. The inspection methods
// (inspect.go) only translate the SDK's types into these inputs and a
// refusal into a failed test.

// putInput is an action to store as it is, in the model's terms; zero
// fields take putAction's defaults.
type putInput struct {
	id, name string
	// content is the draft. A secret's zero update time means "now"; its
	// value is unknown, so it reads as "".
	content
	createdAt, updatedAt   time.Time
	status                 string
	builtAt                time.Time
	draftID                string // the current version's ID
	installedIntegrationID string
	integration            json.RawMessage
	allChangesDeployed     bool
	// deployed, when not nil, becomes the action's only version, deployed.
	deployed *putVersion
}

// putVersion is the deployed version of a putInput. An empty code or
// runtime, and a nil list, are taken from the action's draft.
type putVersion struct {
	id                            string
	number                        int
	status                        string
	errors                        []auth0.ActionError
	builtAt, createdAt, updatedAt time.Time
	code, runtime                 string
	deps                          []dependency
	secrets                       []secret
	modules                       []moduleRef
	triggers                      []triggerRef
}

// putAction stores an action as it is, replacing any action with its ID
// (which keeps its place in the lists). It needs a name and a trigger;
// the draft is checked as a create's is (triggers and versions that exist,
// named and distinct secrets), and the name must not be another action's.
//
// Defaults: a new ID; created now and updated when created; status "built",
// built now; the current version of each trigger; the trigger's default
// runtime. The status of a running build (pending, building, packaged,
// retrying) starts a build that finishes as the server's options say (and gives the draft a new ID); any other
// status is kept with the given built time.
//
// The deployed version, when given, is the only version: number 1, a new
// ID, status "built", built and updated when created, created now, unless
// set; its content is the draft's, except the fields it sets. The action's
// all_changes_deployed is then the input's; without a deployed version it
// is false.
func (st *state) putAction(in putInput) (*action, *modelError) {
	if in.name == "" || len(in.triggers) == 0 {
		return nil, invalid("the action needs a Name and at least one SupportedTriggers entry")
	}
	now := st.now()
	c := in.content.clone()
	c.secrets = seededSecrets(c.secrets, now)
	if e := checkDraft(c); e != nil {
		return nil, e
	}
	for _, t := range c.triggers {
		if !knownTrigger(t.ID) {
			return nil, invalid(fmt.Sprintf("unknown trigger %q", t.ID))
		}
	}
	fillDefaults(&c)

	id := in.id
	if id == "" {
		id = newUUID()
	}
	if other := st.actionByName(in.name); other != nil && other.id != id {
		return nil, &modelError{kind: errConflict, msg: fmt.Sprintf("the name %q is used by action %s", in.name, other.id)}
	}
	a := &action{id: id, name: in.name, content: c, createdAt: orNow(in.createdAt, now),
		installedIntegrationID: in.installedIntegrationID, integration: slices.Clone(in.integration), draftID: newUUID()}
	a.updatedAt = orNow(in.updatedAt, a.createdAt)
	if in.draftID != "" {
		a.draftID = in.draftID
	}
	if old := st.actions[id]; old != nil {
		a.seq = old.seq
	} else {
		a.seq = st.nextSeq()
	}
	switch in.status {
	case "", statusBuilt:
		a.status, a.builtAt, a.buildStart = statusBuilt, orNow(in.builtAt, now), a.updatedAt
	case statusPending, statusBuilding, statusPackaged, statusRetrying:
		st.startBuild(a, now)
		a.status = in.status
	default:
		a.status, a.builtAt, a.buildStart = in.status, in.builtAt, a.updatedAt
	}
	if dv := in.deployed; dv != nil {
		v := st.putVersion(dv, c, now)
		a.versions = []*version{v}
		a.deployed = v
		a.allChangesDeployed = in.allChangesDeployed
	}
	st.actions[id] = a
	return a, nil
}

// putVersion makes the deployed version of putAction from in, taking what
// in leaves out from the draft c.
func (st *state) putVersion(in *putVersion, c content, now time.Time) *version {
	v := &version{id: in.id, number: in.number, content: c.clone(), status: in.status, errors: slices.Clone(in.errors),
		builtAt: in.builtAt, createdAt: orNow(in.createdAt, now)}
	if in.code != "" {
		v.code = in.code
	}
	if in.runtime != "" {
		v.runtime = in.runtime
	}
	if in.deps != nil {
		v.deps = slices.Clone(in.deps)
	}
	if in.secrets != nil {
		v.secrets = seededSecrets(in.secrets, now)
	}
	if in.modules != nil {
		v.modules = slices.Clone(in.modules)
	}
	if in.triggers != nil {
		v.triggers = slices.Clone(in.triggers)
	}
	if v.id == "" {
		v.id = newUUID()
	}
	if v.number < 1 {
		v.number = 1
	}
	if v.status == "" {
		v.status = statusBuilt
	}
	if v.builtAt.IsZero() {
		v.builtAt = v.createdAt
	}
	v.updatedAt = orNow(in.updatedAt, v.createdAt)
	return v
}

// seededSecrets returns a copy of ss in which a zero update time is now.
func seededSecrets(ss []secret, now time.Time) []secret {
	if ss == nil {
		return nil
	}
	out := make([]secret, len(ss))
	for i, s := range ss {
		s.updatedAt = orNow(s.updatedAt, now)
		out[i] = s
	}
	return out
}

// addExecution stores an execution for GET /actions/executions/{id},
// replacing any with its ID, and returns it as stored. Defaults: a random
// ID, status "final", created now and updated when created.
func (st *state) addExecution(e auth0.Execution) auth0.Execution {
	now := st.now()
	e.CreatedAt = orNow(e.CreatedAt, now)
	e.UpdatedAt = orNow(e.UpdatedAt, e.CreatedAt)
	if e.ID == "" {
		e.ID = randomHex(16)
	}
	if e.Status == "" {
		e.Status = auth0.ExecutionStatusFinal
	}
	st.executions[e.ID] = e
	return e
}

// failBuildsOf makes every later build of the action named name fail with
// errs, or with one generic error when errs is empty.
func (st *state) failBuildsOf(name string, errs []auth0.ActionError) {
	if len(errs) == 0 {
		errs = []auth0.ActionError{{ID: "err_build", Msg: "Build failed for action " + name}}
	}
	st.failBuilds[name] = slices.Clone(errs)
}

// setTestResult sets the payload the action's test answers (nil: the
// default, a successful run's stats).
func (st *state) setTestResult(id string, payload json.RawMessage) *modelError {
	a, e := st.action(id)
	if e != nil {
		return e
	}
	a.testResult = payload
	return nil
}

// seedModuleRefs turns a seed's module references into the two IDs the
// API takes: by module_name (or module_id) with module_version_number, or
// the module's latest version without a number. References with both IDs
// are kept as they are.
func (st *state) seedModuleRefs(refs []auth0.ActionModuleReference) ([]auth0.ActionModuleReference, error) {
	if refs == nil {
		return nil, nil
	}
	out := make([]auth0.ActionModuleReference, len(refs))
	for i, r := range refs {
		if r.ModuleID != "" && r.ModuleVersionID != "" {
			out[i] = r
			continue
		}
		m := st.modules[r.ModuleID]
		if r.ModuleName != "" {
			m = st.moduleByName(r.ModuleName)
		}
		if m == nil {
			return nil, fmt.Errorf("modules[%d]: no module named %q", i, r.ModuleName+r.ModuleID)
		}
		v := m.latest()
		if n := r.ModuleVersionNumber; n != 0 {
			j := slices.IndexFunc(m.versions, func(v *moduleVersion) bool { return v.number == n })
			if j < 0 {
				return nil, fmt.Errorf("modules[%d]: the module %s has no version %d", i, m.name, n)
			}
			v = m.versions[j]
		}
		if v == nil {
			return nil, fmt.Errorf("modules[%d]: the module %s has no published version (publish it: \"publish\": true)", i, m.name)
		}
		out[i] = auth0.ActionModuleReference{ModuleID: m.id, ModuleVersionID: v.id}
	}
	return out, nil
}

// seedAction creates an action as a create request would and finishes its
// build at once, whatever the build options; with in.Deploy it deploys the
// build as version 1. The deploy lag is over: a seed is the tenant as it
// was long before the test.
func (st *state) seedAction(in *actionInput) (*action, *modelError) {
	deploy := in.Deploy
	in.Deploy = false
	a, e := st.createAction(in)
	if e != nil {
		return nil, e
	}
	now := st.now()
	if errs := st.buildFailure(a); errs != nil {
		a.status, a.buildErrors = statusFailed, errs
		return a, nil
	}
	a.status, a.builtAt = statusBuilt, now
	if deploy {
		st.deploy(a, a.content, a.builtAt, now)
		a.deployedAt = time.Time{}
	}
	return a, nil
}
