package actionsync

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	auth0 "github.com/actions-sdk/auth0-go"
)

// Config is the desired state of a tenant's actions: the modules, the
// actions, and the ordered bindings of the triggers it lists. A trigger
// absent from Triggers is not touched; a trigger listed with an empty list
// has every action unbound.
type Config struct {
	// Modules are the action modules.
	Modules []Module `json:"modules,omitempty"`
	// Actions are the actions.
	Actions []Action `json:"actions,omitempty"`
	// Triggers maps a trigger to its bindings, in the order they run.
	Triggers map[auth0.TriggerID][]Binding `json:"triggers,omitempty"`
	// Skipped lists what Export read but left out of the config, and why
	// (entity-bound triggers, marketplace actions), and the sections of
	// the Deploy CLI's files that LoadDir and LoadYAML did not read.
	// NewPlan ignores it.
	Skipped []Skipped `json:"-"`

	// origin is where LoadDir or LoadYAML read each object, for NewPlan's
	// problems; nil for a config built in code.
	origin *origin
}

// Module is an action module as the config wants it. It is published
// whenever its draft differs from its latest version.
type Module struct {
	// Name identifies the module; it cannot change once created.
	Name string `json:"name"`
	// Code is the module's source code.
	Code string `json:"code"`
	// Dependencies are its npm dependencies; nil leaves the tenant's alone.
	Dependencies []auth0.ActionModuleDependency `json:"dependencies,omitempty"`
	// Secrets are its secrets, compared by name by the secrets rule of
	// package auth0; nil leaves the tenant's alone. A secret without a
	// value means "keep the tenant's value": creating the module with it,
	// or re-sending the list (when a name is added or removed), is an
	// error, because the value would be lost.
	Secrets []auth0.ActionSecretParam `json:"secrets,omitempty"`
}

// Action is an action as the config wants it.
type Action struct {
	// Name identifies the action.
	Name string `json:"name"`
	// Code is the draft's source code.
	Code string `json:"code"`
	// Runtime is the Node.js runtime; empty leaves it to the tenant (the
	// trigger's default runtime on a create).
	Runtime string `json:"runtime,omitempty"`
	// SupportedTriggers is the trigger the action targets (one, today).
	SupportedTriggers []auth0.Trigger `json:"supported_triggers"`
	// Dependencies are its npm dependencies; nil leaves the tenant's alone.
	Dependencies []auth0.ActionDependency `json:"dependencies,omitempty"`
	// Secrets are as for Module.Secrets.
	Secrets []auth0.ActionSecretParam `json:"secrets,omitempty"`
	// Modules are the modules it uses, by ModuleName (or ModuleID). A
	// reference without a ModuleVersionNumber means the version this apply
	// publishes, or else the module's latest version; with one, that
	// version. nil leaves the tenant's alone.
	Modules []auth0.ActionModuleReference `json:"modules,omitempty"`
	// Deployed says the action's deployed version must match the config
	// after the apply: its draft is deployed when anything differs.
	Deployed bool `json:"deployed"`
}

// Binding is one action bound to a trigger.
type Binding struct {
	// ActionName is the action's name.
	ActionName string `json:"action_name"`
	// DisplayName is the binding's name; the action's name when empty.
	DisplayName string `json:"display_name,omitempty"`
}

// displayName is the binding's name as the tenant shows it.
func (b Binding) displayName() string { return cmp.Or(b.DisplayName, b.ActionName) }

// Skipped is something Export read and left out of the config, or a
// section of the Deploy CLI's files that LoadDir or LoadYAML did not read.
type Skipped struct {
	// Kind is "trigger" or "action" (Export), or "section" (LoadDir,
	// LoadYAML).
	Kind string
	// Name is the trigger's ID, the action's name, or the section's name
	// (a folder of the directory, a top-level key of the YAML file).
	Name string
	// Reason says why.
	Reason string
}

// String prints the skip for a log.
func (s Skipped) String() string { return fmt.Sprintf("%s %s: %s", s.Kind, s.Name, s.Reason) }

// Problem is one thing wrong with a config: the object it is about, the
// field, and what is wrong; for a config read from files, the file and
// line too.
type Problem struct {
	// File is the file the problem is in, relative to the directory
	// LoadDir read (such as "actions/add-roles.json") or as given to
	// LoadYAML; empty for a config built in code.
	File string
	// Line is the 1-based line in File; 0 when there is none (a missing
	// file, a problem with the file as a whole).
	Line int
	// Object names the object, such as `action "add-roles"` or
	// `trigger post-login`.
	Object string
	// Field is the field, such as "modules[0].module_name"; empty when the
	// problem is the object's as a whole.
	Field string
	// Message says what is wrong and what to do.
	Message string
	// Err is the error behind the problem, when there is one (such as an
	// *auth0.SecretsWouldBeDeletedError); errors.As on the ConfigError
	// finds it.
	Err error
}

// String prints the problem on one line: file:line, object, field and
// message, each when there is one.
func (p Problem) String() string {
	parts := make([]string, 0, 4)
	if p.File != "" {
		parts = append(parts, placeString(p.File, p.Line))
	}
	for _, s := range []string{p.Object, p.Field, p.Message} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ": ")
}

// ConfigError is a config NewPlan refuses, or files LoadDir, LoadYAML or
// WriteDir refuse, with every problem found. When it comes from the config
// alone (names, duplicates, missing fields) no request was made; when a
// problem needs the tenant (a binding to an action that exists nowhere),
// NewPlan only read. Problems with files, and NewPlan's problems with a
// config read from files, name the file and line.
type ConfigError struct {
	// Problems are the problems, in the config's order.
	Problems []Problem
}

// Error implements error.
func (e *ConfigError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	if len(parts) == 1 {
		return "actionsync: the config has a problem: " + parts[0]
	}
	return fmt.Sprintf("actionsync: the config has %d problems: %s", len(parts), strings.Join(parts, "; "))
}

// Unwrap returns the errors behind the problems, for errors.Is and
// errors.As.
func (e *ConfigError) Unwrap() []error {
	var errs []error
	for _, p := range e.Problems {
		if p.Err != nil {
			errs = append(errs, p.Err)
		}
	}
	return errs
}

// problems collects the problems of a config.
type problems struct{ list []Problem }

func (ps *problems) add(object, field, format string, args ...any) {
	ps.list = append(ps.list, Problem{Object: object, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &ConfigError{Problems: ps.list}
}

func moduleObject(name string) string              { return fmt.Sprintf("module %q", name) }
func actionObject(name string) string              { return fmt.Sprintf("action %q", name) }
func triggerObject(trigger auth0.TriggerID) string { return "trigger " + string(trigger) }

// validate checks what can be checked without the tenant.
func (c *Config) validate() error {
	var ps problems
	modules := map[string]bool{}
	for i, m := range c.Modules {
		obj := moduleObject(m.Name)
		if m.Name == "" {
			ps.add(fmt.Sprintf("modules[%d]", i), "name", "is required")
			continue
		}
		if modules[m.Name] {
			ps.add(obj, "name", "is used by two modules of the config")
			continue
		}
		modules[m.Name] = true
		p := auth0.ModuleNewParams{Name: m.Name, Code: m.Code, Dependencies: m.Dependencies, Secrets: withPlaceholders(m.Secrets)}
		if err := p.Validate(); err != nil {
			ps.addParams(obj, err, "ModuleNewParams")
		}
	}
	actions := map[string]*Action{}
	for i := range c.Actions {
		a := &c.Actions[i]
		obj := actionObject(a.Name)
		if a.Name == "" {
			ps.add(fmt.Sprintf("actions[%d]", i), "name", "is required")
			continue
		}
		if actions[a.Name] != nil {
			ps.add(obj, "name", "is used by two actions of the config")
			continue
		}
		actions[a.Name] = a
		p := auth0.ActionNewParams{Name: a.Name, SupportedTriggers: a.SupportedTriggers, Code: &a.Code,
			Dependencies: a.Dependencies, Runtime: &a.Runtime, Secrets: withPlaceholders(a.Secrets), Modules: a.Modules}
		if err := p.Validate(); err != nil {
			ps.addParams(obj, err, "ActionNewParams")
		}
		seen := map[string]bool{}
		for j, ref := range a.Modules {
			name := ref.ModuleName
			if name == "" {
				continue // by ID: checked against the tenant
			}
			if seen[name] {
				ps.add(obj, fmt.Sprintf("modules[%d]", j), "module %q is referenced twice", name)
			}
			seen[name] = true
		}
	}
	for _, trigger := range sortedTriggers(c.Triggers) {
		obj := triggerObject(trigger)
		if trigger == "" {
			ps.add("triggers", "", "a trigger ID is empty")
			continue
		}
		seen := map[string]bool{}
		for j, b := range c.Triggers[trigger] {
			field := fmt.Sprintf("bindings[%d].action_name", j)
			if b.ActionName == "" {
				ps.add(obj, field, "is required")
				continue
			}
			if err := bindingParams(b).Validate(); err != nil {
				f, msg := paramsField(err, "BindingUpdateParams.Bindings[0]")
				f = strings.NewReplacer("ref.value", "action_name").Replace(f)
				ps.add(obj, fmt.Sprintf("bindings[%d].%s", j, f), "%s", msg)
				continue
			}
			if seen[b.ActionName] {
				ps.add(obj, field, "action %q is bound twice", b.ActionName)
			}
			seen[b.ActionName] = true
			if a := actions[b.ActionName]; a != nil && !supports(a.SupportedTriggers, trigger) {
				ps.add(obj, field, "action %q does not support trigger %s (its supported_triggers: %s)",
					b.ActionName, trigger, triggerList(a.SupportedTriggers))
			}
		}
	}
	return ps.err()
}

// withPlaceholders gives valueless secrets a value for validation only: a
// secret without a value is allowed in a config (keep the tenant's).
func withPlaceholders(secrets []auth0.ActionSecretParam) []auth0.ActionSecretParam {
	if secrets == nil {
		return nil
	}
	out := slices.Clone(secrets)
	for i := range out {
		if out[i].Value == "" {
			out[i].Value = "placeholder"
		}
	}
	return out
}

// addParams adds the problem an auth0 params check found, with its field.
func (ps *problems) addParams(object string, err error, params string) {
	field, msg := paramsField(err, params)
	ps.add(object, field, "%s", msg)
}

// paramsField splits an auth0 params error, such as "auth0:
// ActionNewParams.Secrets[1].Value is not valid UTF-8 …", into the
// config's name of the field ("secrets[1].value") and what is wrong ("is
// not valid UTF-8 …"). An error that names no field gives an empty field.
func paramsField(err error, params string) (field, msg string) {
	msg = strings.TrimPrefix(err.Error(), "auth0: ")
	rest, ok := strings.CutPrefix(msg, params+".")
	if !ok {
		return "", msg
	}
	path, what, ok := strings.Cut(rest, " ")
	if !ok {
		return "", msg
	}
	return snakeCase(path), what
}

// snakeCase turns a Go field path into the config's JSON names:
// SupportedTriggers[0].ID becomes supported_triggers[0].id.
func snakeCase(path string) string {
	var b strings.Builder
	rs := []rune(path)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			prevLower := i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			acronymEnd := i > 0 && unicode.IsUpper(rs[i-1]) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if prevLower || acronymEnd {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// bindingParams is a binding as Bindings.Set would send it, for the
// checks of auth0.BindingUpdateParams (one rule, one place).
func bindingParams(b Binding) auth0.BindingUpdateParams {
	dn := b.displayName()
	return auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{{
		Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionName, Value: b.ActionName}, DisplayName: &dn}}}
}

func supports(triggers []auth0.Trigger, id auth0.TriggerID) bool {
	return slices.ContainsFunc(triggers, func(t auth0.Trigger) bool { return t.ID == id })
}

func triggerList(ts []auth0.Trigger) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = strings.TrimSpace(string(t.ID) + " " + t.Version)
	}
	return strings.Join(parts, ", ")
}

func sortedTriggers[V any](m map[auth0.TriggerID]V) []auth0.TriggerID {
	ids := make([]auth0.TriggerID, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
