package auth0test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
)

// Build statuses, as the API spells them.
const (
	statusPending  = "pending"
	statusBuilding = "building"
	statusPackaged = "packaged"
	statusRetrying = "retrying"
	statusBuilt    = "built"
	statusFailed   = "failed"
)

// msgDraftNotBuilt is the live API's 400 to a deploy of a draft that is
// not built (users' reports: auth0-deploy-cli #395, terraform-provider-auth0
// #470; no recording holds the exchange). Auth0's Deploy CLI and Terraform
// provider retry on its phrase "must be in the 'built' state". A failed
// draft gets the same answer here: the live answer to it is not recorded,
// and a failed draft is not built either.
const msgDraftNotBuilt = "A draft must be in the 'built' state before it can be deployed."

// FailBuildMarker makes a build fail: an action whose code contains it ends
// in status "failed" instead of "built", as if npm or the bundler had
// refused it. Server.FailBuilds does the same by action name.
const FailBuildMarker = "auth0test:fail-build"

// triggerRef is a trigger and version, as in supported_triggers.
type triggerRef struct {
	ID      string `json:"id"`
	Version string `json:"version,omitempty"`
}

type dependency struct {
	Name        string `json:"name,omitempty"`
	Version     string `json:"version,omitempty"`
	RegistryURL string `json:"registry_url,omitempty"`
}

// moduleRef is an action's reference to a module version.
type moduleRef struct {
	ModuleID            string `json:"module_id,omitempty"`
	ModuleName          string `json:"module_name,omitempty"`
	ModuleVersionID     string `json:"module_version_id,omitempty"`
	ModuleVersionNumber int    `json:"module_version_number,omitempty"`
}

// content is what an action's draft and its versions hold.
type content struct {
	code     string
	deps     []dependency
	runtime  string
	secrets  []secret
	triggers []triggerRef
	modules  []moduleRef
}

func (c content) clone() content {
	c.deps = slices.Clone(c.deps)
	c.secrets = slices.Clone(c.secrets)
	c.triggers = slices.Clone(c.triggers)
	c.modules = slices.Clone(c.modules)
	return c
}

func (c content) equal(o content) bool {
	return c.code == o.code && c.runtime == o.runtime && slices.Equal(c.deps, o.deps) &&
		slices.Equal(c.triggers, o.triggers) && slices.Equal(c.modules, o.modules) && secretsEqual(c.secrets, o.secrets)
}

func (c content) supports(trigger string) bool {
	return slices.ContainsFunc(c.triggers, func(t triggerRef) bool { return t.ID == trigger })
}

type action struct {
	id   string
	name string
	content
	seq                    int
	createdAt, updatedAt   time.Time
	status                 string
	builtAt                time.Time
	buildStart             time.Time
	reads                  int
	buildErrors            []auth0.ActionError
	draftID                string
	deployOnBuild          bool
	versions               []*version // oldest first
	deployed               *version
	deployedAt             time.Time // when the last deploy or roll-back happened
	allChangesDeployed     bool
	installedIntegrationID string
	integration            json.RawMessage
	testResult             json.RawMessage
}

type version struct {
	id     string
	number int
	content
	status               string
	errors               []auth0.ActionError
	builtAt              time.Time
	createdAt, updatedAt time.Time
}

func (a *action) version(id string) *version {
	for _, v := range a.versions {
		if v.id == id {
			return v
		}
	}
	return nil
}

func (st *state) actionByName(name string) *action {
	for _, a := range st.actions {
		if a.name == name {
			return a
		}
	}
	return nil
}

func (st *state) action(id string) (*action, *modelError) {
	if a := st.actions[id]; a != nil {
		return a, nil
	}
	return nil, errActionNotFound
}

// sortedActions returns every action in creation order, builds advanced.
func (st *state) sortedActions() []*action {
	out := make([]*action, 0, len(st.actions))
	for _, a := range st.actions {
		st.advance(a)
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *action) int { return a.seq - b.seq })
	return out
}

// actionFilter is the query of the action list; nil fields match all.
type actionFilter struct {
	trigger, name       *string
	deployed, installed *bool
}

func (st *state) listActions(f actionFilter) []*action {
	var out []*action
	for _, a := range st.sortedActions() {
		switch {
		case f.trigger != nil && !a.supports(*f.trigger),
			f.name != nil && a.name != *f.name,
			f.deployed != nil && (a.deployed != nil) != *f.deployed,
			f.installed != nil && (a.installedIntegrationID != "") != *f.installed:
			continue
		}
		// A list that shows the action is a read of it, as a client that
		// polls the list sees its build move on (WithBuildAfterReads).
		a.reads++
		st.advance(a)
		out = append(out, a)
	}
	return out
}

func nameTaken(name string) *modelError {
	return &modelError{kind: errConflict, msg: fmt.Sprintf("An action with the name '%s' already exists.", name)}
}

// createAction adds an action. With in.Deploy it is deployed once built
// (at once, by default).
func (st *state) createAction(in *actionInput) (*action, *modelError) {
	name := *in.Name
	if st.actionByName(name) != nil {
		return nil, nameTaken(name)
	}
	c, e := st.draft(in, content{}, "CreateActionRequest")
	if e != nil {
		return nil, e
	}
	now := st.now()
	a := &action{id: newUUID(), name: name, content: c, seq: st.nextSeq(), createdAt: now, updatedAt: now}
	st.startBuild(a, now)
	a.deployOnBuild = in.Deploy
	st.actions[a.id] = a
	if a.deployOnBuild && st.buildReady(a, now) {
		st.advance(a)
	}
	return a, nil
}

// readAction is a GET of the action: it counts toward WithBuildAfterReads.
func (st *state) readAction(id string) (*action, *modelError) {
	a, e := st.action(id)
	if e != nil {
		return nil, e
	}
	a.reads++
	st.advance(a)
	return a, nil
}

func (st *state) updateAction(id string, in *actionInput) (*action, *modelError) {
	a, e := st.action(id)
	if e != nil {
		return nil, e
	}
	name := a.name
	if in.Name != nil && *in.Name != a.name {
		if st.actionByName(*in.Name) != nil {
			return nil, nameTaken(*in.Name)
		}
		name = *in.Name
	}
	c, e := st.draft(in, a.content, "UpdateActionRequest")
	if e != nil {
		return nil, e
	}
	now := st.now()
	a.name, a.content, a.updatedAt = name, c, now
	st.startBuild(a, now)
	return a, nil
}

// deleteAction deletes an action; one that is bound needs force, which
// unbinds it.
func (st *state) deleteAction(id string, force bool) *modelError {
	a, e := st.action(id)
	if e != nil {
		return e
	}
	if bound := st.boundTo(a.id); len(bound) > 0 {
		if !force {
			return invalid(fmt.Sprintf("The action is bound to the trigger(s) %s; remove its bindings first, or delete it with force=true.",
				strings.Join(bound, ", ")))
		}
		for _, trig := range bound {
			st.bindings[trig] = slices.DeleteFunc(st.bindings[trig], func(b *binding) bool { return b.actionID == a.id })
		}
	}
	delete(st.actions, a.id)
	return nil
}

// deployment is what a deploy or roll-back did: the new version, and the
// action as it was before (the live response shows that summary).
type deployment struct {
	action  *action
	before  action
	version *version
}

// deployAction deploys a built draft as the next version.
func (st *state) deployAction(id string) (*deployment, *modelError) {
	a, e := st.action(id)
	if e != nil {
		return nil, e
	}
	st.advance(a)
	if a.status != statusBuilt {
		return nil, invalid(msgDraftNotBuilt)
	}
	d := &deployment{action: a, before: *a}
	d.version = st.deploy(a, a.content, a.builtAt, st.now())
	return d, nil
}

// rollbackAction deploys a copy of an old version as a new one and, with
// updateDraft, makes it the draft too.
func (st *state) rollbackAction(id, versionID string, updateDraft bool) (*deployment, *modelError) {
	a, e := st.action(id)
	if e != nil {
		return nil, e
	}
	old := a.version(versionID)
	if old == nil {
		return nil, errVersionNotFound
	}
	st.advance(a)
	now := st.now()
	d := &deployment{action: a, before: *a}
	if updateDraft {
		a.content = old.content.clone()
		a.draftID = newUUID()
		a.status, a.builtAt, a.buildErrors, a.reads = statusBuilt, now, nil, 0
		a.deployOnBuild = false
		a.updatedAt = now
	}
	d.version = st.deploy(a, old.content, old.builtAt, now)
	return d, nil
}

// actionVersions returns an action and its versions, newest first.
func (st *state) actionVersions(id string) (*action, []*version, *modelError) {
	a, e := st.action(id)
	if e != nil {
		return nil, nil, e
	}
	st.advance(a)
	newest := slices.Clone(a.versions)
	slices.Reverse(newest)
	return a, newest, nil
}

func (st *state) actionVersion(id, versionID string) (*action, *version, *modelError) {
	a, e := st.action(id)
	if e != nil {
		return nil, nil, e
	}
	v := a.version(versionID)
	if v == nil {
		return nil, nil, errVersionNotFound
	}
	st.advance(a)
	return a, v, nil
}

// testAction returns the payload SetTestResult set for the action, or nil
// for the default.
func (st *state) testAction(id string) (json.RawMessage, *modelError) {
	a, e := st.action(id)
	if e != nil {
		return nil, e
	}
	return a.testResult, nil
}

func (st *state) execution(id string) (auth0.Execution, *modelError) {
	ex, ok := st.executions[id]
	if !ok {
		return auth0.Execution{}, errExecutionNotFound
	}
	return ex, nil
}
