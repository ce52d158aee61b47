package auth0test

import (
	"bytes"
	"encoding/json"

	auth0 "github.com/actions-sdk/auth0-go"
)

// Seeding and inspection of Action Modules, in the manner of AddAction and
// Action: the state is read and changed as the endpoints would, without
// HTTP, and returned in the SDK's types as the endpoints would show it.

// AddModule creates a module as POST /actions/modules would, with the same
// validation and limits (with params.Publish it is published as version
// 1), and returns it as GET /actions/modules/{id} would show it then.
// Params the API would refuse, or a name that is taken, fail the test
// (t.Fatalf: call it from the test's goroutine).
func (s *Server) AddModule(params auth0.ModuleNewParams) auth0.ActionModule {
	s.t.Helper()
	body, err := json.Marshal(params)
	if err != nil {
		s.t.Fatalf("auth0test: AddModule: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		s.t.Fatalf("auth0test: AddModule: %v", err)
	}
	if e := createModuleSchema.validate(v, ""); e != nil {
		s.t.Fatalf("auth0test: AddModule: %s", e.message("Payload"))
	}
	var in moduleInput
	if err := json.Unmarshal(body, &in); err != nil {
		s.t.Fatalf("auth0test: AddModule: %v", err)
	}
	s.mu.Lock()
	m, e := s.st.createModule(&in)
	var w *wireModule
	if e == nil {
		w = s.st.wireModule(m, moduleSingle)
	}
	s.mu.Unlock()
	if e != nil {
		s.t.Fatalf("auth0test: AddModule: %d %s", httpError(e).status, e.msg)
	}
	return convert[auth0.ActionModule](s, w)
}

// PublishModule publishes the module's draft as its next version, as POST
// /actions/modules/{id}/versions would, and returns the version. An
// unknown module, a draft with nothing new since the last version, or a
// module at its version limit fails the test (t.Fatalf).
func (s *Server) PublishModule(moduleID string) auth0.ActionModuleVersion {
	s.t.Helper()
	s.mu.Lock()
	v, e := s.st.publishModule(moduleID)
	var w *wireModuleVersion
	if e == nil {
		w = wireModuleVersionOf(v)
	}
	s.mu.Unlock()
	if e != nil {
		s.t.Fatalf("auth0test: PublishModule: %d %s", httpError(e).status, e.msg)
	}
	return convert[auth0.ActionModuleVersion](s, w)
}

// Module returns the module with this ID as GET /actions/modules/{id}
// would show it (with LatestVersion once published), and whether it
// exists.
func (s *Server) Module(id string) (auth0.ActionModule, bool) {
	s.mu.Lock()
	var w *wireModule
	if m := s.st.modules[id]; m != nil {
		w = s.st.wireModule(m, moduleSingle)
	}
	s.mu.Unlock()
	if w == nil {
		return auth0.ActionModule{}, false
	}
	return convert[auth0.ActionModule](s, w), true
}

// Modules returns every module in the order the list endpoint gives, each
// as Module shows it.
func (s *Server) Modules() []auth0.ActionModule {
	s.mu.Lock()
	var ws []*wireModule
	for _, m := range s.st.sortedModules() {
		ws = append(ws, s.st.wireModule(m, moduleSingle))
	}
	s.mu.Unlock()
	return convert[[]auth0.ActionModule](s, ws)
}

// ModuleVersions returns a module's published versions, newest first, as
// the list endpoint gives them; nil for an unknown module.
func (s *Server) ModuleVersions(moduleID string) []auth0.ActionModuleVersion {
	s.mu.Lock()
	vs, e := s.st.moduleVersions(moduleID)
	ws := make([]*wireModuleVersion, 0, len(vs))
	for _, v := range vs {
		ws = append(ws, wireModuleVersionOf(v))
	}
	s.mu.Unlock()
	if e != nil {
		return nil
	}
	return convert[[]auth0.ActionModuleVersion](s, ws)
}

// ModuleActions returns the actions that use a module, as GET
// /actions/modules/{id}/actions lists them: each action whose deployed
// version or draft references the module, once, with the deployed
// version's reference when it has one. Nil for an unknown module.
func (s *Server) ModuleActions(moduleID string) []auth0.ActionModuleAction {
	s.mu.Lock()
	uses, e := s.st.moduleActions(moduleID)
	ws := make([]wireModuleAction, 0, len(uses))
	for _, u := range uses {
		ws = append(ws, wireModuleActionOf(u))
	}
	s.mu.Unlock()
	if e != nil {
		return nil
	}
	return convert[[]auth0.ActionModuleAction](s, ws)
}
