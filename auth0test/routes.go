package auth0test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Routes, for Fail, Inject, DropConnections and RequestCount: the method
// and the path template below /api/v2, as in Auth0's API reference.
const (
	// RouteActionsList is GET /actions/actions.
	RouteActionsList = "GET /actions/actions"
	// RouteActionsNew is POST /actions/actions.
	RouteActionsNew = "POST /actions/actions"
	// RouteActionsGet is GET /actions/actions/{id}.
	RouteActionsGet = "GET /actions/actions/{id}"
	// RouteActionsUpdate is PATCH /actions/actions/{id}.
	RouteActionsUpdate = "PATCH /actions/actions/{id}"
	// RouteActionsDelete is DELETE /actions/actions/{id}.
	RouteActionsDelete = "DELETE /actions/actions/{id}"
	// RouteActionsDeploy is POST /actions/actions/{id}/deploy.
	RouteActionsDeploy = "POST /actions/actions/{id}/deploy"
	// RouteActionsTest is POST /actions/actions/{id}/test.
	RouteActionsTest = "POST /actions/actions/{id}/test"
	// RouteExecutionsGet is GET /actions/executions/{id}.
	RouteExecutionsGet = "GET /actions/executions/{id}"
	// RouteTriggersList is GET /actions/triggers.
	RouteTriggersList = "GET /actions/triggers"
	// RouteBindingsList is GET /actions/triggers/{triggerId}/bindings.
	RouteBindingsList = "GET /actions/triggers/{triggerId}/bindings"
	// RouteBindingsUpdate is PATCH /actions/triggers/{triggerId}/bindings.
	RouteBindingsUpdate = "PATCH /actions/triggers/{triggerId}/bindings"
	// RouteVersionsList is GET /actions/actions/{actionId}/versions.
	RouteVersionsList = "GET /actions/actions/{actionId}/versions"
	// RouteVersionsGet is GET /actions/actions/{actionId}/versions/{id}.
	RouteVersionsGet = "GET /actions/actions/{actionId}/versions/{id}"
	// RouteVersionsDeploy is POST /actions/actions/{actionId}/versions/{id}/deploy (roll-back).
	RouteVersionsDeploy = "POST /actions/actions/{actionId}/versions/{id}/deploy"

	// RouteModulesList is GET /actions/modules.
	RouteModulesList = "GET /actions/modules"
	// RouteModulesNew is POST /actions/modules.
	RouteModulesNew = "POST /actions/modules"
	// RouteModulesGet is GET /actions/modules/{id}.
	RouteModulesGet = "GET /actions/modules/{id}"
	// RouteModulesUpdate is PATCH /actions/modules/{id}.
	RouteModulesUpdate = "PATCH /actions/modules/{id}"
	// RouteModulesDelete is DELETE /actions/modules/{id}.
	RouteModulesDelete = "DELETE /actions/modules/{id}"
	// RouteModulesListActions is GET /actions/modules/{id}/actions.
	RouteModulesListActions = "GET /actions/modules/{id}/actions"
	// RouteModulesRollback is POST /actions/modules/{id}/rollback.
	RouteModulesRollback = "POST /actions/modules/{id}/rollback"
	// RouteModuleVersionsList is GET /actions/modules/{id}/versions.
	RouteModuleVersionsList = "GET /actions/modules/{id}/versions"
	// RouteModuleVersionsNew is POST /actions/modules/{id}/versions (publish).
	RouteModuleVersionsNew = "POST /actions/modules/{id}/versions"
	// RouteModuleVersionsGet is GET /actions/modules/{id}/versions/{versionId}.
	RouteModuleVersionsGet = "GET /actions/modules/{id}/versions/{versionId}"

	// RouteToken is POST /oauth/token, outside /api/v2.
	RouteToken = "POST /oauth/token"
	// RouteAny matches every request.
	RouteAny = "*"
)

// route is one operation of the API: everything the HTTP layer checks
// before the handler runs, so that handlers start with their work.
type route struct {
	name   string // a Route… constant: the method and the path template
	method string
	segs   []string
	// pathEnums are the path parameters restricted to an enum.
	pathEnums []param
	// query are the query parameters the operation takes.
	query []param
	// body is the request body's schema; nil when the operation takes no
	// body (one that is sent is ignored, as the SDKs send none or {}).
	body   *schema
	handle handler
}

// handler does an operation whose request has been checked: it returns
// the status and the value to send as JSON (nil for no body).
type handler func(s *Server, c *call) (int, any, *modelError)

// call is a checked request, as a handler sees it.
type call struct {
	params []string // the path parameters, in order
	query  query
	body   []byte
}

// decode reads the validated body into v (a request type of the model).
func (c *call) decode(v any) *modelError {
	if len(c.body) == 0 {
		return nil
	}
	if err := json.Unmarshal(c.body, v); err != nil {
		return payloadError("Payload validation error: '" + err.Error() + "'.")
	}
	return nil
}

// routes is the route table: the 24 operations of the Actions API.
var routes = []route{
	{name: RouteActionsList, query: append([]param{triggerIDParam, strParam("actionName"), boolParam("deployed"), boolParam("installed")}, paging...),
		handle: (*Server).listActions},
	{name: RouteActionsNew, body: createActionSchema, handle: (*Server).newAction},
	{name: RouteActionsGet, handle: (*Server).getAction},
	{name: RouteActionsUpdate, body: updateActionSchema, handle: (*Server).updateAction},
	{name: RouteActionsDelete, query: []param{boolParam("force")}, handle: (*Server).deleteAction},
	{name: RouteActionsDeploy, handle: (*Server).deployAction},
	{name: RouteActionsTest, body: testActionSchema, handle: (*Server).testAction},
	{name: RouteExecutionsGet, handle: (*Server).getExecution},
	{name: RouteTriggersList, handle: (*Server).listTriggers},
	{name: RouteBindingsList, pathEnums: []param{triggerIDParam}, query: paging, handle: (*Server).listBindings},
	{name: RouteBindingsUpdate, pathEnums: []param{triggerIDParam}, body: bindingsUpdateSchema, handle: (*Server).updateBindings},
	{name: RouteVersionsList, query: paging, handle: (*Server).listVersions},
	{name: RouteVersionsGet, handle: (*Server).getVersion},
	{name: RouteVersionsDeploy, body: deployVersionSchema, handle: (*Server).rollbackAction},

	{name: RouteModulesList, query: paging, handle: (*Server).listModules},
	{name: RouteModulesNew, body: createModuleSchema, handle: (*Server).newModule},
	{name: RouteModulesGet, handle: (*Server).getModule},
	{name: RouteModulesUpdate, body: updateModuleSchema, handle: (*Server).updateModule},
	{name: RouteModulesDelete, handle: (*Server).deleteModule},
	{name: RouteModulesListActions, query: paging, handle: (*Server).listModuleActions},
	{name: RouteModulesRollback, body: rollbackModuleSchema, handle: (*Server).rollbackModule},
	{name: RouteModuleVersionsList, query: paging, handle: (*Server).listModuleVersions},
	{name: RouteModuleVersionsNew, handle: (*Server).publishModule},
	{name: RouteModuleVersionsGet, handle: (*Server).getModuleVersion},
}

func init() {
	for i := range routes {
		rt := &routes[i]
		method, path, _ := strings.Cut(rt.name, " ")
		rt.method, rt.segs = method, strings.Split(strings.TrimPrefix(path, "/"), "/")
	}
}

// routeMatch is where a request goes.
type routeMatch struct {
	name   string
	api    bool // under /api/v2/
	token  bool // POST /oauth/token
	params []string
	route  *route // nil when no operation matches
}

// match routes a request by its escaped path, split on "/" with each
// segment unescaped, so that IDs containing "/" reach the right endpoint.
func match(r *http.Request) routeMatch {
	p := r.URL.EscapedPath()
	if p == "/oauth/token" {
		if r.Method == http.MethodPost {
			return routeMatch{name: RouteToken, token: true}
		}
		return routeMatch{}
	}
	rest, ok := strings.CutPrefix(p, "/api/v2/")
	if !ok {
		return routeMatch{}
	}
	raw := strings.Split(rest, "/")
	segs := make([]string, len(raw))
	for i, seg := range raw {
		u, err := url.PathUnescape(seg)
		if err != nil || u == "" {
			return routeMatch{api: true}
		}
		segs[i] = u
	}
	for i := range routes {
		rt := &routes[i]
		if params, ok := rt.matches(r.Method, raw, segs); ok {
			return routeMatch{name: rt.name, api: true, params: params, route: rt}
		}
	}
	return routeMatch{api: true}
}

func (rt *route) matches(method string, raw, segs []string) ([]string, bool) {
	if rt.method != method || len(rt.segs) != len(segs) {
		return nil, false
	}
	var params []string
	for i, want := range rt.segs {
		if strings.HasPrefix(want, "{") {
			params = append(params, segs[i])
		} else if want != raw[i] {
			return nil, false
		}
	}
	return params, true
}

// pathParams names the path parameters of the route's template.
func (rt *route) pathParams() []string {
	var out []string
	for _, seg := range rt.segs {
		if strings.HasPrefix(seg, "{") {
			out = append(out, strings.Trim(seg, "{}"))
		}
	}
	return out
}

// checkPath refuses a path parameter outside its enum.
func (rt *route) checkPath(values []string) *apiError {
	names := rt.pathParams()
	for _, p := range rt.pathEnums {
		for i, name := range names {
			if name == p.name && p.check(values[i]) != nil {
				return &apiError{status: http.StatusBadRequest, code: "invalid_uri",
					message: (&verr{fmt.Sprintf("No enum match for: %q", values[i]), p.name}).message("Path")}
			}
		}
	}
	return nil
}

func validRoute(name string) bool {
	if name == RouteAny || name == RouteToken {
		return true
	}
	for _, rt := range routes {
		if rt.name == name {
			return true
		}
	}
	return false
}

// checkRoute reports a route that no request can match, which would
// otherwise make a fault or a count silently useless.
func (s *Server) checkRoute(method, name string) bool {
	if validRoute(name) {
		return true
	}
	s.t.Helper()
	s.t.Errorf("auth0test: %s: unknown route %q; use a Route… constant such as %q", method, name, RouteActionsGet)
	return false
}
