package actionsync

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	auth0 "github.com/actions-sdk/auth0-go"
)

// DefaultConcurrency is how many actions Apply takes through draft, build
// and deploy at once when ApplyOptions.Concurrency is 0.
const DefaultConcurrency = 10

// maxConcurrency bounds ApplyOptions.Concurrency: more actions in flight
// than this only spend the tenant's rate limit faster.
const maxConcurrency = 64

// ApplyOptions change how Apply works, never what it does.
type ApplyOptions struct {
	// Concurrency is how many actions are written, built and deployed at
	// once (DefaultConcurrency when 0; at most 64). Every action waiting
	// for its build shares one list request per poll, and every request
	// goes through the client's rate-limit pacing.
	Concurrency int
	// Progress, when set, is called as each object is done (or has
	// failed), one call at a time.
	Progress func(ObjectResult)
}

// Outcome is one thing Apply did to an object.
type Outcome string

// Outcomes.
const (
	Created   Outcome = "created"
	Updated   Outcome = "updated"
	Published Outcome = "published"
	Deployed  Outcome = "deployed"
	Bound     Outcome = "bound"
	Unbound   Outcome = "unbound"
	Deleted   Outcome = "deleted"
)

// ObjectResult says what Apply did to one object of the plan.
type ObjectResult struct {
	// Kind, Name and ID name the object, as its Step does; ID is set once
	// the object exists.
	Kind StepKind
	Name string
	ID   string
	// Done lists what was done, in order.
	Done []Outcome
	// Version is the module version published, or the action version
	// deployed; 0 when none was.
	Version int
	// Err is why the object failed, or was not attempted; nil when it was
	// done. A failed build is an *auth0.BuildError.
	Err error
}

// String prints the result on one line.
func (r ObjectResult) String() string {
	obj := string(r.Kind) + " " + r.Name
	if r.Kind != KindTrigger {
		obj = fmt.Sprintf("%s %q", r.Kind, r.Name)
	}
	done := make([]string, len(r.Done))
	for i, o := range r.Done {
		done[i] = string(o)
		if r.Version > 0 && (o == Published || o == Deployed) {
			done[i] += fmt.Sprintf(" (version %d)", r.Version)
		}
	}
	switch {
	case r.Err != nil && len(done) > 0:
		return fmt.Sprintf("%s: %s, then failed: %v", obj, strings.Join(done, ", "), r.Err)
	case r.Err != nil:
		return fmt.Sprintf("%s: failed: %v", obj, r.Err)
	case len(done) == 0:
		return obj + ": nothing to do"
	}
	return obj + ": " + strings.Join(done, ", ")
}

// Result says what Apply did, object by object, in the plan's order.
type Result struct {
	// Objects are the plan's objects, in step order.
	Objects []ObjectResult
}

// Failed returns the objects that failed or were not attempted.
func (r *Result) Failed() []ObjectResult {
	var out []ObjectResult
	for _, o := range r.Objects {
		if o.Err != nil {
			out = append(out, o)
		}
	}
	return out
}

// Changed reports whether Apply wrote anything.
func (r *Result) Changed() bool {
	return slices.ContainsFunc(r.Objects, func(o ObjectResult) bool { return len(o.Done) > 0 })
}

// String prints one line per object.
func (r *Result) String() string {
	lines := make([]string, len(r.Objects))
	for i, o := range r.Objects {
		lines[i] = o.String()
	}
	return strings.Join(lines, "\n")
}

// ApplyError is returned when any object of the plan failed: it lists
// them. The other objects were done; a fresh NewPlan and Apply finish the
// rest. errors.As finds each object's error (such as an *auth0.BuildError).
type ApplyError struct {
	// Failed are the objects that failed or were not attempted.
	Failed []ObjectResult
}

// Error implements error.
func (e *ApplyError) Error() string {
	parts := make([]string, len(e.Failed))
	for i, o := range e.Failed {
		parts[i] = o.String()
	}
	return fmt.Sprintf("actionsync: %d object(s) failed: %s", len(e.Failed), strings.Join(parts, "; "))
}

// Unwrap returns each object's error.
func (e *ApplyError) Unwrap() []error {
	errs := make([]error, len(e.Failed))
	for i, o := range e.Failed {
		errs[i] = o.Err
	}
	return errs
}

// StalePlanError is returned by Apply, before it writes anything, when an
// object the plan writes changed on the tenant since NewPlan read it
// (another deploy, a hand edit in the Dashboard). A reviewed plan is never
// applied to a tenant it did not see: make a new plan and review it.
type StalePlanError struct {
	// Objects name what changed, such as `action "add-roles"` or
	// `trigger post-login`.
	Objects []string
}

// Error implements error.
func (e *StalePlanError) Error() string {
	return "actionsync: the tenant changed since the plan was made, in " + strings.Join(e.Objects, ", ") +
		": nothing was written; make a new plan and review it"
}

// ErrNotWritten is the error of a trigger whose bindings Apply did not
// write because an action of its list failed: the trigger keeps its list.
var ErrNotWritten = errors.New("actionsync: not written, the trigger keeps its bindings")

// ErrNotAttempted is the error of an object Apply did not reach, because
// the context ended or an object it depends on failed.
var ErrNotAttempted = errors.New("actionsync: not attempted")

// Apply carries out exactly plan, which NewPlan made with a client of the
// same tenant: module drafts, publishes, action drafts, builds, deploys,
// bindings, then deletes (see the package documentation). It first reads
// the objects it will write again, and returns a *StalePlanError without
// writing if any changed since the plan. When an object fails, the others
// go on where they can, and the error is an *ApplyError listing the
// failures; the Result says what happened to every object. A plan with no
// changes does nothing and sends no request.
func Apply(ctx context.Context, client *auth0.Client, plan *Plan, opts ApplyOptions) (*Result, error) {
	if client == nil {
		return nil, errors.New("actionsync: Apply needs a client")
	}
	if plan == nil || plan.seen == nil {
		return nil, errors.New("actionsync: Apply needs a plan made by NewPlan")
	}
	conc := opts.Concurrency
	switch {
	case conc == 0:
		conc = DefaultConcurrency
	case conc < 0 || conc > maxConcurrency:
		return nil, fmt.Errorf("actionsync: ApplyOptions.Concurrency is %d; it must be between 1 and %d (0 for %d)",
			conc, maxConcurrency, DefaultConcurrency)
	}
	a := &applier{client: client, plan: plan, opts: opts, conc: conc, results: map[string]*ObjectResult{}}
	res := a.newResult()
	if !plan.HasChanges() {
		return res, nil
	}
	if err := a.checkStale(ctx); err != nil {
		return nil, err
	}
	a.watch = newWatcher(ctx, client)
	defer a.watch.stop()
	a.applyModules(ctx)
	a.applyActions(ctx)
	a.applyTriggers(ctx)
	a.applyDeletes(ctx)
	if failed := res.Failed(); len(failed) > 0 {
		return res, &ApplyError{Failed: failed}
	}
	return res, nil
}

// applier carries out one plan.
type applier struct {
	client *auth0.Client
	plan   *Plan
	opts   ApplyOptions
	conc   int
	watch  *watcher

	mu      sync.Mutex // guards the results and the progress calls
	result  *Result
	results map[string]*ObjectResult // by objectKey
	// versions are the module versions the actions' references go to, by
	// module name and number.
	versions map[string]map[int]string
	// publishedAs is, by module name, the number of the version the
	// references to "the version this apply publishes" go to: the one
	// published, or the latest when the API found nothing new to publish.
	publishedAs map[string]int
	// modulesFailed are the modules whose step failed.
	modulesFailed map[string]error
}

// newResult lists every object of the plan, in step order.
func (a *applier) newResult() *Result {
	res := &Result{}
	for _, s := range a.plan.Steps {
		res.Objects = append(res.Objects, ObjectResult{Kind: s.Kind, Name: s.Name, ID: s.ID})
	}
	for i := range res.Objects {
		o := &res.Objects[i]
		key := objectKey(o.Kind, o.Name)
		if a.plan.Steps[i].Op == OpDelete {
			key = "delete\x00" + key
		}
		a.results[key] = o
	}
	a.result = res
	return res
}

// record changes an object's result under the lock; finish also reports
// it to Progress.
func (a *applier) record(kind StepKind, name string, f func(*ObjectResult)) {
	a.recordKey(objectKey(kind, name), f, false)
}

func (a *applier) finish(kind StepKind, name string, err error) {
	a.recordKey(objectKey(kind, name), func(o *ObjectResult) {
		if err != nil && o.Err == nil {
			o.Err = err
		}
	}, true)
}

func (a *applier) recordKey(key string, f func(*ObjectResult), done bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	o := a.results[key]
	if o == nil {
		return
	}
	f(o)
	if done && a.opts.Progress != nil {
		a.opts.Progress(*o)
	}
}

// checkStale reads again what the plan writes and compares it with what
// NewPlan saw.
func (a *applier) checkStale(ctx context.Context) error {
	p := a.plan
	triggers := p.staleTriggers()
	t, err := readTenant(ctx, a.client, triggers)
	if err != nil {
		return fmt.Errorf("actionsync: reading the tenant before writing: %w", err)
	}
	var stale []string
	check := func(key, now, obj string) {
		if p.seen[key] != now {
			stale = append(stale, obj)
		}
	}
	for _, m := range p.modules {
		check(objectKey(KindModule, m.cfg.Name), moduleFingerprint(t.modules[m.cfg.Name]), moduleObject(m.cfg.Name))
	}
	for _, s := range p.actions {
		check(objectKey(KindAction, s.cfg.Name), actionFingerprint(t.actions[s.cfg.Name]), actionObject(s.cfg.Name))
	}
	for _, s := range p.triggers {
		check(objectKey(KindTrigger, string(s.trigger)), bindingsFingerprint(t.bindings[s.trigger]), triggerObject(s.trigger))
	}
	for _, d := range p.deletes {
		if d.kind == KindModule {
			check(objectKey(KindModule, d.name), moduleDeleteFingerprint(t, t.modules[d.name]), moduleObject(d.name))
		} else {
			check(objectKey(KindAction, d.name), actionDeleteFingerprint(t, t.actions[d.name], triggers), actionObject(d.name))
		}
	}
	if len(stale) > 0 {
		return &StalePlanError{Objects: stale}
	}
	return nil
}

// forEach runs f on each item, conc at a time, and returns when all have.
func forEach[T any](conc int, items []T, f func(T)) {
	sem := make(chan struct{}, conc)
	var wg sync.WaitGroup
	for _, it := range items {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			f(it)
		}()
	}
	wg.Wait()
}

// applyModules writes the module drafts, then publishes.
func (a *applier) applyModules(ctx context.Context) {
	a.versions = map[string]map[int]string{}
	a.publishedAs = map[string]int{}
	a.modulesFailed = map[string]error{}
	forEach(a.conc, a.plan.modules, func(s *moduleStep) {
		err := a.applyModule(ctx, s)
		if err != nil {
			a.mu.Lock()
			a.modulesFailed[s.cfg.Name] = err
			a.mu.Unlock()
		}
		a.finish(KindModule, s.cfg.Name, err)
	})
}

func (a *applier) applyModule(ctx context.Context, s *moduleStep) error {
	if err := ctx.Err(); err != nil {
		return notAttempted(err)
	}
	mods := &a.client.Actions.Modules
	m, name := s.cfg, s.cfg.Name
	id := s.step.ID
	switch s.step.Op {
	case OpCreate:
		created, err := mods.New(ctx, auth0.ModuleNewParams{Name: name, Code: m.Code, Dependencies: m.Dependencies, Secrets: m.Secrets})
		if errors.Is(err, auth0.ErrOutcomeUnknown) {
			created, err = a.settleModuleCreate(ctx, name, err)
		}
		if err != nil {
			return err
		}
		id = created.ID
		a.record(KindModule, name, func(o *ObjectResult) { o.ID, o.Done = id, append(o.Done, Created) })
	case OpUpdate:
		upd := auth0.ModuleUpdateParams{}
		if s.fields["code"] {
			upd.Code = &m.Code
		}
		if s.fields["dependencies"] {
			upd.Dependencies = m.Dependencies
		}
		if s.fields["secrets"] {
			upd.Secrets = m.Secrets
		}
		if _, err := mods.Update(ctx, id, upd); err != nil {
			return err
		}
		a.record(KindModule, name, func(o *ObjectResult) { o.Done = append(o.Done, Updated) })
	}
	if !s.step.Publish {
		return nil
	}
	before := 0
	if s.existing != nil {
		before = s.existing.LatestVersionNumber
	}
	v, err := mods.Versions.New(ctx, id)
	switch {
	case errors.Is(err, auth0.ErrConflict):
		// Nothing new to publish: the draft equals the latest version
		// (the update brought it back to it). The actions go to that one.
		got, gerr := mods.Get(ctx, id)
		if gerr != nil {
			return gerr
		}
		if got.LatestVersion == nil {
			return err
		}
		a.addVersion(name, got.LatestVersion.VersionNumber, got.LatestVersion.ID)
		a.setPublishedAs(name, got.LatestVersion.VersionNumber)
		return nil
	case errors.Is(err, auth0.ErrOutcomeUnknown):
		got, gerr := mods.Get(ctx, id)
		if gerr != nil || !got.AllChangesPublished || got.LatestVersion == nil || got.LatestVersion.VersionNumber <= before {
			return err // not settled: a fresh plan shows whether it was published
		}
		v = got.LatestVersion
	case err != nil:
		return err
	}
	a.addVersion(name, v.VersionNumber, v.ID)
	a.setPublishedAs(name, v.VersionNumber)
	a.record(KindModule, name, func(o *ObjectResult) { o.Done, o.Version = append(o.Done, Published), v.VersionNumber })
	return nil
}

func (a *applier) setPublishedAs(module string, number int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.publishedAs[module] = number
}

// settleModuleCreate finds out, by the module list, whether a create whose
// outcome is unknown took effect.
func (a *applier) settleModuleCreate(ctx context.Context, name string, createErr error) (*auth0.ActionModule, error) {
	m, err := a.client.Actions.Modules.GetByName(ctx, name)
	if err != nil {
		return nil, createErr
	}
	return m, nil
}

func (a *applier) addVersion(module string, number int, id string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.versions[module] == nil {
		a.versions[module] = map[int]string{}
	}
	a.versions[module][number] = id
}

func (a *applier) version(module string, number int) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	id, ok := a.versions[module][number]
	return id, ok
}

// resolveVersions finds the IDs of the module versions the actions'
// references go to that NewPlan could not know: one request per module
// (its latest version with Get, or its version list for an older one).
func (a *applier) resolveVersions(ctx context.Context) {
	need := map[string]map[int]bool{} // module ID -> numbers
	names := map[string]string{}
	for _, s := range a.plan.actions {
		for _, t := range s.refs {
			if t.published || t.versionID != "" || t.moduleID == "" {
				continue
			}
			if need[t.moduleID] == nil {
				need[t.moduleID] = map[int]bool{}
			}
			need[t.moduleID][t.number] = true
			names[t.moduleID] = t.module
		}
	}
	mods := &a.client.Actions.Modules
	for id, numbers := range need {
		name := names[id]
		m, err := mods.Get(ctx, id)
		if err != nil {
			a.failModule(name, err)
			continue
		}
		if m.LatestVersion != nil {
			a.addVersion(name, m.LatestVersion.VersionNumber, m.LatestVersion.ID)
			delete(numbers, m.LatestVersion.VersionNumber)
		}
		if len(numbers) == 0 {
			continue
		}
		params := auth0.ModuleVersionListParams{PerPage: auth0.Int(auth0.MaxPerPage)}
		for v, err := range mods.Versions.ListAutoPaging(ctx, id, params).All() {
			if err != nil {
				a.failModule(name, err)
				break
			}
			a.addVersion(name, v.VersionNumber, v.ID)
		}
	}
}

func (a *applier) failModule(name string, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.modulesFailed[name] == nil {
		a.modulesFailed[name] = err
	}
}

// applyActions takes each action through its draft, build and deploy,
// Concurrency at a time.
func (a *applier) applyActions(ctx context.Context) {
	if len(a.plan.actions) == 0 {
		return
	}
	a.resolveVersions(ctx)
	forEach(a.conc, a.plan.actions, func(s *actionStep) {
		a.finish(KindAction, s.cfg.Name, a.applyAction(ctx, s))
	})
}

func (a *applier) applyAction(ctx context.Context, s *actionStep) error {
	if err := ctx.Err(); err != nil {
		return notAttempted(err)
	}
	refs, err := a.moduleRefs(s)
	if err != nil {
		return err
	}
	actions := &a.client.Actions
	cfg, name := s.cfg, s.cfg.Name
	id := s.step.ID
	var runtime *string
	if cfg.Runtime != "" {
		runtime = &cfg.Runtime
	}
	wrote := false
	switch s.step.Op {
	case OpCreate:
		created, err := actions.New(ctx, auth0.ActionNewParams{Name: name, SupportedTriggers: cfg.SupportedTriggers, Code: &cfg.Code,
			Dependencies: cfg.Dependencies, Runtime: runtime, Secrets: cfg.Secrets, Modules: refs})
		if errors.Is(err, auth0.ErrOutcomeUnknown) {
			if found, ferr := actions.GetByName(ctx, name); ferr == nil {
				created, err = found, nil
			}
		}
		if err != nil {
			return err
		}
		id, wrote = created.ID, true
		a.record(KindAction, name, func(o *ObjectResult) { o.ID, o.Done = id, append(o.Done, Created) })
	case OpUpdate:
		upd := auth0.ActionUpdateParams{}
		if s.fields["code"] {
			upd.Code = &cfg.Code
		}
		if s.fields["runtime"] {
			upd.Runtime = runtime
		}
		if s.fields["supported_triggers"] {
			upd.SupportedTriggers = cfg.SupportedTriggers
		}
		if s.fields["dependencies"] {
			upd.Dependencies = cfg.Dependencies
		}
		if s.fields["secrets"] {
			upd.Secrets = cfg.Secrets
		}
		if s.fields["modules"] {
			upd.Modules = refs
		}
		if _, err := actions.Update(ctx, id, upd); err != nil {
			return err
		}
		wrote = true
		a.record(KindAction, name, func(o *ObjectResult) { o.Done = append(o.Done, Updated) })
	}
	if !s.step.Deploy {
		return nil
	}
	v, err := a.deploy(ctx, id, wrote || s.existing == nil || s.existing.Status != auth0.BuildStatusBuilt)
	if err != nil {
		return err
	}
	a.record(KindAction, name, func(o *ObjectResult) { o.Done, o.Version = append(o.Done, Deployed), v.Number })
	return nil
}

// moduleRefs are the action's module references with the IDs the API
// needs, from the versions this apply published or looked up.
func (a *applier) moduleRefs(s *actionStep) ([]auth0.ActionModuleReference, error) {
	if s.refs == nil {
		return nil, nil
	}
	refs := make([]auth0.ActionModuleReference, len(s.refs))
	for i, t := range s.refs {
		a.mu.Lock()
		failed := a.modulesFailed[t.module]
		a.mu.Unlock()
		number := t.number
		if t.published && !t.pinned {
			a.mu.Lock()
			if n, ok := a.publishedAs[t.module]; ok {
				number = n
			}
			a.mu.Unlock()
		}
		versionID := t.versionID
		if versionID == "" {
			id, ok := a.version(t.module, number)
			if !ok {
				if failed != nil {
					return nil, fmt.Errorf("%w: module %q failed: %w", ErrNotAttempted, t.module, failed)
				}
				return nil, fmt.Errorf("%w: version %d of module %q was not found", ErrNotAttempted, number, t.module)
			}
			versionID = id
		}
		moduleID := t.moduleID
		if moduleID == "" {
			moduleID = a.createdID(KindModule, t.module)
		}
		refs[i] = auth0.ActionModuleReference{ModuleID: moduleID, ModuleVersionID: versionID}
	}
	return refs, nil
}

func (a *applier) createdID(kind StepKind, name string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if o := a.results[objectKey(kind, name)]; o != nil {
		return o.ID
	}
	return ""
}

// deploy waits for the draft's build (when it may not be built), deploys
// it, and returns the new version. A deploy refused because the draft is
// not built after all is tried again after the next poll.
func (a *applier) deploy(ctx context.Context, id string, mayBuild bool) (*auth0.ActionVersion, error) {
	for attempt := 0; ; attempt++ {
		if mayBuild {
			if err := a.waitBuilt(ctx, id); err != nil {
				return nil, err
			}
		}
		v, err := a.client.Actions.Deploy(ctx, id)
		switch {
		case err == nil:
			return v, nil
		case notBuiltYet(err) && attempt < 5:
			mayBuild = true
			continue
		case errors.Is(err, auth0.ErrOutcomeUnknown):
			got, gerr := a.client.Actions.Get(ctx, id)
			if gerr == nil && got.AllChangesDeployed && got.DeployedVersion != nil {
				return got.DeployedVersion, nil
			}
		}
		return nil, err
	}
}

// waitBuilt waits until the action's draft is built; a failed build is an
// *auth0.BuildError.
func (a *applier) waitBuilt(ctx context.Context, id string) error {
	_, err := a.watch.until(ctx, id, func(act auth0.Action, found bool) (bool, error) {
		switch {
		case !found:
			return false, fmt.Errorf("action %s is no longer on the tenant", id)
		case act.Status == auth0.BuildStatusFailed:
			return false, &auth0.BuildError{ActionID: id, Status: act.Status}
		}
		return act.Status == auth0.BuildStatusBuilt, nil
	})
	return err
}

// notBuiltYet reports whether err is the API's refusal to deploy a draft
// that is not built: "A draft must be in the 'built' state before it can
// be deployed."
func notBuiltYet(err error) bool {
	var e *auth0.Error
	return errors.As(err, &e) && e.StatusCode == http.StatusBadRequest &&
		strings.Contains(strings.ToLower(e.Message), "must be in the 'built' state")
}

func notAttempted(err error) error { return fmt.Errorf("%w: %w", ErrNotAttempted, err) }

// applyTriggers writes each changed trigger's list, once every action in
// it is deployed; a trigger that lists a failed action keeps its list.
func (a *applier) applyTriggers(ctx context.Context) {
	forEach(a.conc, a.plan.triggers, func(s *triggerStep) {
		name := string(s.trigger)
		a.finish(KindTrigger, name, a.applyTrigger(ctx, s))
	})
}

func (a *applier) applyTrigger(ctx context.Context, s *triggerStep) error {
	if err := ctx.Err(); err != nil {
		return notAttempted(err)
	}
	list := make([]auth0.BindingUpdate, len(s.want))
	var failed []string
	for i, b := range s.want {
		id, err := a.boundActionID(b.ActionName)
		if err != nil {
			failed = append(failed, fmt.Sprintf("action %q: %v", b.ActionName, err))
			continue
		}
		list[i] = auth0.BindingUpdate{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: id},
			DisplayName: auth0.String(b.displayName())}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%w (%s)", ErrNotWritten, strings.Join(failed, "; "))
	}
	expect := make([]string, len(s.from))
	for i, b := range s.from {
		expect[i] = b.Action.ID
	}
	// Set retries the API's "not deployed yet" refusal (the bind race
	// right after a deploy), for the actions it adds and for those this
	// apply redeployed and the list only moves.
	if _, err := a.client.Actions.Triggers.Bindings.Set(ctx, s.trigger, auth0.BindingSetParams{Bindings: list, Expect: expect}); err != nil {
		return err
	}
	a.record(KindTrigger, string(s.trigger), func(o *ObjectResult) {
		o.Done = append(o.Done, Bound)
		if len(s.want) < len(s.from) || slices.ContainsFunc(s.from, func(b auth0.Binding) bool {
			return !slices.ContainsFunc(s.want, func(w Binding) bool { return w.ActionName == b.Action.Name })
		}) {
			o.Done = append(o.Done, Unbound)
		}
	})
	return nil
}

// boundActionID is the ID of an action a trigger lists, or why it cannot
// be bound: its step failed.
func (a *applier) boundActionID(name string) (string, error) {
	a.mu.Lock()
	o := a.results[objectKey(KindAction, name)]
	a.mu.Unlock()
	if o != nil {
		if o.Err != nil {
			return "", o.Err
		}
		return o.ID, nil
	}
	// Unchanged, in the config or only on the tenant: NewPlan saw it.
	if id := a.plan.actionIDs[name]; id != "" {
		return id, nil
	}
	return "", fmt.Errorf("%w: it is not on the tenant", ErrNotAttempted)
}

// applyDeletes deletes the actions, then the modules, Prune planned.
func (a *applier) applyDeletes(ctx context.Context) {
	for _, kind := range []StepKind{KindAction, KindModule} {
		var items []*deleteStep
		for _, d := range a.plan.deletes {
			if d.kind == kind {
				items = append(items, d)
			}
		}
		forEach(a.conc, items, func(d *deleteStep) {
			key := "delete\x00" + objectKey(d.kind, d.name)
			err := a.applyDelete(ctx, d)
			a.recordKey(key, func(o *ObjectResult) {
				if err != nil {
					o.Err = err
				} else {
					o.Done = append(o.Done, Deleted)
				}
			}, true)
		})
	}
}

func (a *applier) applyDelete(ctx context.Context, d *deleteStep) error {
	if err := ctx.Err(); err != nil {
		return notAttempted(err)
	}
	if d.kind == KindAction {
		// Not forced: an action still bound somewhere is refused (409),
		// rather than detached from a trigger the plan does not know.
		for _, t := range a.plan.triggers {
			a.mu.Lock()
			o := a.results[objectKey(KindTrigger, string(t.trigger))]
			a.mu.Unlock()
			if o != nil && o.Err != nil && slices.ContainsFunc(t.from, func(b auth0.Binding) bool { return b.Action.ID == d.id }) {
				return fmt.Errorf("%w: trigger %s, which still binds it, failed", ErrNotAttempted, t.trigger)
			}
		}
		err := a.client.Actions.Delete(ctx, d.id, auth0.ActionDeleteParams{})
		if errors.Is(err, auth0.ErrNotFound) {
			return nil
		}
		return err
	}
	// An action that was to stop using the module, or to be deleted, and
	// failed still uses it: deleting the module would leave its draft
	// naming a deleted module (the API refuses only when a deployed
	// version uses it).
	for _, name := range d.users {
		a.mu.Lock()
		changed, deleted := a.results[objectKey(KindAction, name)], a.results["delete\x00"+objectKey(KindAction, name)]
		a.mu.Unlock()
		for _, o := range []*ObjectResult{changed, deleted} {
			if o != nil && o.Err != nil {
				return fmt.Errorf("%w: action %q, which still uses it, failed", ErrNotAttempted, name)
			}
		}
	}
	err := a.client.Actions.Modules.Delete(ctx, d.id)
	if errors.Is(err, auth0.ErrNotFound) {
		return nil
	}
	return err
}
