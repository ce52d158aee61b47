package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// The world of the actionsync scenarios (actionsync_test.go): the fake API
// of package auth0test with a tenant seeded for a mixed apply, behind a
// front server of the scenario. The front passes every request on to the
// fake, so that the scenario counts the requests and checks its
// goroutines, bodies and dials as for every other scenario; while armed, it
// misbehaves for one chosen request (and that request's retries).

// The tenant the mixed apply starts from, and the config it goes to.
const (
	codeUtilsV1  = "module.exports = { greet: (n) => 'hi ' + n };"
	codeUtilsV2  = "module.exports = { greet: (n) => 'hello ' + n, version: 2 };"
	codeCrypto   = "module.exports = { digest: (s) => s.length.toString(16) };"
	codeUnused   = "module.exports = { unused: true };"
	codeEnrichV1 = "exports.onExecutePostLogin = async (event, api) => { api.user.setUserMetadata('tier', 1); };"
	codeEnrichV2 = "exports.onExecutePostLogin = async (event, api) => { api.user.setUserMetadata('tier', 2); };"
	codeRoles    = "exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('roles', []); };"
	codeLegacy   = "exports.onExecutePostLogin = async () => { /* legacy rule */ };"
	codeAudit    = "exports.onExecuteCredentialsExchange = async () => { /* audit */ };"
	codeGeo      = "exports.onExecuteCredentialsExchange = async (event, api) => { api.access.deny('geo'); };"
)

var (
	onPostLogin = []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}
	onCredsEx   = []auth0.Trigger{{ID: auth0.TriggerCredentialsExchange, Version: "v2"}}
)

// mixedConfig is the config of the mixed apply, against seedMixed's tenant:
//
//   - modules: shared-utils changed (published as version 2), crypto-helpers
//     new (published as version 1);
//   - actions: enrich-profile changed, add-roles pinned to the version of
//     shared-utils this apply publishes, audit-log unchanged, geo-block new
//     (using crypto-helpers), each deployed;
//   - triggers: post-login and credentials-exchange, each in another order
//     with other display names;
//   - with Prune: legacy-rule (tenant only, bound to post-login) and
//     unused-mod (used by no action) are deleted.
func mixedConfig() *actionsync.Config {
	return &actionsync.Config{
		Modules: []actionsync.Module{
			{Name: "shared-utils", Code: codeUtilsV2},
			{Name: "crypto-helpers", Code: codeCrypto},
		},
		Actions: []actionsync.Action{
			{Name: "enrich-profile", Code: codeEnrichV2, SupportedTriggers: onPostLogin, Deployed: true},
			{Name: "add-roles", Code: codeRoles, SupportedTriggers: onPostLogin, Deployed: true,
				Modules: []auth0.ActionModuleReference{{ModuleName: "shared-utils"}}},
			{Name: "audit-log", Code: codeAudit, SupportedTriggers: onCredsEx, Deployed: true},
			{Name: "geo-block", Code: codeGeo, SupportedTriggers: onCredsEx, Deployed: true,
				Modules: []auth0.ActionModuleReference{{ModuleName: "crypto-helpers"}}},
		},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{
			auth0.TriggerPostLogin: {{ActionName: "enrich-profile", DisplayName: "Enrich profile"}, {ActionName: "add-roles"}},
			auth0.TriggerCredentialsExchange: {{ActionName: "geo-block", DisplayName: "Geo block"},
				{ActionName: "audit-log", DisplayName: "Audit"}},
		},
	}
}

// mixedWant is what the tenant holds once the mixed apply is done: the
// number of versions of each module and action (one more than before for
// each change, never two), and the names that must be gone.
var mixedWant = struct {
	moduleVersions map[string]int
	actionVersions map[string]int
	gone           []string
}{
	moduleVersions: map[string]int{"shared-utils": 2, "crypto-helpers": 1},
	actionVersions: map[string]int{"enrich-profile": 2, "add-roles": 2, "audit-log": 1, "geo-block": 1},
	gone:           []string{"legacy-rule", "unused-mod"},
}

// syncWorld is one scenario's fake tenant, its front, and the applying
// client (which goes through the front).
type syncWorld struct {
	s      *scenario
	fake   *auth0test.Server
	front  *syncFront
	client *auth0.Client
	// writer is another client, straight to the fake: a hand edit or
	// another deploy.
	writer *auth0.Client
	// ids are the tenant's object IDs by name, as seeded.
	ids map[string]string
}

// newSyncWorld starts the fake and the front; the tenant is empty.
func newSyncWorld(t *testing.T, s *scenario) *syncWorld {
	t.Helper()
	fake := auth0test.NewServer(t, auth0test.WithToken(testToken))
	w := &syncWorld{s: s, fake: fake, ids: map[string]string{}}
	w.front = newSyncFront(s, fake)
	w.client = s.client(w.front.server)
	w.writer = fake.Client()
	return w
}

// seedMixed seeds the tenant the mixed apply starts from.
func (w *syncWorld) seedMixed(t *testing.T) {
	t.Helper()
	utils := w.fake.AddModule(auth0.ModuleNewParams{Name: "shared-utils", Code: codeUtilsV1, Publish: auth0.Bool(true)})
	unused := w.fake.AddModule(auth0.ModuleNewParams{Name: "unused-mod", Code: codeUnused, Publish: auth0.Bool(true)})
	require.NotNil(t, utils.LatestVersion)
	w.ids["shared-utils"], w.ids["unused-mod"] = utils.ID, unused.ID
	add := func(name, code string, on []auth0.Trigger, mods []auth0.ActionModuleReference) {
		a := w.fake.AddAction(auth0.ActionNewParams{Name: name, Code: auth0.String(code), SupportedTriggers: on,
			Modules: mods, Deploy: auth0.Bool(true)})
		w.ids[name] = a.ID
	}
	add("enrich-profile", codeEnrichV1, onPostLogin, nil)
	add("add-roles", codeRoles, onPostLogin,
		[]auth0.ActionModuleReference{{ModuleID: utils.ID, ModuleVersionID: utils.LatestVersion.ID}})
	add("legacy-rule", codeLegacy, onPostLogin, nil)
	add("audit-log", codeAudit, onCredsEx, nil)
	w.bind(t, auth0.TriggerPostLogin, []string{"add-roles", "enrich-profile", "legacy-rule"}, "add-roles", "Enrich", "legacy-rule")
	w.bind(t, auth0.TriggerCredentialsExchange, []string{"audit-log"}, "audit-log")
	w.fake.ResetRequests()
}

// bind writes a trigger's bindings straight to the fake.
func (w *syncWorld) bind(t *testing.T, trigger auth0.TriggerID, actions []string, displayNames ...string) {
	t.Helper()
	list := make([]auth0.BindingUpdate, len(actions))
	for i, name := range actions {
		list[i] = auth0.BindingUpdate{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: w.ids[name]},
			DisplayName: auth0.String(displayNames[i])}
	}
	_, err := w.writer.Actions.Triggers.Bindings.Update(ctxT(t, 10*time.Second), trigger, auth0.BindingUpdateParams{Bindings: list})
	require.NoError(t, err)
}

// byName returns the tenant's actions and modules by name, counting the
// names held by more than one object.
func (w *syncWorld) byName() (actions map[string]auth0.Action, modules map[string]auth0.ActionModule, dups int) {
	actions, modules = map[string]auth0.Action{}, map[string]auth0.ActionModule{}
	for _, a := range w.fake.Actions() {
		if _, ok := actions[a.Name]; ok {
			dups++
		}
		actions[a.Name] = a
	}
	for _, m := range w.fake.Modules() {
		if _, ok := modules[m.Name]; ok {
			dups++
		}
		modules[m.Name] = m
	}
	return actions, modules, dups
}

// assertConverged asserts that the tenant is exactly cfg (every module's
// draft and latest version, every action's draft and deployed version with
// their module versions, every listed trigger's list), that each object
// has the number of versions want says (none published or deployed twice
// for one change), and that the gone names are gone. It returns the
// duplicates found: objects with a taken name, and versions beyond want.
func (w *syncWorld) assertConverged(t *testing.T, cfg *actionsync.Config, moduleVersions, actionVersions map[string]int, gone []string) int {
	t.Helper()
	actions, modules, dups := w.byName()
	assert.Zero(t, dups, "names held by two objects")
	versionOf := map[string]map[int]string{} // module -> number -> version ID
	for _, m := range cfg.Modules {
		got, ok := modules[m.Name]
		if !assert.True(t, ok, "module %s is missing", m.Name) {
			continue
		}
		full, _ := w.fake.Module(got.ID)
		assert.Equal(t, m.Code, full.Code, "module %s: draft", m.Name)
		assert.True(t, full.AllChangesPublished, "module %s: draft not published", m.Name)
		vs := w.fake.ModuleVersions(got.ID)
		if n, ok := moduleVersions[m.Name]; ok {
			assert.Len(t, vs, n, "module %s: versions (one per change)", m.Name)
			dups += max(len(vs)-n, 0)
		}
		if assert.NotNil(t, full.LatestVersion, "module %s: never published", m.Name) {
			assert.Equal(t, m.Code, full.LatestVersion.Code, "module %s: latest version", m.Name)
		}
		versionOf[m.Name] = map[int]string{}
		for _, v := range vs {
			versionOf[m.Name][v.VersionNumber] = v.ID
		}
	}
	for _, a := range cfg.Actions {
		got, ok := actions[a.Name]
		if !assert.True(t, ok, "action %s is missing", a.Name) {
			continue
		}
		full, _ := w.fake.Action(got.ID)
		assert.Equal(t, a.Code, full.Code, "action %s: draft", a.Name)
		assert.Equal(t, triggerIDs(a.SupportedTriggers), triggerIDs(full.SupportedTriggers), "action %s: triggers", a.Name)
		vs := w.fake.Versions(got.ID)
		if n, ok := actionVersions[a.Name]; ok {
			assert.Len(t, vs, n, "action %s: versions (one deploy per change)", a.Name)
			dups += max(len(vs)-n, 0)
		}
		if !a.Deployed {
			continue
		}
		assert.True(t, full.AllChangesDeployed, "action %s: draft not deployed", a.Name)
		if !assert.NotNil(t, full.DeployedVersion, "action %s: never deployed", a.Name) {
			continue
		}
		assert.Equal(t, a.Code, full.DeployedVersion.Code, "action %s: deployed version", a.Name)
		if a.Modules == nil {
			continue
		}
		want := w.wantRefs(a.Modules, modules, versionOf)
		assert.Equal(t, want, refsOf(full.Modules), "action %s: the draft's module versions", a.Name)
		assert.Equal(t, want, refsOf(full.DeployedVersion.Modules), "action %s: the deployed version's module versions", a.Name)
	}
	for trigger, list := range cfg.Triggers {
		want := make([]string, len(list))
		for i, b := range list {
			want[i] = b.ActionName + " as " + cmpOr(b.DisplayName, b.ActionName) + " (" + actions[b.ActionName].ID + ")"
		}
		have := []string{}
		for _, b := range w.fake.Bindings(trigger) {
			have = append(have, b.Action.Name+" as "+b.DisplayName+" ("+b.Action.ID+")")
		}
		assert.Equal(t, want, have, "trigger %s: bindings, in order", trigger)
	}
	for _, name := range gone {
		_, isAction := actions[name]
		_, isModule := modules[name]
		assert.False(t, isAction || isModule, "%s should have been deleted", name)
	}
	return dups
}

// wantRefs resolves a config's module references as the tenant should
// have them: "module@number (version ID)", the latest version when no
// number is given.
func (w *syncWorld) wantRefs(refs []auth0.ActionModuleReference, modules map[string]auth0.ActionModule, versionOf map[string]map[int]string) []string {
	out := []string{}
	for _, r := range refs {
		m := modules[r.ModuleName]
		n := r.ModuleVersionNumber
		if n == 0 {
			n = latestNumber(m)
		}
		id := versionOf[r.ModuleName][n]
		if id == "" {
			for _, v := range w.fake.ModuleVersions(m.ID) {
				if v.VersionNumber == n {
					id = v.ID
				}
			}
		}
		out = append(out, fmt.Sprintf("%s@%d (%s)", r.ModuleName, n, id))
	}
	return out
}

// latestNumber is a module's latest version number, from either form the
// API gives it in.
func latestNumber(m auth0.ActionModule) int {
	if m.LatestVersion != nil {
		return m.LatestVersion.VersionNumber
	}
	return m.LatestVersionNumber
}

func refsOf(refs []auth0.ActionModuleReference) []string {
	out := []string{}
	for _, r := range refs {
		out = append(out, fmt.Sprintf("%s@%d (%s)", r.ModuleName, r.ModuleVersionNumber, r.ModuleVersionID))
	}
	return out
}

func triggerIDs(ts []auth0.Trigger) []auth0.TriggerID {
	out := make([]auth0.TriggerID, len(ts))
	for i, tr := range ts {
		out[i] = tr.ID
	}
	return out
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// ---------------------------------------------------------------------------
// The front

// frontMode is how the front misbehaves for the chosen request.
type frontMode int

const (
	// front5xx answers 503 without passing the request on: the server did
	// not act.
	front5xx frontMode = iota
	// front5xxAfter passes the request on, then answers 503: the server
	// acted, and the client cannot know.
	front5xxAfter
	// frontDrop closes the connection without passing the request on.
	frontDrop
	// frontDropAfter passes the request on, then closes the connection
	// without answering.
	frontDropAfter
	// front5xxOnceAfter passes the request on, then answers 503, once:
	// the client's retry (of a PATCH or DELETE) is answered normally.
	front5xxOnceAfter
	// fake429 injects a 429 into the fake for the request (Fail): the
	// client retries it.
	fake429
	// fakeNotDeployed injects into the fake, for the request and the next
	// one of its route, the live API's 400 "Trying to create a binding for
	// an action that has not been deployed yet", which it gives for a
	// while after a deploy (the bind race).
	fakeNotDeployed
	// fakeCancel injects Fault{Before: cancel} into the fake for the
	// request: the caller's context is cancelled while the request is in
	// flight, and the fake then acts on it.
	fakeCancel
)

// persistent reports whether the mode answers every attempt of the chosen
// request while armed (the modes a retry would otherwise cure), rather
// than only the first.
func (m frontMode) persistent() bool { return m <= frontDropAfter }

// syncFront is the scenario's server in front of the fake.
type syncFront struct {
	*server
	fake    *auth0test.Server
	forward *http.Client

	mu     sync.Mutex
	target *frontTarget // nil when not armed
	hits   []frontHit
	// inflight counts the requests being served.
	inflight int
	// routeMu serializes the target route's requests while armed, so that
	// a fault injected into the fake is taken by the chosen request.
	routeMu sync.Mutex
}

// frontTarget is the request the front misbehaves for: a route, and the
// object it writes (the ID in its path, or the name in its body).
type frontTarget struct {
	route  string
	id     string // the path's {id} or {triggerId}; empty for a create
	name   string // the body's name, for a create
	mode   frontMode
	cancel context.CancelFunc
	// times is how many more requests a fault that is not persistent
	// affects (arm makes 0 into 1).
	times int
}

// frontHit is one request the fault answered.
type frontHit struct {
	Path string
	// Status is the fake's answer; 0 when the request was not passed on.
	Status int
}

func newSyncFront(s *scenario, fake *auth0test.Server) *syncFront {
	f := &syncFront{fake: fake}
	tr := &http.Transport{MaxIdleConnsPerHost: 100, IdleConnTimeout: 30 * time.Second}
	s.t.Cleanup(tr.CloseIdleConnections)
	f.forward = &http.Client{Transport: tr}
	f.server = s.server(f.serve)
	return f
}

// arm makes the front misbehave for the target until disarm.
func (f *syncFront) arm(t frontTarget) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t.times = max(t.times, 1)
	f.target = &t
}

// disarm stops the misbehaviour and returns the requests the fault
// answered. A cancelled client may return before the front has served
// the request it gave up on: call quiesce first.
func (f *syncFront) disarm() []frontHit {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.target = nil
	return slices.Clone(f.hits)
}

// quiesce waits until the requests a cancelled client abandoned have
// reached the fake: until no request is being served and none has arrived
// for a moment. A request the client gave up on may still be read and
// served after Apply returned (as on the wire); the next plan must see
// the tenant it leaves. This is a wait, not an assertion.
func (f *syncFront) quiesce() {
	for {
		n := len(f.requests())
		time.Sleep(20 * time.Millisecond)
		f.mu.Lock()
		busy := f.inflight
		f.mu.Unlock()
		if busy == 0 && len(f.requests()) == n {
			return
		}
	}
}

func (f *syncFront) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.inflight++
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inflight--
		f.mu.Unlock()
	}()
	body, _ := io.ReadAll(r.Body)
	if r.ContentLength >= 0 && int64(len(body)) != r.ContentLength {
		dropConnection(w) // the client went away in mid-body
		return
	}
	tg, onRoute := f.match(r, body)
	if onRoute {
		f.routeMu.Lock()
		defer f.routeMu.Unlock()
	}
	mode := frontMode(-1)
	if tg != nil {
		mode = tg.mode
	}
	switch mode {
	case front5xx:
		f.hit(r, 0)
		writeError(w, http.StatusServiceUnavailable, "injected by the front: not passed on")
		return
	case frontDrop:
		f.hit(r, 0)
		dropConnection(w)
		return
	case fake429:
		f.fake.Fail(tg.route, 1, http.StatusTooManyRequests)
	case fakeNotDeployed:
		f.fake.Inject(tg.route, auth0test.Fault{Times: 1, Status: http.StatusBadRequest, Message: msgNotDeployedYet})
	case fakeCancel:
		f.fake.Inject(tg.route, auth0test.Fault{Times: 1, Before: tg.cancel})
	}
	resp, err := f.pass(r, body)
	if err != nil {
		dropConnection(w)
		return
	}
	switch mode {
	case front5xxAfter, front5xxOnceAfter:
		f.hit(r, resp.status)
		writeError(w, http.StatusServiceUnavailable, "injected by the front: passed on, then this 503")
		return
	case frontDropAfter:
		f.hit(r, resp.status)
		dropConnection(w)
		return
	case fake429, fakeCancel, fakeNotDeployed:
		f.hit(r, resp.status)
	}
	for k, vs := range resp.header {
		if k != "Content-Length" && k != "Connection" {
			w.Header()[k] = vs
		}
	}
	w.WriteHeader(resp.status)
	_, _ = w.Write(resp.body)
}

// match returns the armed target when r is its request, and whether r is
// on the target's route at all.
func (f *syncFront) match(r *http.Request, body []byte) (*frontTarget, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	tg := f.target
	if tg == nil {
		return nil, false
	}
	params, ok := routeParams(tg.route, r)
	if !ok {
		return nil, false
	}
	if !tg.mode.persistent() && tg.times == 0 {
		return nil, true // used up
	}
	switch {
	case tg.id != "" && (len(params) == 0 || params[0] != tg.id):
		return nil, true
	case tg.name != "":
		var in struct{ Name string }
		if json.Unmarshal(body, &in) != nil || in.Name != tg.name {
			return nil, true
		}
	}
	if !tg.mode.persistent() {
		tg.times--
	}
	c := *tg
	return &c, true
}

func (f *syncFront) hit(r *http.Request, status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hits = append(f.hits, frontHit{Path: r.URL.EscapedPath(), Status: status})
}

type passed struct {
	status int
	header http.Header
	body   []byte
}

// pass sends the request on to the fake and reads its answer. The request
// is not cancelled with the client's: a request that reached the front
// reaches the server, as on the wire.
func (f *syncFront) pass(r *http.Request, body []byte) (*passed, error) {
	ctx := context.WithoutCancel(r.Context())
	req, err := http.NewRequestWithContext(ctx, r.Method, f.fake.URL+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header = r.Header.Clone()
	req.Header.Del("Connection")
	resp, err := f.forward.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	return &passed{status: resp.StatusCode, header: resp.Header, body: b}, nil
}

// msgNotDeployedYet is the live API's refusal to bind an action right after
// it is deployed.
const msgNotDeployedYet = "Trying to create a binding for an action that has not been deployed yet."

// dropConnection closes the connection without an answer.
func dropConnection(w http.ResponseWriter) {
	conn, _ := hijack(w)
	_ = conn.Close()
}

// routeParams matches r against an auth0test route ("METHOD /template",
// below /api/v2) and returns its path parameters.
func routeParams(route string, r *http.Request) ([]string, bool) {
	method, tmpl, ok := strings.Cut(route, " ")
	if !ok || method != r.Method {
		return nil, false
	}
	path := strings.TrimPrefix(r.URL.Path, "/api/v2")
	ts, ps := strings.Split(tmpl, "/"), strings.Split(path, "/")
	if len(ts) != len(ps) {
		return nil, false
	}
	var params []string
	for i := range ts {
		switch {
		case strings.HasPrefix(ts[i], "{"):
			params = append(params, ps[i])
		case ts[i] != ps[i]:
			return nil, false
		}
	}
	return params, true
}

// ---------------------------------------------------------------------------
// Figures of the actionsync section of the report

var syncFigs struct {
	mu sync.Mutex
	// scenarios by kind: faults at a write step, the bind race, stale
	// plans, prune protections.
	faultScenarios, raceScenarios, staleScenarios, pruneScenarios int
	requests                                                      int64
	faults                                                        int
	// unknown counts the faults whose outcome the client could not know
	// (all but the 429s); settledApply those the same apply settled by a
	// re-read, settledPlan those the fresh plan settled, unsettled the
	// rest (a write done twice, or lost).
	unknown, settledApply, settledPlan, unsettled int
	duplicates                                    int
}

// countSync adds a scenario's figures once it has ended.
func countSync(t *testing.T, s *scenario, kind string, f func()) {
	t.Cleanup(func() {
		syncFigs.mu.Lock()
		defer syncFigs.mu.Unlock()
		switch kind {
		case "fault":
			syncFigs.faultScenarios++
		case "race":
			syncFigs.raceScenarios++
		case "stale":
			syncFigs.staleScenarios++
		case "prune":
			syncFigs.pruneScenarios++
		}
		syncFigs.requests += s.requests.Load()
		if f != nil {
			f()
		}
	})
}

// writeSyncReport writes the actionsync section of the report: nothing
// when no actionsync scenario ran.
func writeSyncReport(b *strings.Builder) {
	syncFigs.mu.Lock()
	defer syncFigs.mu.Unlock()
	n := syncFigs.faultScenarios + syncFigs.raceScenarios + syncFigs.staleScenarios + syncFigs.pruneScenarios
	if n == 0 {
		return
	}
	b.WriteString("\n| actionsync: whole-set applies (group actionsync below) | |\n|---|---|\n")
	fmt.Fprintf(b, "| scenarios | %d (%d faults at a write step of the mixed apply, then a fresh plan and apply; %d bind race; "+
		"%d stale plans; %d prune protections) |\n",
		n, syncFigs.faultScenarios, syncFigs.raceScenarios, syncFigs.staleScenarios, syncFigs.pruneScenarios)
	fmt.Fprintf(b, "| faults injected (each attempt of a request counts) | %d |\n", syncFigs.faults)
	fmt.Fprintf(b, "| requests made (through the scenarios' fronts to the fake) | %d |\n", syncFigs.requests)
	fmt.Fprintf(b, "| outcomes unknown to the client (5xx, dropped connection, cancelled in flight) | %d: settled by a re-read in the same apply %d, by the fresh plan %d |\n",
		syncFigs.unknown, syncFigs.settledApply, syncFigs.settledPlan)
	fmt.Fprintf(b, "| unsettled outcomes (a write done twice or lost) | %d |\n", syncFigs.unsettled)
	fmt.Fprintf(b, "| duplicates (actions or modules created twice, module versions published or action versions deployed twice for one change) | %d |\n",
		syncFigs.duplicates)
}

// planSteps prints a plan's steps on one line each, for messages.
func planSteps(p *actionsync.Plan) string {
	if p == nil {
		return "<nil>"
	}
	var parts []string
	for _, st := range p.Steps {
		part := string(st.Op) + " " + string(st.Kind) + " " + st.Name
		if st.Publish && st.Op != actionsync.OpPublish {
			part += " +publish"
		}
		if st.Deploy && st.Op != actionsync.OpDeploy {
			part += " +deploy"
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, "; ")
}
