package actionsync

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	auth0 "github.com/actions-sdk/auth0-go"
)

// PlanOptions change what NewPlan plans.
type PlanOptions struct {
	// Prune deletes what the config leaves out: the actions it does not
	// list (after unbinding them from the triggers it lists), then the
	// modules no action uses any more. Marketplace actions are never
	// deleted, and an action bound to a trigger the config does not list
	// is a plan error.
	Prune bool
	// PruneSecrets deletes the secrets of a module or action that the
	// config leaves out (otherwise a *auth0.SecretsWouldBeDeletedError).
	PruneSecrets bool
	// RotateSecrets re-sends every secret's value, even when the names
	// match: to change a value under the same name.
	RotateSecrets bool
}

// StepKind says what a step is about.
type StepKind string

// Step kinds.
const (
	KindModule  StepKind = "module"
	KindAction  StepKind = "action"
	KindTrigger StepKind = "trigger"
)

// StepOp says what a step does.
type StepOp string

// Step operations.
const (
	// OpCreate creates a module or action (then publishes or deploys it
	// when the step says so).
	OpCreate StepOp = "create"
	// OpUpdate changes a module's or action's draft (then publishes or
	// deploys it when the step says so).
	OpUpdate StepOp = "update"
	// OpPublish publishes a module whose draft is not published yet.
	OpPublish StepOp = "publish"
	// OpDeploy deploys an action whose draft is not deployed yet.
	OpDeploy StepOp = "deploy"
	// OpBind writes a trigger's bindings.
	OpBind StepOp = "bind"
	// OpDelete deletes a module or action (Prune).
	OpDelete StepOp = "delete"
)

// Step is one object the plan changes, in the order Apply changes them:
// modules, actions, triggers, then deletes.
type Step struct {
	// Kind is what the step is about.
	Kind StepKind `json:"kind"`
	// Op is what it does.
	Op StepOp `json:"op"`
	// Name is the module's or action's name, or the trigger's ID.
	Name string `json:"name"`
	// ID is the object's ID on the tenant; empty for a create and a trigger.
	ID string `json:"id,omitempty"`
	// Changes are the field changes of a module's or action's draft, as
	// Upsert's plans list them. They never hold a secret value.
	Changes []auth0.Change `json:"changes,omitempty"`
	// Publish is true when a module is published as a new version.
	Publish bool `json:"publish,omitempty"`
	// PublishVersion is the number that version will have.
	PublishVersion int `json:"publish_version,omitempty"`
	// Deploy is true when an action's draft is deployed.
	Deploy bool `json:"deploy,omitempty"`
	// Bindings is a trigger's list before and after.
	Bindings *BindingsChange `json:"bindings,omitempty"`
	// Reason says why a delete is planned.
	Reason string `json:"reason,omitempty"`
}

// BindingsChange is a trigger's bindings before and after a step.
type BindingsChange struct {
	// From is the list on the tenant.
	From []Binding `json:"from"`
	// To is the list the step writes.
	To []Binding `json:"to"`
}

// Plan is what Apply will do to a tenant, step by step. It is made by
// NewPlan, prints for a CI log with String, and encodes with json.Marshal
// to a stable document for other tools:
//
//	{"format": 1, "has_changes": true,
//	 "steps": [{"kind": "module", "op": "update", "name": "shared-utils", "id": "…",
//	            "changes": [{"field": "code", "op": "update", "from": "14", "to": "16 lines (+3 −1)"}],
//	            "publish": true, "publish_version": 2}, …],
//	 "unchanged": {"modules": 1, "actions": 9, "triggers": 0}}
//
// The step objects are Step's JSON form; format changes only when a field
// changes meaning. A plan read back from JSON cannot be applied: Apply
// needs the plan NewPlan returned, which also holds the config (secret
// values included, which the JSON form never shows).
type Plan struct {
	// Steps are the changes, in the order Apply makes them.
	Steps []Step
	// Unchanged counts the modules, actions and triggers of the config
	// that need no change.
	Unchanged Unchanged

	modules  []*moduleStep
	actions  []*actionStep
	triggers []*triggerStep
	deletes  []*deleteStep
	// seen are the fingerprints of the objects the plan writes, as
	// NewPlan read them, keyed by objectKey.
	seen map[string]string
	// actionIDs are the IDs of the tenant's actions, by name, as NewPlan
	// read them: the bindings of actions the plan does not write use them.
	actionIDs map[string]string
	// pruneTriggers are the triggers the actions to delete support (but
	// entity-bound ones): Apply reads their bindings again before writing,
	// to see that no action to delete was bound since.
	pruneTriggers []auth0.TriggerID
}

// staleTriggers are the triggers whose bindings Apply reads again before
// it writes: those the plan writes, and those an action to delete could
// be bound to.
func (p *Plan) staleTriggers() []auth0.TriggerID {
	var out []auth0.TriggerID
	for _, t := range p.triggers {
		out = append(out, t.trigger)
	}
	for _, t := range p.pruneTriggers {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}

// Unchanged counts what needs no change.
type Unchanged struct {
	Modules  int `json:"modules"`
	Actions  int `json:"actions"`
	Triggers int `json:"triggers"`
}

// HasChanges reports whether applying the plan writes anything.
func (p *Plan) HasChanges() bool { return p != nil && len(p.Steps) > 0 }

// MarshalJSON encodes the plan in its documented form (see Plan).
func (p *Plan) MarshalJSON() ([]byte, error) {
	steps := p.Steps
	if steps == nil {
		steps = []Step{}
	}
	return json.Marshal(struct {
		Format     int       `json:"format"`
		HasChanges bool      `json:"has_changes"`
		Steps      []Step    `json:"steps"`
		Unchanged  Unchanged `json:"unchanged"`
	}{1, p.HasChanges(), steps, p.Unchanged})
}

// String prints the plan for a CI log: a summary line, then each step in
// order, field by field as Upsert's plans print.
func (p *Plan) String() string {
	if p == nil {
		return "<nil plan>"
	}
	var b strings.Builder
	b.WriteString(p.summary())
	for _, s := range p.Steps {
		b.WriteString("\n")
		b.WriteString(s.String())
	}
	return b.String()
}

func (p *Plan) summary() string {
	count := map[StepOp]int{}
	for _, s := range p.Steps {
		count[s.Op]++
		if s.Publish && s.Op != OpPublish {
			count[OpPublish]++
		}
		if s.Deploy && s.Op != OpDeploy {
			count[OpDeploy]++
		}
	}
	unchanged := p.Unchanged.Modules + p.Unchanged.Actions + p.Unchanged.Triggers
	if len(p.Steps) == 0 {
		return fmt.Sprintf("No changes: the tenant matches the config (%d unchanged).", unchanged)
	}
	return fmt.Sprintf("Plan: %d to create, %d to update, %d to publish, %d to deploy, %d trigger(s) to bind, %d to delete; %d unchanged.",
		count[OpCreate], count[OpUpdate], count[OpPublish], count[OpDeploy], count[OpBind], count[OpDelete], unchanged)
}

// String prints the step as Upsert's plans print an object: its header
// line, then one line per change.
func (s Step) String() string {
	switch {
	case s.Op == OpDelete:
		var b strings.Builder
		fmt.Fprintf(&b, "%s %q", s.kindNoun(), s.Name)
		if s.ID != "" {
			fmt.Fprintf(&b, " (%s)", s.ID)
		}
		b.WriteString(": delete")
		if s.Reason != "" {
			b.WriteString("\n  " + s.Reason)
		}
		return b.String()
	case s.Kind == KindTrigger:
		return s.bindingsString()
	}
	kind := auth0.KindAction
	if s.Kind == KindModule {
		kind = auth0.KindModule
	}
	out := auth0.Plan{Kind: kind, Name: s.Name, ID: s.ID, Create: s.Op == OpCreate, Changes: s.Changes,
		Deploy: s.Deploy, Publish: s.Publish}.String()
	switch s.Op {
	case OpPublish:
		out = strings.Replace(out, ": no change", ": publish the draft", 1)
	case OpDeploy:
		out = strings.Replace(out, ": no change", ": deploy the draft", 1)
	}
	if s.Publish && s.PublishVersion > 0 {
		out = strings.Replace(out, "publish: a new version", "publish: version "+strconv.Itoa(s.PublishVersion), 1)
	}
	return out
}

func (s Step) kindNoun() string {
	if s.Kind == KindModule {
		return string(auth0.KindModule)
	}
	return string(s.Kind)
}

func (s Step) bindingsString() string {
	var b strings.Builder
	fmt.Fprintf(&b, "trigger %s: bindings", s.Name)
	if s.Bindings == nil {
		return b.String()
	}
	from, to := s.Bindings.From, s.Bindings.To
	had := map[string]bool{}
	for _, x := range from {
		had[x.ActionName] = true
	}
	wanted := map[string]bool{}
	for _, x := range to {
		wanted[x.ActionName] = true
		if !had[x.ActionName] {
			b.WriteString("\n  + " + x.label())
		}
	}
	for _, x := range from {
		if !wanted[x.ActionName] {
			b.WriteString("\n  - " + x.label())
		}
	}
	fmt.Fprintf(&b, "\n  order: %s → %s", bindingNames(from), bindingNames(to))
	return b.String()
}

func (b Binding) label() string {
	if b.DisplayName != "" && b.DisplayName != b.ActionName {
		return fmt.Sprintf("%s (as %q)", b.ActionName, b.DisplayName)
	}
	return b.ActionName
}

func bindingNames(bs []Binding) string {
	if len(bs) == 0 {
		return "(none)"
	}
	names := make([]string, len(bs))
	for i, b := range bs {
		names[i] = b.label()
	}
	return strings.Join(names, ", ")
}

// The work behind the steps: what Apply needs to carry each one out.

type moduleStep struct {
	step     *Step
	cfg      Module
	existing *auth0.ActionModule
	// fields are the draft's fields that change (code, dependencies,
	// secrets); empty with create.
	fields map[string]bool
}

type actionStep struct {
	step     *Step
	cfg      Action
	existing *auth0.Action
	fields   map[string]bool
	refs     []refTarget // nil when the config leaves the modules alone
}

// refTarget is the module version an action's reference resolves to.
type refTarget struct {
	module    string // the module's name
	moduleID  string // empty when this apply creates the module
	number    int    // the version's number
	published bool   // the version this apply publishes
	pinned    bool   // the config gave the number
	versionID string // its ID when known at plan time
}

type triggerStep struct {
	step    *Step
	trigger auth0.TriggerID
	want    []Binding
	from    []auth0.Binding
}

type deleteStep struct {
	step *Step
	kind StepKind
	id   string
	name string
	// users are, for a module, the actions whose draft or deployed version
	// used it when NewPlan read them (each is changed or deleted by the
	// plan): the module is deleted only once all of them are done.
	users []string
}

func objectKey(kind StepKind, name string) string { return string(kind) + "\x00" + name }

// NewPlan compares cfg with the tenant of client and returns what Apply
// would change. It only reads: the lists of actions, modules and triggers,
// and the bindings of each trigger cfg lists (with Prune, also of the
// triggers the actions to delete support), every page, with no request per
// object. A config that is wrong in itself (duplicate names, a missing
// field, a binding to a trigger its action does not support) is a
// *ConfigError before any request; one that is wrong for the tenant (a
// binding to an action that exists nowhere, a module reference to no
// module, an entity-bound trigger, a secret without a value that would
// have to be sent) is a *ConfigError after the reads. For a config that
// LoadDir or LoadYAML read, each problem names the file and line.
func NewPlan(ctx context.Context, client *auth0.Client, cfg *Config, opts PlanOptions) (*Plan, error) {
	plan, err := newPlan(ctx, client, cfg, opts)
	if err != nil {
		return nil, cfg.locate(err)
	}
	return plan, nil
}

func newPlan(ctx context.Context, client *auth0.Client, cfg *Config, opts PlanOptions) (*Plan, error) {
	if client == nil {
		return nil, errors.New("actionsync: NewPlan needs a client")
	}
	if cfg == nil {
		return nil, errors.New("actionsync: NewPlan needs a config")
	}
	cfg = cfg.clone()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	listed := sortedTriggers(cfg.Triggers)
	t, err := readTenant(ctx, client, listed)
	if err != nil {
		return nil, fmt.Errorf("actionsync: reading the tenant: %w", err)
	}
	p := &Plan{seen: map[string]string{}, actionIDs: map[string]string{}}
	for name, a := range t.actions {
		p.actionIDs[name] = a.ID
	}
	b := &planner{cfg: cfg, t: t, p: p, opts: opts}
	b.checkTenant()
	b.planModules()
	b.planActions()
	b.planTriggers()
	if opts.Prune {
		if err := b.planPrune(ctx, client); err != nil {
			return nil, err
		}
	}
	if err := b.ps.err(); err != nil {
		return nil, err
	}
	b.steps()
	return p, nil
}

// planner builds one plan.
type planner struct {
	cfg  *Config
	t    *tenant
	p    *Plan
	opts PlanOptions
	ps   problems
	// published are the modules this apply publishes, with the number the
	// new version will have.
	published map[string]int
	actions   map[string]*Action
	modules   map[string]*Module
}

// clone copies the config deeply enough that the caller's later edits do
// not change the plan.
func (c *Config) clone() *Config {
	out := &Config{Modules: slices.Clone(c.Modules), Actions: slices.Clone(c.Actions),
		Triggers: make(map[auth0.TriggerID][]Binding, len(c.Triggers))}
	for i := range out.Modules {
		m := &out.Modules[i]
		m.Dependencies, m.Secrets = cloneNil(m.Dependencies), cloneNil(m.Secrets)
	}
	for i := range out.Actions {
		a := &out.Actions[i]
		a.SupportedTriggers, a.Dependencies = cloneNil(a.SupportedTriggers), cloneNil(a.Dependencies)
		a.Secrets, a.Modules = cloneNil(a.Secrets), cloneNil(a.Modules)
	}
	for k, v := range c.Triggers {
		out.Triggers[k] = slices.Clone(v)
	}
	return out
}

func cloneNil[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return slices.Clone(s)
}

// checkTenant checks the config against the tenant: the triggers it lists,
// the actions its bindings name, and its actions' names.
func (b *planner) checkTenant() {
	b.actions = map[string]*Action{}
	for i := range b.cfg.Actions {
		a := &b.cfg.Actions[i]
		b.actions[a.Name] = a
		if ex := b.t.actions[a.Name]; ex != nil && marketplace(ex) {
			b.ps.add(actionObject(a.Name), "name", "is a marketplace action (an installed integration), which Auth0 manages; "+
				"it cannot be managed from a config: rename the config's action")
		}
		for j, tr := range a.SupportedTriggers {
			if _, ok := b.t.policy[tr.ID]; !ok && len(b.t.policy) > 0 {
				b.ps.add(actionObject(a.Name), fmt.Sprintf("supported_triggers[%d]", j), "trigger %s is not in the tenant's trigger list", tr.ID)
			}
		}
	}
	b.modules = map[string]*Module{}
	for i := range b.cfg.Modules {
		b.modules[b.cfg.Modules[i].Name] = &b.cfg.Modules[i]
	}
	for _, trigger := range sortedTriggers(b.cfg.Triggers) {
		obj := triggerObject(trigger)
		policy, known := b.t.policy[trigger]
		switch {
		case !known:
			b.ps.add(obj, "", "is not in the tenant's trigger list (GET /actions/triggers)")
			continue
		case policy == auth0.BindingPolicyEntityBound:
			b.ps.add(obj, "", "is entity-bound: Auth0 manages its bindings per entity, so a config cannot list them; remove it from triggers")
			continue
		}
		for j, bd := range b.cfg.Triggers[trigger] {
			field := fmt.Sprintf("bindings[%d].action_name", j)
			if a := b.actions[bd.ActionName]; a != nil {
				if !a.Deployed {
					if ex := b.t.actions[bd.ActionName]; ex == nil || ex.DeployedVersion == nil {
						b.ps.add(obj, field, "action %q is not deployed, and the config does not deploy it: set its deployed to true", bd.ActionName)
					}
				}
				continue
			}
			ex := b.t.actions[bd.ActionName]
			switch {
			case ex == nil:
				b.ps.add(obj, field, "action %q is neither in the config nor on the tenant", bd.ActionName)
			case !supports(ex.SupportedTriggers, trigger):
				b.ps.add(obj, field, "action %q (on the tenant) does not support trigger %s (its supported_triggers: %s)",
					bd.ActionName, trigger, triggerList(ex.SupportedTriggers))
			case ex.DeployedVersion == nil:
				b.ps.add(obj, field, "action %q (on the tenant) has never been deployed, so it cannot be bound", bd.ActionName)
			}
		}
	}
}

func (b *planner) planModules() {
	b.published = map[string]int{}
	for _, m := range b.cfg.Modules {
		existing := b.t.modules[m.Name]
		params := auth0.ModuleUpsertParams{Name: m.Name, Code: m.Code, Dependencies: m.Dependencies, Secrets: m.Secrets,
			PruneSecrets: b.opts.PruneSecrets, RotateSecrets: b.opts.RotateSecrets, Publish: true}
		plan, err := params.Diff(existing)
		if err != nil {
			b.ps.list = append(b.ps.list, Problem{Object: moduleObject(m.Name), Field: "secrets", Message: secretsMessage(err), Err: err})
			continue
		}
		b.checkSecretValues(moduleObject(m.Name), plan, m.Secrets)
		if !plan.HasChanges() {
			b.p.Unchanged.Modules++
			continue
		}
		step := &Step{Kind: KindModule, Name: m.Name, ID: plan.ID, Changes: plan.Changes, Publish: plan.Publish}
		step.Op = opOf(plan, OpPublish)
		if plan.Publish {
			n := 1
			if existing != nil {
				n = existing.LatestVersionNumber + 1
			}
			b.published[m.Name] = n
			step.PublishVersion = n
		}
		b.p.modules = append(b.p.modules, &moduleStep{step: step, cfg: m, existing: existing, fields: changedFields(plan.Changes)})
		b.p.seen[objectKey(KindModule, m.Name)] = moduleFingerprint(existing)
	}
}

// secretsMessage words a *auth0.SecretsWouldBeDeletedError for a config.
func secretsMessage(err error) string {
	var e *auth0.SecretsWouldBeDeletedError
	if errors.As(err, &e) {
		return fmt.Sprintf("the tenant has secrets the config does not list (%s): the apply would delete them; "+
			"add them to the config (a secret without a value keeps the tenant's) or plan with PruneSecrets", strings.Join(e.Secrets, ", "))
	}
	return strings.TrimPrefix(err.Error(), "auth0: ")
}

// opOf is the step's operation for an object plan: create, update, or else
// only (publish or deploy).
func opOf(plan auth0.Plan, only StepOp) StepOp {
	switch {
	case plan.Create:
		return OpCreate
	case len(plan.Changes) > 0:
		return OpUpdate
	}
	return only
}

func changedFields(changes []auth0.Change) map[string]bool {
	fields := map[string]bool{}
	for _, c := range changes {
		fields[c.Field] = true
	}
	return fields
}

// checkSecretValues refuses a secret without a value (keep the tenant's)
// where the plan must send the secrets: a create, or a list re-sent.
func (b *planner) checkSecretValues(obj string, plan auth0.Plan, secrets []auth0.ActionSecretParam) {
	sent := plan.Create || slices.ContainsFunc(plan.Changes, func(c auth0.Change) bool { return c.Field == "secrets" })
	if !sent {
		return
	}
	for i, s := range secrets {
		if s.Value != "" {
			continue
		}
		why := "the secrets are sent (a name is added or removed, or RotateSecrets)"
		if plan.Create {
			why = "it is created"
		}
		b.ps.add(obj, fmt.Sprintf("secrets[%d]", i), "secret %s has no value, and %s: give its value (a secret without one keeps the tenant's value, which cannot be read back)", s.Name, why)
	}
}

func (b *planner) planActions() {
	for _, a := range b.cfg.Actions {
		existing := b.t.actions[a.Name]
		if existing != nil && marketplace(existing) {
			continue // refused in checkTenant
		}
		obj := actionObject(a.Name)
		refs, targets := b.resolveRefs(obj, a, existing)
		params := auth0.ActionUpsertParams{Name: a.Name, SupportedTriggers: a.SupportedTriggers, Code: &a.Code,
			Dependencies: a.Dependencies, Secrets: a.Secrets, PruneSecrets: b.opts.PruneSecrets, RotateSecrets: b.opts.RotateSecrets,
			Modules: refs, Deploy: a.Deployed}
		if a.Runtime != "" {
			params.Runtime = &a.Runtime
		}
		plan, err := params.Diff(existing)
		if err != nil {
			b.ps.list = append(b.ps.list, Problem{Object: obj, Field: "secrets", Message: secretsMessage(err), Err: err})
			continue
		}
		b.checkSecretValues(obj, plan, a.Secrets)
		relabelModules(plan.Changes, targets)
		if !plan.HasChanges() {
			b.p.Unchanged.Actions++
			continue
		}
		step := &Step{Kind: KindAction, Name: a.Name, ID: plan.ID, Changes: plan.Changes, Deploy: plan.Deploy}
		step.Op = opOf(plan, OpDeploy)
		b.p.actions = append(b.p.actions, &actionStep{step: step, cfg: a, existing: existing,
			fields: changedFields(plan.Changes), refs: targets})
		b.p.seen[objectKey(KindAction, a.Name)] = actionFingerprint(existing)
	}
}

// resolveRefs turns an action's module references into the versions they
// mean: the version this apply publishes, or else the latest, unless a
// number is given. It returns the references for Diff and the targets.
func (b *planner) resolveRefs(obj string, a Action, existing *auth0.Action) ([]auth0.ActionModuleReference, []refTarget) {
	if a.Modules == nil {
		return nil, nil
	}
	refs := make([]auth0.ActionModuleReference, 0, len(a.Modules))
	targets := make([]refTarget, 0, len(a.Modules))
	for i, ref := range a.Modules {
		field := fmt.Sprintf("modules[%d]", i)
		name := ref.ModuleName
		onTenant := b.t.modules[name]
		if name == "" {
			if onTenant = b.t.moduleID[ref.ModuleID]; onTenant == nil {
				b.ps.add(obj, field+".module_id", "module %s is not on the tenant", ref.ModuleID)
				continue
			}
			name = onTenant.Name
		}
		inConfig := b.modules[name] != nil
		if !inConfig && onTenant == nil {
			b.ps.add(obj, field+".module_name", "module %q is neither in the config nor on the tenant", name)
			continue
		}
		target := refTarget{module: name, number: ref.ModuleVersionNumber, pinned: ref.ModuleVersionNumber != 0}
		latest := 0
		if onTenant != nil {
			target.moduleID, latest = onTenant.ID, onTenant.LatestVersionNumber
		}
		next, publishes := b.published[name]
		switch {
		case target.number == 0 && publishes:
			target.number, target.published = next, true
		case target.number == 0 && latest == 0:
			b.ps.add(obj, field, "module %q has no published version", name)
			continue
		case target.number == 0:
			target.number = latest
		case publishes && target.number == next:
			target.published = true
		case target.number > latest:
			b.ps.add(obj, field+".module_version_number", "module %q has no version %d (its latest is %d)", name, target.number, latest)
			continue
		}
		if existing != nil && !target.published {
			for _, have := range existing.Modules {
				if have.ModuleID == target.moduleID && have.ModuleVersionNumber == target.number {
					target.versionID = have.ModuleVersionID
				}
			}
		}
		refs = append(refs, auth0.ActionModuleReference{ModuleID: target.moduleID, ModuleName: name,
			ModuleVersionID: target.versionID, ModuleVersionNumber: target.number})
		targets = append(targets, target)
	}
	return refs, targets
}

// relabelModules says, in the module changes of a plan, which version each
// reference goes to and whether this apply publishes it.
func relabelModules(changes []auth0.Change, targets []refTarget) {
	for i := range changes {
		c := &changes[i]
		if c.Field != "modules" || c.Op == auth0.ChangeRemove {
			continue
		}
		for _, t := range targets {
			if t.module == c.Item {
				c.To = "version " + strconv.Itoa(t.number)
				if t.published {
					c.To += " (published by this apply)"
				}
			}
		}
	}
}

func (b *planner) planTriggers() {
	for _, trigger := range sortedTriggers(b.cfg.Triggers) {
		want := b.cfg.Triggers[trigger]
		cur, read := b.t.bindings[trigger]
		if !read {
			continue // refused in checkTenant
		}
		from := make([]Binding, len(cur))
		for i, bd := range cur {
			from[i] = Binding{ActionName: bd.Action.Name, DisplayName: bd.DisplayName}
		}
		if sameBindings(from, want) {
			b.p.Unchanged.Triggers++
			continue
		}
		to := make([]Binding, len(want))
		for i, bd := range want {
			to[i] = Binding{ActionName: bd.ActionName, DisplayName: bd.displayName()}
		}
		step := &Step{Kind: KindTrigger, Op: OpBind, Name: string(trigger), Bindings: &BindingsChange{From: from, To: to}}
		b.p.triggers = append(b.p.triggers, &triggerStep{step: step, trigger: trigger, want: want, from: cur})
		b.p.seen[objectKey(KindTrigger, string(trigger))] = bindingsFingerprint(cur)
	}
}

// sameBindings compares a trigger's list on the tenant with the config's,
// by action name and display name, in order. A binding names an action,
// which runs its deployed version: redeploying it needs no new binding.
func sameBindings(have, want []Binding) bool {
	return slices.EqualFunc(have, want, func(h, w Binding) bool {
		return h.ActionName == w.ActionName && h.DisplayName == w.displayName()
	})
}

// planPrune plans the deletes: the tenant's actions the config does not
// list (not marketplace ones, nor those the config binds), then the
// modules no remaining action uses.
func (b *planner) planPrune(ctx context.Context, client *auth0.Client) error {
	bound := map[string]bool{} // actions the config's bindings name
	for _, list := range b.cfg.Triggers {
		for _, bd := range list {
			bound[bd.ActionName] = true
		}
	}
	var doomed []*auth0.Action
	for _, a := range b.t.byID {
		if b.actions[a.Name] != nil || bound[a.Name] || marketplace(a) {
			continue
		}
		doomed = append(doomed, a)
	}
	slices.SortFunc(doomed, func(x, y *auth0.Action) int { return cmp.Compare(x.Name, y.Name) })
	// An action can only be bound to the triggers it supports: read the
	// bindings of those the config does not list, to refuse deleting an
	// action bound there. Apply reads all of them again (listed or not),
	// to see that no action to delete was bound since.
	var unlisted []auth0.TriggerID
	for _, a := range doomed {
		for _, tr := range a.SupportedTriggers {
			if b.t.policy[tr.ID] == auth0.BindingPolicyEntityBound {
				continue
			}
			if !slices.Contains(b.p.pruneTriggers, tr.ID) {
				b.p.pruneTriggers = append(b.p.pruneTriggers, tr.ID)
			}
			if _, listed := b.cfg.Triggers[tr.ID]; !listed && !slices.Contains(unlisted, tr.ID) {
				unlisted = append(unlisted, tr.ID)
			}
		}
	}
	slices.Sort(unlisted)
	for _, trigger := range unlisted {
		bs, err := listBindings(ctx, client, trigger)
		if err != nil {
			return fmt.Errorf("actionsync: reading the bindings of %s: %w", trigger, err)
		}
		b.t.bindings[trigger] = bs
	}
	kept := map[string]bool{} // modules a remaining action uses
	for _, a := range b.cfg.Actions {
		for _, ref := range a.Modules {
			kept[ref.ModuleName] = true
			if m := b.t.moduleID[ref.ModuleID]; m != nil {
				kept[m.Name] = true
			}
		}
	}
	for _, a := range b.t.byID {
		if slices.Contains(doomed, a) {
			continue
		}
		uses := modulesOf(a)
		if cfgAction := b.actions[a.Name]; cfgAction != nil && cfgAction.Modules != nil && cfgAction.Deployed {
			uses = nil // its draft and deployed version become the config's
		}
		for _, id := range uses {
			if m := b.t.moduleID[id]; m != nil {
				kept[m.Name] = true
			}
		}
	}
	for _, a := range doomed {
		var elsewhere []string
		for _, trigger := range b.t.boundTo(a.ID) {
			if _, listed := b.cfg.Triggers[trigger]; !listed {
				elsewhere = append(elsewhere, string(trigger))
			}
		}
		if len(elsewhere) > 0 {
			b.ps.add(actionObject(a.Name), "", "is not in the config, but it is bound to trigger %s, which the config does not list: "+
				"Prune will not delete it; list the trigger in the config (its bindings without this action), or add the action",
				strings.Join(elsewhere, ", "))
			continue
		}
		step := &Step{Kind: KindAction, Op: OpDelete, Name: a.Name, ID: a.ID, Reason: "not in the config (Prune)"}
		b.p.deletes = append(b.p.deletes, &deleteStep{step: step, kind: KindAction, id: a.ID, name: a.Name})
	}
	// What a delete rests on is part of what Apply checks again: an
	// action's bindings, a module's users.
	staleTriggers := b.p.staleTriggers()
	for _, d := range b.p.deletes {
		if d.kind == KindAction {
			b.p.seen[objectKey(KindAction, d.name)] = actionDeleteFingerprint(b.t, b.t.byID[d.id], staleTriggers)
		}
	}
	var mods []*auth0.ActionModule
	for _, m := range b.t.modules {
		if b.modules[m.Name] == nil && !kept[m.Name] {
			mods = append(mods, m)
		}
	}
	slices.SortFunc(mods, func(x, y *auth0.ActionModule) int { return cmp.Compare(x.Name, y.Name) })
	for _, m := range mods {
		step := &Step{Kind: KindModule, Op: OpDelete, Name: m.Name, ID: m.ID, Reason: "not in the config, and no remaining action uses it (Prune)"}
		var users []string
		for _, id := range b.t.usersOf(m.ID) {
			users = append(users, b.t.byID[id].Name)
		}
		b.p.deletes = append(b.p.deletes, &deleteStep{step: step, kind: KindModule, id: m.ID, name: m.Name, users: users})
		b.p.seen[objectKey(KindModule, m.Name)] = moduleDeleteFingerprint(b.t, m)
	}
	return nil
}

// modulesOf returns the IDs of the modules an action's draft or deployed
// version uses.
func modulesOf(a *auth0.Action) []string {
	if a == nil {
		return nil
	}
	refs := slices.Clone(a.Modules)
	if a.DeployedVersion != nil {
		refs = append(refs, a.DeployedVersion.Modules...)
	}
	ids := make([]string, 0, len(refs))
	for _, r := range refs {
		ids = append(ids, r.ModuleID)
	}
	return ids
}

// steps lists the plan's steps in Apply's order.
func (b *planner) steps() {
	p := b.p
	for _, m := range p.modules {
		p.Steps = append(p.Steps, *m.step)
	}
	for _, a := range p.actions {
		p.Steps = append(p.Steps, *a.step)
	}
	for _, t := range p.triggers {
		p.Steps = append(p.Steps, *t.step)
	}
	for _, d := range p.deletes {
		p.Steps = append(p.Steps, *d.step)
	}
}
