package auth0test

import (
	"encoding/json"
	"net/http"
)

// Handlers of the action endpoints. Each runs with s.mu held, after its
// route's checks (routes.go): it reads the request, calls the model and
// shapes the answer.

func (s *Server) listActions(c *call) (int, any, *modelError) {
	matched := s.st.listActions(actionFilter{trigger: c.query.str("triggerId"), name: c.query.str("actionName"),
		deployed: c.query.boolean("deployed"), installed: c.query.boolean("installed")})
	p := actionsPage(c.query, len(matched))
	items := make([]*wireAction, 0, p.hi-p.lo)
	for _, a := range matched[p.lo:p.hi] {
		items = append(items, a.wire(false))
	}
	p.env["actions"] = items
	return http.StatusOK, p.env, nil
}

func (s *Server) newAction(c *call) (int, any, *modelError) {
	var in actionInput
	if e := c.decode(&in); e != nil {
		return 0, nil, e
	}
	a, e := s.st.createAction(&in)
	if e != nil {
		return 0, nil, e
	}
	// With deploy:true the live response carries current_version.
	return http.StatusCreated, a.wire(in.Deploy), nil
}

func (s *Server) getAction(c *call) (int, any, *modelError) {
	a, e := s.st.readAction(c.params[0])
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, a.wire(true), nil
}

func (s *Server) updateAction(c *call) (int, any, *modelError) {
	var in actionInput
	if e := c.decode(&in); e != nil {
		return 0, nil, e
	}
	a, e := s.st.updateAction(c.params[0], &in)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, a.wire(false), nil
}

func (s *Server) deleteAction(c *call) (int, any, *modelError) {
	force := c.query.boolean("force")
	if e := s.st.deleteAction(c.params[0], force != nil && *force); e != nil {
		return 0, nil, e
	}
	return http.StatusNoContent, nil, nil
}

func (s *Server) deployAction(c *call) (int, any, *modelError) {
	d, e := s.st.deployAction(c.params[0])
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, wireDeployment(d), nil // 200, as live; the document says 202
}

// defaultTestResult is a successful run's payload, shaped like the live
// API's stats.
func defaultTestResult() map[string]any {
	return map[string]any{"stats": map[string]int{
		"total_request_duration_ms":           96,
		"total_runtime_execution_duration_ms": 52,
		"runtime_processing_duration_ms":      7,
		"action_duration_ms":                  41,
		"runtime_external_call_duration_ms":   0,
		"boot_duration_ms":                    48,
		"network_duration_ms":                 3,
	}}
}

func (s *Server) testAction(c *call) (int, any, *modelError) {
	result, e := s.st.testAction(c.params[0])
	if e != nil {
		return 0, nil, e
	}
	if result != nil {
		return http.StatusOK, map[string]json.RawMessage{"payload": result}, nil
	}
	return http.StatusOK, map[string]any{"payload": defaultTestResult()}, nil
}

func (s *Server) listVersions(c *call) (int, any, *modelError) {
	a, newest, e := s.st.actionVersions(c.params[0])
	if e != nil {
		return 0, nil, e
	}
	p := actionsPage(c.query, len(newest))
	items := make([]*wireVersion, 0, p.hi-p.lo)
	for _, v := range newest[p.lo:p.hi] {
		items = append(items, a.wireVersion(v, viewFull))
	}
	p.env["versions"] = items
	return http.StatusOK, p.env, nil
}

func (s *Server) getVersion(c *call) (int, any, *modelError) {
	a, v, e := s.st.actionVersion(c.params[0], c.params[1])
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, a.wireVersion(v, viewFull), nil
}

func (s *Server) rollbackAction(c *call) (int, any, *modelError) {
	var in struct {
		UpdateDraft bool `json:"update_draft"`
	}
	if e := c.decode(&in); e != nil {
		return 0, nil, e
	}
	d, e := s.st.rollbackAction(c.params[0], c.params[1], in.UpdateDraft)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, wireDeployment(d), nil
}
