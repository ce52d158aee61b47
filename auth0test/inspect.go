package auth0test

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
)

// convert turns a wire value into the SDK's type by way of JSON, the way a
// client would see it.
func convert[T any](s *Server, v any) T {
	var out T
	b, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		s.t.Errorf("auth0test: converting %T: %v", v, err)
	}
	return out
}

// AddAction creates an action as POST /actions/actions would, with the
// same validation, and returns it as a GET would show it then (built, by
// default). A Deploy of true deploys it once built. Params the API would
// refuse fail the test (t.Fatalf: call it from the test's goroutine).
func (s *Server) AddAction(params auth0.ActionNewParams) auth0.Action {
	s.t.Helper()
	body, err := json.Marshal(params)
	if err != nil {
		s.t.Fatalf("auth0test: AddAction: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		s.t.Fatalf("auth0test: AddAction: %v", err)
	}
	if e := createActionSchema.validate(v, ""); e != nil {
		s.t.Fatalf("auth0test: AddAction: %s", e.message("Payload"))
	}
	var in actionInput
	if err := json.Unmarshal(body, &in); err != nil {
		s.t.Fatalf("auth0test: AddAction: %v", err)
	}
	s.mu.Lock()
	a, e := s.st.createAction(&in)
	var w *wireAction
	if e == nil {
		s.st.advance(a)
		w = a.wire(true)
	}
	s.mu.Unlock()
	if e != nil {
		s.t.Fatalf("auth0test: AddAction: %d %s", httpError(e).status, e.msg)
	}
	return convert[auth0.Action](s, w)
}

// PutAction stores a as it is, replacing any action with its ID, for
// states the API cannot reach in a few calls (a marketplace integration, a
// deployed version numbered 7, a failed build). A "pending" or "building"
// status starts a build that finishes as the build options say. Defaults: a
// new ID; CreatedAt and UpdatedAt now; Status "built" (BuiltAt now); the
// current version of each trigger; runtime node22. A DeployedVersion
// becomes the action's only version (number 1 unless set), deployed;
// its empty fields are taken from the action. Secret values are unknown,
// so they read as "". A missing name or trigger, an unknown trigger, or a
// name used by another action fails the test (t.Fatalf).
func (s *Server) PutAction(a auth0.Action) auth0.Action {
	s.t.Helper()
	if a.Name == "" || len(a.SupportedTriggers) == 0 {
		s.t.Fatalf("auth0test: PutAction: the action needs a Name and at least one SupportedTriggers entry")
	}
	now := s.cfg.now()
	c := content{code: a.Code, runtime: a.Runtime, deps: toDeps(a.Dependencies), modules: toModules(a.Modules),
		secrets: toSecrets(a.Secrets, now)}
	for _, t := range a.SupportedTriggers {
		c.triggers = append(c.triggers, triggerRef{ID: string(t.ID), Version: t.Version})
	}
	if e := checkDraft(c); e != nil {
		s.t.Fatalf("auth0test: PutAction: %s", e.msg)
	}
	for _, t := range c.triggers {
		if !knownTrigger(t.ID) {
			s.t.Fatalf("auth0test: PutAction: unknown trigger %q", t.ID)
		}
	}
	fillDefaults(&c)

	if a.ID == "" {
		a.ID = newUUID()
	}
	s.mu.Lock()
	if other := s.st.actionByName(a.Name); other != nil && other.id != a.ID {
		s.mu.Unlock()
		s.t.Fatalf("auth0test: PutAction: the name %q is used by action %s", a.Name, other.id)
	}
	st := &action{id: a.ID, name: a.Name, content: c, createdAt: orNow(a.CreatedAt, now),
		installedIntegrationID: a.InstalledIntegrationID, draftID: newUUID()}
	st.updatedAt = orNow(a.UpdatedAt, st.createdAt)
	if a.CurrentVersion != nil && a.CurrentVersion.ID != "" {
		st.draftID = a.CurrentVersion.ID
	}
	if a.Integration != nil {
		st.integration, _ = json.Marshal(a.Integration)
	}
	if old := s.st.actions[a.ID]; old != nil {
		st.seq = old.seq
	} else {
		st.seq = s.st.nextSeq()
	}
	switch status := string(a.Status); status {
	case "", statusBuilt:
		st.status, st.builtAt, st.buildStart = statusBuilt, orNow(a.BuiltAt, now), st.updatedAt
	case statusPending, statusBuilding:
		s.st.startBuild(st, now)
		st.status = status
	default:
		st.status, st.builtAt, st.buildStart = status, a.BuiltAt, st.updatedAt
	}
	if dv := a.DeployedVersion; dv != nil {
		v := &version{id: dv.ID, number: dv.Number, status: string(dv.Status), builtAt: dv.BuiltAt,
			createdAt: orNow(dv.CreatedAt, now), errors: slices.Clone(dv.Errors)}
		v.content = c.clone()
		if dv.Code != "" {
			v.code = dv.Code
		}
		if dv.Runtime != "" {
			v.runtime = dv.Runtime
		}
		if dv.Dependencies != nil {
			v.deps = toDeps(dv.Dependencies)
		}
		if dv.Secrets != nil {
			v.secrets = toSecrets(dv.Secrets, now)
		}
		if dv.Modules != nil {
			v.modules = toModules(dv.Modules)
		}
		if dv.SupportedTriggers != nil {
			v.triggers = nil
			for _, t := range dv.SupportedTriggers {
				v.triggers = append(v.triggers, triggerRef{ID: string(t.ID), Version: t.Version})
			}
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
		v.updatedAt = orNow(dv.UpdatedAt, v.createdAt)
		st.versions = []*version{v}
		st.deployed = v
		st.allChangesDeployed = a.AllChangesDeployed
	}
	s.st.actions[a.ID] = st
	w := st.wire(true)
	s.mu.Unlock()
	return convert[auth0.Action](s, w)
}

func toDeps(ds []auth0.ActionDependency) []dependency {
	var out []dependency
	for _, d := range ds {
		out = append(out, dependency{Name: d.Name, Version: d.Version, RegistryURL: d.RegistryURL})
	}
	return out
}

func toModules(ms []auth0.ActionModuleReference) []moduleRef {
	var out []moduleRef
	for _, m := range ms {
		out = append(out, moduleRef{ModuleID: m.ModuleID, ModuleName: m.ModuleName,
			ModuleVersionID: m.ModuleVersionID, ModuleVersionNumber: m.ModuleVersionNumber})
	}
	return out
}

func toSecrets(ss []auth0.ActionSecret, now time.Time) []secret {
	var out []secret
	for _, x := range ss {
		out = append(out, secret{name: x.Name, updatedAt: orNow(x.UpdatedAt, now)})
	}
	return out
}

// AddExecution stores an execution for GET /actions/executions/{id} and
// returns it as that GET shows it. Defaults: a random ID, Status "final",
// CreatedAt now and UpdatedAt = CreatedAt.
func (s *Server) AddExecution(e auth0.Execution) auth0.Execution {
	s.t.Helper()
	now := s.cfg.now()
	e.CreatedAt = orNow(e.CreatedAt, now)
	e.UpdatedAt = orNow(e.UpdatedAt, e.CreatedAt)
	if e.ID == "" {
		e.ID = randomHex(16)
	}
	if e.Status == "" {
		e.Status = auth0.ExecutionStatusFinal
	}
	w := toWireExecution(e)
	s.mu.Lock()
	s.st.executions[e.ID] = e
	s.mu.Unlock()
	return convert[auth0.Execution](s, w)
}

// Action returns the action with this ID as GET would show it (the read
// does not count toward WithBuildAfterReads), and whether it exists.
func (s *Server) Action(id string) (auth0.Action, bool) {
	s.mu.Lock()
	a := s.st.actions[id]
	var w *wireAction
	if a != nil {
		s.st.advance(a)
		w = a.wire(true)
	}
	s.mu.Unlock()
	if w == nil {
		return auth0.Action{}, false
	}
	return convert[auth0.Action](s, w), true
}

// Actions returns every action, in the order the list endpoint gives.
func (s *Server) Actions() []auth0.Action {
	s.mu.Lock()
	var ws []*wireAction
	for _, a := range s.st.sortedActions() {
		ws = append(ws, a.wire(true))
	}
	s.mu.Unlock()
	return convert[[]auth0.Action](s, ws)
}

// Versions returns an action's versions, newest first, as the list
// endpoint gives them; nil for an unknown action.
func (s *Server) Versions(actionID string) []auth0.ActionVersion {
	s.mu.Lock()
	a := s.st.actions[actionID]
	var ws []*wireVersion
	if a != nil {
		s.st.advance(a)
		for i := len(a.versions) - 1; i >= 0; i-- {
			ws = append(ws, a.wireVersion(a.versions[i], viewFull))
		}
	}
	s.mu.Unlock()
	if ws == nil {
		return nil
	}
	return convert[[]auth0.ActionVersion](s, ws)
}

// Bindings returns a trigger's bindings, in execution order.
func (s *Server) Bindings(trigger auth0.TriggerID) []auth0.Binding {
	s.mu.Lock()
	ws := s.st.wireBindings(string(trigger), s.st.bindings[string(trigger)])
	s.mu.Unlock()
	if len(ws) == 0 {
		return nil
	}
	return convert[[]auth0.Binding](s, ws)
}

// BuildErrors returns the errors of an action's failed build, or nil when
// its last build did not fail. The API has nowhere to show them for a
// draft; a Deploy of the action is refused with a 400 that lists them.
func (s *Server) BuildErrors(actionID string) []auth0.ActionError {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.st.actions[actionID]
	if a == nil {
		return nil
	}
	s.st.advance(a)
	return slices.Clone(a.buildErrors)
}

// FailBuilds makes every later build of the action named name fail
// (status "failed"), with errs as its build errors (one generic error when
// none is given), until the server closes. To fail one build and then let a
// fix succeed, put FailBuildMarker in the code instead.
func (s *Server) FailBuilds(name string, errs ...auth0.ActionError) {
	if len(errs) == 0 {
		errs = []auth0.ActionError{{ID: "err_build", Msg: "Build failed for action " + name}}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.failBuilds[name] = slices.Clone(errs)
}

// SetTestResult sets what POST /actions/actions/{id}/test answers for this
// action: {"payload": payload}. A nil payload restores the default, a
// successful run's {"stats": {...}}. To script a runtime failure, put an
// "error" object ({"message", "name", "stack"}) in payload: the live API
// still answers 200. An unknown action fails the test (t.Fatalf).
func (s *Server) SetTestResult(actionID string, payload map[string]any) {
	s.t.Helper()
	var raw json.RawMessage
	if payload != nil {
		var err error
		if raw, err = json.Marshal(payload); err != nil {
			s.t.Fatalf("auth0test: SetTestResult: %v", err)
		}
	}
	s.mu.Lock()
	a := s.st.actions[actionID]
	if a != nil {
		a.testResult = raw
	}
	s.mu.Unlock()
	if a == nil {
		s.t.Fatalf("auth0test: SetTestResult: no action %q", actionID)
	}
}
