package auth0test

import "net/http"

// Handlers of the trigger, binding and execution endpoints; s.mu is held.

func (s *Server) listTriggers(*call) (int, any, *modelError) {
	return http.StatusOK, map[string]any{"triggers": catalogue}, nil
}

func (s *Server) listBindings(c *call) (int, any, *modelError) {
	trigger := c.params[0]
	bs := s.st.listBindings(trigger)
	p := actionsPage(c.query, len(bs))
	p.env["bindings"] = s.st.wireBindings(trigger, bs[p.lo:p.hi])
	return http.StatusOK, p.env, nil
}

func (s *Server) updateBindings(c *call) (int, any, *modelError) {
	var in struct {
		Bindings []bindingInput `json:"bindings"`
	}
	if e := c.decode(&in); e != nil {
		return 0, nil, e
	}
	trigger := c.params[0]
	bs, e := s.st.updateBindings(trigger, in.Bindings)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, map[string]any{"bindings": s.st.wireBindings(trigger, bs)}, nil
}

func (s *Server) getExecution(c *call) (int, any, *modelError) {
	ex, e := s.st.execution(c.params[0])
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, toWireExecution(ex), nil
}
