package auth0test

import (
	"bytes"
	"encoding/json"
	"slices"

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
// deployed version numbered 7, a failed build). The status of a running
// build ("pending", "building", "packaged" or "retrying") starts a build
// that finishes as the build options say. Defaults: a
// new ID; CreatedAt and UpdatedAt now; Status "built" (BuiltAt now); the
// current version of each trigger; runtime node22. A DeployedVersion
// becomes the action's only version (number 1 unless set), deployed;
// its empty fields are taken from the action. Secret values are unknown,
// so they read as "". A missing name or trigger, an unknown trigger, or a
// name used by another action fails the test (t.Fatalf).
func (s *Server) PutAction(a auth0.Action) auth0.Action {
	s.t.Helper()
	in := putInput{id: a.ID, name: a.Name, createdAt: a.CreatedAt, updatedAt: a.UpdatedAt, status: string(a.Status),
		builtAt: a.BuiltAt, installedIntegrationID: a.InstalledIntegrationID, allChangesDeployed: a.AllChangesDeployed,
		content: content{code: a.Code, runtime: a.Runtime, deps: toDeps(a.Dependencies), modules: toModules(a.Modules),
			secrets: toSecrets(a.Secrets), triggers: toTriggers(a.SupportedTriggers)}}
	if a.CurrentVersion != nil {
		in.draftID = a.CurrentVersion.ID
	}
	if a.Integration != nil {
		in.integration, _ = json.Marshal(a.Integration)
	}
	if dv := a.DeployedVersion; dv != nil {
		in.deployed = &putVersion{id: dv.ID, number: dv.Number, status: string(dv.Status), errors: dv.Errors,
			builtAt: dv.BuiltAt, createdAt: dv.CreatedAt, updatedAt: dv.UpdatedAt, code: dv.Code, runtime: dv.Runtime,
			deps: toDeps(dv.Dependencies), secrets: toSecrets(dv.Secrets), modules: toModules(dv.Modules),
			triggers: toTriggers(dv.SupportedTriggers)}
	}
	s.mu.Lock()
	st, e := s.st.putAction(in)
	var w *wireAction
	if e == nil {
		w = st.wire(true)
	}
	s.mu.Unlock()
	if e != nil {
		s.t.Fatalf("auth0test: PutAction: %s", e.msg)
	}
	return convert[auth0.Action](s, w)
}

// The translations below keep a nil list nil, so that the model can tell
// a list left out from an empty one.

func toDeps(ds []auth0.ActionDependency) []dependency {
	if ds == nil {
		return nil
	}
	out := make([]dependency, 0, len(ds))
	for _, d := range ds {
		out = append(out, dependency{Name: d.Name, Version: d.Version, RegistryURL: d.RegistryURL})
	}
	return out
}

func toModules(ms []auth0.ActionModuleReference) []moduleRef {
	if ms == nil {
		return nil
	}
	out := make([]moduleRef, 0, len(ms))
	for _, m := range ms {
		out = append(out, moduleRef{ModuleID: m.ModuleID, ModuleName: m.ModuleName,
			ModuleVersionID: m.ModuleVersionID, ModuleVersionNumber: m.ModuleVersionNumber})
	}
	return out
}

func toSecrets(ss []auth0.ActionSecret) []secret {
	if ss == nil {
		return nil
	}
	out := make([]secret, 0, len(ss))
	for _, x := range ss {
		out = append(out, secret{name: x.Name, updatedAt: x.UpdatedAt})
	}
	return out
}

func toTriggers(ts []auth0.Trigger) []triggerRef {
	if ts == nil {
		return nil
	}
	out := make([]triggerRef, 0, len(ts))
	for _, t := range ts {
		out = append(out, triggerRef{ID: string(t.ID), Version: t.Version})
	}
	return out
}

// AddExecution stores an execution for GET /actions/executions/{id} and
// returns it as that GET shows it. Defaults: a random ID, Status "final",
// CreatedAt now and UpdatedAt = CreatedAt.
func (s *Server) AddExecution(e auth0.Execution) auth0.Execution {
	s.t.Helper()
	s.mu.Lock()
	e = s.st.addExecution(e)
	s.mu.Unlock()
	return convert[auth0.Execution](s, toWireExecution(e))
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
// draft: its status is "failed", and a Deploy of it is refused with the
// 400 of a draft that is not built.
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
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.failBuildsOf(name, errs)
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
	e := s.st.setTestResult(actionID, raw)
	s.mu.Unlock()
	if e != nil {
		s.t.Fatalf("auth0test: SetTestResult: no action %q", actionID)
	}
}
