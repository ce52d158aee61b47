package auth0test

import "net/http"

// Handlers of the Action Modules endpoints; s.mu is held. Status codes are
// the live API's: create 201, publish and rollback 200, delete 204.

func (s *Server) listModules(c *call) (int, any, *modelError) {
	all := s.st.sortedModules()
	p := modulesPage(c.query, len(all), true)
	items := make([]*wireModule, 0, p.hi-p.lo)
	for _, m := range all[p.lo:p.hi] {
		items = append(items, s.st.wireModule(m, moduleItem))
	}
	p.env["modules"] = items
	return http.StatusOK, p.env, nil
}

func (s *Server) newModule(c *call) (int, any, *modelError) {
	var in moduleInput
	if e := c.decode(&in); e != nil {
		return 0, nil, e
	}
	m, e := s.st.createModule(&in)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusCreated, s.st.wireModule(m, moduleSingle), nil
}

func (s *Server) getModule(c *call) (int, any, *modelError) {
	m, e := s.st.module(c.params[0])
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, s.st.wireModule(m, moduleSingle), nil
}

func (s *Server) updateModule(c *call) (int, any, *modelError) {
	var in moduleInput
	if e := c.decode(&in); e != nil {
		return 0, nil, e
	}
	m, before, e := s.st.updateModule(c.params[0], &in)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, s.st.wireModuleUpdated(m, before), nil
}

func (s *Server) deleteModule(c *call) (int, any, *modelError) {
	if e := s.st.deleteModule(c.params[0]); e != nil {
		return 0, nil, e
	}
	return http.StatusNoContent, nil, nil
}

func (s *Server) listModuleActions(c *call) (int, any, *modelError) {
	uses, e := s.st.moduleActions(c.params[0])
	if e != nil {
		return 0, nil, e
	}
	p := actionsPage(c.query, len(uses))
	items := make([]wireModuleAction, 0, p.hi-p.lo)
	for _, u := range uses[p.lo:p.hi] {
		items = append(items, wireModuleActionOf(u))
	}
	p.env["actions"] = items
	return http.StatusOK, p.env, nil
}

func (s *Server) rollbackModule(c *call) (int, any, *modelError) {
	var in struct {
		ModuleVersionID string `json:"module_version_id"`
	}
	if e := c.decode(&in); e != nil {
		return 0, nil, e
	}
	m, e := s.st.rollbackModule(c.params[0], in.ModuleVersionID)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, s.st.wireModule(m, moduleSingle), nil
}

func (s *Server) listModuleVersions(c *call) (int, any, *modelError) {
	vs, e := s.st.moduleVersions(c.params[0])
	if e != nil {
		return 0, nil, e
	}
	p := modulesPage(c.query, len(vs), false)
	items := make([]*wireModuleVersion, 0, p.hi-p.lo)
	for _, v := range vs[p.lo:p.hi] {
		items = append(items, wireModuleVersionOf(v))
	}
	p.env["versions"] = items
	return http.StatusOK, p.env, nil
}

func (s *Server) publishModule(c *call) (int, any, *modelError) {
	v, e := s.st.publishModule(c.params[0])
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, wireModuleVersionOf(v), nil
}

func (s *Server) getModuleVersion(c *call) (int, any, *modelError) {
	v, e := s.st.moduleVersion(c.params[0], c.params[1])
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, wireModuleVersionOf(v), nil
}
