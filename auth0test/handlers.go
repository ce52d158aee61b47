package auth0test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
)

// Every handler runs with s.mu held.

func (s *Server) byName(name string) *action {
	for _, a := range s.actions {
		if a.name == name {
			return a
		}
	}
	return nil
}

func (s *Server) sortedActions() []*action {
	out := make([]*action, 0, len(s.actions))
	for _, a := range s.actions {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *action) int { return a.seq - b.seq })
	return out
}

// startBuild puts the draft back to pending: a new draft, not yet built.
func (s *Server) startBuild(a *action, now time.Time) {
	a.status = statusPending
	a.builtAt = time.Time{}
	a.buildStart = now
	a.reads = 0
	a.buildErrors = nil
	a.draftID = newUUID()
	a.allChangesDeployed = false
}

// advance moves a build along: it finishes once the configured reads and
// delay have passed; before that it shows "building" from the first read,
// or as soon as a build delay has begun.
func (s *Server) advance(a *action) {
	if a.status != statusPending && a.status != statusBuilding {
		return
	}
	now := s.now()
	if s.buildReady(a, now) {
		if errs := s.buildFailure(a); errs != nil {
			a.status = statusFailed
			a.buildErrors = errs
			a.deployOnBuild = false
			return
		}
		a.status = statusBuilt
		a.builtAt = now
		if a.deployOnBuild {
			a.deployOnBuild = false
			s.deploy(a, a.content, a.builtAt, now)
		}
		return
	}
	if a.reads > 0 || s.cfg.buildDelay > 0 && now.After(a.buildStart) {
		a.status = statusBuilding
	}
}

// buildReady reports whether the configured reads and delay have passed.
func (s *Server) buildReady(a *action, now time.Time) bool {
	return a.reads >= s.cfg.buildAfterReads && !now.Before(a.buildStart.Add(s.cfg.buildDelay))
}

func (s *Server) buildFailure(a *action) []auth0.ActionError {
	if errs, ok := s.failBuilds[a.name]; ok {
		return slices.Clone(errs)
	}
	if strings.Contains(a.code, FailBuildMarker) {
		return []auth0.ActionError{{ID: "err_build", Msg: "Build failed: the code contains " + FailBuildMarker}}
	}
	return nil
}

// deploy makes a new version from c, built at builtAt, and deploys it.
func (s *Server) deploy(a *action, c content, builtAt, now time.Time) *version {
	if builtAt.IsZero() {
		builtAt = now
	}
	number := 1
	if n := len(a.versions); n > 0 {
		number = a.versions[n-1].number + 1
	}
	v := &version{id: newUUID(), number: number, content: c.clone(), status: statusBuilt,
		builtAt: builtAt, createdAt: now, updatedAt: now}
	a.versions = append(a.versions, v)
	a.deployed = v
	a.allChangesDeployed = a.status == statusBuilt && a.content.equal(v.content)
	return v
}

func (s *Server) boundTo(actionID string) []string {
	var out []string
	for trig, bs := range s.bindings {
		if slices.ContainsFunc(bs, func(b *binding) bool { return b.actionID == actionID }) {
			out = append(out, trig)
		}
	}
	slices.Sort(out)
	return out
}

// pageOf returns the bounds of a page of n items, and the list envelope.
func pageOf(r *http.Request, n int) (lo, hi int, env map[string]any, e *apiError) {
	perPage, e := queryInt(r, "per_page", 20, 1, 100)
	if e != nil {
		return 0, 0, nil, e
	}
	page, e := queryInt(r, "page", 0, 0, 0)
	if e != nil {
		return 0, 0, nil, e
	}
	lo, hi = n, n
	if page <= n/perPage {
		lo = page * perPage
		hi = min(lo+perPage, n)
	}
	// As live: page left out when 0; total only on page 0 and only when
	// there is something to count.
	env = map[string]any{"per_page": perPage}
	if page > 0 {
		env["page"] = page
	} else if n > 0 {
		env["total"] = n
	}
	return lo, hi, env, nil
}

func (s *Server) listActions(r *http.Request, _ []string, _ []byte) (int, any, *apiError) {
	if e := checkQuery(r, "triggerId", "actionName", "deployed", "installed", "page", "per_page"); e != nil {
		return 0, nil, e
	}
	trigger, hasTrigger, e := queryValue(r, "triggerId")
	if e != nil {
		return 0, nil, e
	}
	if hasTrigger && !knownTrigger(trigger) {
		return 0, nil, badQuery(fmt.Sprintf("No enum match for: %q", trigger), "triggerId")
	}
	name, hasName, e := queryValue(r, "actionName")
	if e != nil {
		return 0, nil, e
	}
	deployed, hasDeployed, e := queryBool(r, "deployed")
	if e != nil {
		return 0, nil, e
	}
	installed, hasInstalled, e := queryBool(r, "installed")
	if e != nil {
		return 0, nil, e
	}
	var matched []*action
	for _, a := range s.sortedActions() {
		s.advance(a)
		switch {
		case hasTrigger && !a.supports(trigger),
			hasName && a.name != name,
			hasDeployed && (a.deployed != nil) != deployed,
			hasInstalled && (a.installedIntegrationID != "") != installed:
			continue
		}
		matched = append(matched, a)
	}
	lo, hi, env, e := pageOf(r, len(matched))
	if e != nil {
		return 0, nil, e
	}
	items := make([]*wireAction, 0, hi-lo)
	for _, a := range matched[lo:hi] {
		items = append(items, a.wire(false))
	}
	env["actions"] = items
	return http.StatusOK, env, nil
}

func (s *Server) newAction(r *http.Request, _ []string, body []byte) (int, any, *apiError) {
	if e := checkQuery(r); e != nil {
		return 0, nil, e
	}
	v, e := decodeBody(r, body, createActionSchema)
	if e != nil {
		return 0, nil, e
	}
	a, e := s.create(v.(map[string]any))
	if e != nil {
		return 0, nil, e
	}
	if !a.deployOnBuild {
		return http.StatusCreated, a.wire(false), nil
	}
	// deploy:true: deployed once built (at once, by default); the live
	// response then carries current_version.
	if s.buildReady(a, s.now()) {
		s.advance(a)
	}
	return http.StatusCreated, a.wire(true), nil
}

// create adds an action from a validated create body.
func (s *Server) create(body map[string]any) (*action, *apiError) {
	name := body["name"].(string)
	if s.byName(name) != nil {
		return nil, &apiError{status: http.StatusConflict, message: fmt.Sprintf("An action with the name '%s' already exists.", name)}
	}
	now := s.now()
	c, err := parseDraft(body, content{}, now)
	if err != nil {
		return nil, badBody("Payload validation error: '" + err.Error() + "'.")
	}
	if e := checkDraft(c); e != nil {
		return nil, e
	}
	fillDefaults(&c)
	s.seq++
	a := &action{id: newUUID(), name: name, content: c, seq: s.seq, createdAt: now, updatedAt: now}
	s.startBuild(a, now)
	a.deployOnBuild, _ = body["deploy"].(bool)
	s.actions[a.id] = a
	return a, nil
}

func (s *Server) getAction(r *http.Request, p []string, _ []byte) (int, any, *apiError) {
	if e := checkQuery(r); e != nil {
		return 0, nil, e
	}
	a := s.actions[p[0]]
	if a == nil {
		return 0, nil, errActionNotFound
	}
	a.reads++
	s.advance(a)
	return http.StatusOK, a.wire(true), nil
}

func (s *Server) updateAction(r *http.Request, p []string, body []byte) (int, any, *apiError) {
	if e := checkQuery(r); e != nil {
		return 0, nil, e
	}
	v, e := decodeBody(r, body, updateActionSchema)
	if e != nil {
		return 0, nil, e
	}
	a := s.actions[p[0]]
	if a == nil {
		return 0, nil, errActionNotFound
	}
	m := v.(map[string]any)
	name := a.name
	if n, ok := m["name"].(string); ok && n != a.name {
		if s.byName(n) != nil {
			return 0, nil, &apiError{status: http.StatusConflict, message: fmt.Sprintf("An action with the name '%s' already exists.", n)}
		}
		name = n
	}
	now := s.now()
	c, err := parseDraft(m, a.content, now)
	if err != nil {
		return 0, nil, badBody("Payload validation error: '" + err.Error() + "'.")
	}
	if e := checkDraft(c); e != nil {
		return 0, nil, e
	}
	fillDefaults(&c)
	a.name, a.content, a.updatedAt = name, c, now
	s.startBuild(a, now)
	return http.StatusOK, a.wire(false), nil
}

func (s *Server) deleteAction(r *http.Request, p []string, _ []byte) (int, any, *apiError) {
	if e := checkQuery(r, "force"); e != nil {
		return 0, nil, e
	}
	force, _, e := queryBool(r, "force")
	if e != nil {
		return 0, nil, e
	}
	a := s.actions[p[0]]
	if a == nil {
		return 0, nil, errActionNotFound
	}
	if bound := s.boundTo(a.id); len(bound) > 0 {
		if !force {
			return 0, nil, &apiError{status: http.StatusBadRequest, message: fmt.Sprintf(
				"The action is bound to the trigger(s) %s; remove its bindings first, or delete it with force=true.",
				strings.Join(bound, ", "))}
		}
		for _, trig := range bound {
			s.bindings[trig] = slices.DeleteFunc(s.bindings[trig], func(b *binding) bool { return b.actionID == a.id })
		}
	}
	delete(s.actions, a.id)
	return http.StatusNoContent, nil, nil
}

func (s *Server) deployAction(r *http.Request, p []string, _ []byte) (int, any, *apiError) {
	// The endpoint takes no body; the SDKs send none or {}.
	if e := checkQuery(r); e != nil {
		return 0, nil, e
	}
	a := s.actions[p[0]]
	if a == nil {
		return 0, nil, errActionNotFound
	}
	s.advance(a)
	switch a.status {
	case statusBuilt:
	case statusFailed:
		msgs := make([]string, 0, len(a.buildErrors))
		for _, e := range a.buildErrors {
			msgs = append(msgs, e.Msg)
		}
		return 0, nil, &apiError{status: http.StatusBadRequest, message: fmt.Sprintf(
			"The action cannot be deployed because its build failed: %s.", strings.Join(msgs, "; "))}
	default:
		return 0, nil, &apiError{status: http.StatusBadRequest, message: fmt.Sprintf(
			"The action cannot be deployed until it is built; its status is %q.", a.status)}
	}
	before := a.base()
	v := s.deploy(a, a.content, a.builtAt, s.now())
	w := a.wireVersion(v, viewDeployResult)
	w.Action = before
	return http.StatusOK, w, nil // 200, as live; the document says 202
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

func (s *Server) testAction(r *http.Request, p []string, body []byte) (int, any, *apiError) {
	if e := checkQuery(r); e != nil {
		return 0, nil, e
	}
	if _, e := decodeBody(r, body, testActionSchema); e != nil {
		return 0, nil, e
	}
	a := s.actions[p[0]]
	if a == nil {
		return 0, nil, errActionNotFound
	}
	if a.testResult != nil {
		return http.StatusOK, map[string]json.RawMessage{"payload": a.testResult}, nil
	}
	return http.StatusOK, map[string]any{"payload": defaultTestResult()}, nil
}

func (s *Server) getExecution(r *http.Request, p []string, _ []byte) (int, any, *apiError) {
	if e := checkQuery(r); e != nil {
		return 0, nil, e
	}
	ex, ok := s.executions[p[0]]
	if !ok {
		return 0, nil, errExecutionNotFound
	}
	return http.StatusOK, ex, nil
}

func (s *Server) listTriggers(r *http.Request, _ []string, _ []byte) (int, any, *apiError) {
	if e := checkQuery(r); e != nil {
		return 0, nil, e
	}
	return http.StatusOK, map[string]any{"triggers": catalogue}, nil
}

func checkTriggerPath(id string) *apiError {
	if knownTrigger(id) {
		return nil
	}
	return &apiError{status: http.StatusBadRequest, code: "invalid_uri",
		message: (&verr{fmt.Sprintf("No enum match for: %q", id), "triggerId"}).message("Path")}
}

func (s *Server) wireBindings(trigger string, bs []*binding) []wireBinding {
	out := make([]wireBinding, 0, len(bs))
	for _, b := range bs {
		a := s.actions[b.actionID]
		if a == nil {
			continue
		}
		s.advance(a)
		out = append(out, wireBinding{ID: b.id, TriggerID: trigger, DisplayName: b.displayName,
			Action: a.wireForBinding(), CreatedAt: ts(b.createdAt), UpdatedAt: ts(b.updatedAt)})
	}
	return out
}

func (s *Server) listBindings(r *http.Request, p []string, _ []byte) (int, any, *apiError) {
	if e := checkTriggerPath(p[0]); e != nil {
		return 0, nil, e
	}
	if e := checkQuery(r, "page", "per_page"); e != nil {
		return 0, nil, e
	}
	bs := s.bindings[p[0]]
	lo, hi, env, e := pageOf(r, len(bs))
	if e != nil {
		return 0, nil, e
	}
	env["bindings"] = s.wireBindings(p[0], bs[lo:hi])
	return http.StatusOK, env, nil
}

func (s *Server) updateBindings(r *http.Request, p []string, body []byte) (int, any, *apiError) {
	trigger := p[0]
	if e := checkTriggerPath(trigger); e != nil {
		return 0, nil, e
	}
	if e := checkQuery(r); e != nil {
		return 0, nil, e
	}
	v, e := decodeBody(r, body, bindingsUpdateSchema)
	if e != nil {
		return 0, nil, e
	}
	if entityBoundTrigger(trigger) {
		return 0, nil, &apiError{status: http.StatusBadRequest, message: fmt.Sprintf(
			"The bindings of trigger %s are managed by Auth0 (binding_policy entity-bound) and cannot be changed.", trigger)}
	}
	items, _ := v.(map[string]any)["bindings"].([]any)
	now := s.now()
	next := make([]*binding, 0, len(items))
	for i, item := range items {
		m := item.(map[string]any)
		ref := m["ref"].(map[string]any)
		typ, _ := ref["type"].(string)
		if typ == "" {
			typ = "action_name"
		}
		value, _ := ref["value"].(string)
		if value == "" {
			return 0, nil, badBody(fmt.Sprintf("Payload validation error: 'Missing required property: value' on property bindings[%d].ref.", i))
		}
		var a *action
		switch typ {
		case "action_id":
			a = s.actions[value]
		case "action_name":
			a = s.byName(value)
		case "binding_id":
			if j := slices.IndexFunc(s.bindings[trigger], func(b *binding) bool { return b.id == value }); j >= 0 {
				a = s.actions[s.bindings[trigger][j].actionID]
			}
		}
		if a == nil {
			kind := strings.ReplaceAll(typ, "_", " ")
			return 0, nil, &apiError{status: http.StatusBadRequest, message: fmt.Sprintf(
				"bindings[%d]: no action matches the %s %q.", i, kind, value)}
		}
		if !a.supports(trigger) {
			return 0, nil, &apiError{status: http.StatusBadRequest, message: fmt.Sprintf(
				"bindings[%d]: the action %q does not support the trigger %s.", i, a.name, trigger)}
		}
		if a.deployed == nil {
			return 0, nil, &apiError{status: http.StatusBadRequest, message: fmt.Sprintf(
				"bindings[%d]: the action %q has never been deployed; deploy it before binding it.", i, a.name)}
		}
		name, ok := m["display_name"].(string)
		if !ok {
			name = a.name
		}
		next = append(next, &binding{id: newUUID(), trigger: trigger, actionID: a.id, displayName: name, createdAt: now, updatedAt: now})
	}
	s.bindings[trigger] = next
	return http.StatusOK, map[string]any{"bindings": s.wireBindings(trigger, next)}, nil
}

func (s *Server) listVersions(r *http.Request, p []string, _ []byte) (int, any, *apiError) {
	if e := checkQuery(r, "page", "per_page"); e != nil {
		return 0, nil, e
	}
	a := s.actions[p[0]]
	if a == nil {
		return 0, nil, errActionNotFound
	}
	s.advance(a)
	newest := slices.Clone(a.versions)
	slices.Reverse(newest)
	lo, hi, env, e := pageOf(r, len(newest))
	if e != nil {
		return 0, nil, e
	}
	items := make([]*wireVersion, 0, hi-lo)
	for _, v := range newest[lo:hi] {
		items = append(items, a.wireVersion(v, viewFull))
	}
	env["versions"] = items
	return http.StatusOK, env, nil
}

func (a *action) version(id string) *version {
	for _, v := range a.versions {
		if v.id == id {
			return v
		}
	}
	return nil
}

func (s *Server) getVersion(r *http.Request, p []string, _ []byte) (int, any, *apiError) {
	if e := checkQuery(r); e != nil {
		return 0, nil, e
	}
	a := s.actions[p[0]]
	if a == nil {
		return 0, nil, errActionNotFound
	}
	v := a.version(p[1])
	if v == nil {
		return 0, nil, errVersionNotFound
	}
	s.advance(a)
	return http.StatusOK, a.wireVersion(v, viewFull), nil
}

func (s *Server) rollback(r *http.Request, p []string, body []byte) (int, any, *apiError) {
	if e := checkQuery(r); e != nil {
		return 0, nil, e
	}
	b, e := decodeBody(r, body, rollbackSchema)
	if e != nil {
		return 0, nil, e
	}
	a := s.actions[p[0]]
	if a == nil {
		return 0, nil, errActionNotFound
	}
	old := a.version(p[1])
	if old == nil {
		return 0, nil, errVersionNotFound
	}
	s.advance(a)
	updateDraft := false
	if m, ok := b.(map[string]any); ok {
		updateDraft, _ = m["update_draft"].(bool)
	}
	now := s.now()
	before := a.base()
	if updateDraft {
		a.content = old.content.clone()
		a.draftID = newUUID()
		a.status, a.builtAt, a.buildErrors, a.reads = statusBuilt, now, nil, 0
		a.deployOnBuild = false
		a.updatedAt = now
	}
	v := s.deploy(a, old.content, old.builtAt, now)
	w := a.wireVersion(v, viewDeployResult)
	w.Action = before
	return http.StatusOK, w, nil
}
