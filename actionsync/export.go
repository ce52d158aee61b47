package actionsync

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	auth0 "github.com/actions-sdk/auth0-go"
)

// Export reads the tenant of client into a Config: every module and every
// action (its draft: code, runtime, triggers, dependencies, module
// references by name and version number, secret names with empty values,
// and Deployed when every change of the draft is deployed), and the
// bindings of every trigger whose bindings the tenant manages, in order
// (triggers with no binding are left out). It only reads, by lists.
//
// Entity-bound triggers (Auth0 manages their bindings) and marketplace
// actions (installed integrations) are left out, and each skip is listed
// in Config.Skipped. Planning the exported config against the same tenant
// shows no changes, with one exception: a module whose draft is ahead of
// its latest version is exported with its draft, and a config's module is
// published whenever its draft differs, so that plan publishes it.
func Export(ctx context.Context, client *auth0.Client) (*Config, error) {
	if client == nil {
		return nil, errors.New("actionsync: Export needs a client")
	}
	t, err := readTenant(ctx, client, nil)
	if err != nil {
		return nil, fmt.Errorf("actionsync: reading the tenant: %w", err)
	}
	cfg := &Config{Triggers: map[auth0.TriggerID][]Binding{}}
	for _, m := range t.modules {
		mod := Module{Name: m.Name, Code: m.Code, Dependencies: slices.Clone(m.Dependencies)}
		if mod.Dependencies == nil {
			mod.Dependencies = []auth0.ActionModuleDependency{}
		}
		for _, s := range m.Secrets {
			mod.Secrets = append(mod.Secrets, auth0.ActionSecretParam{Name: s.Name})
		}
		cfg.Modules = append(cfg.Modules, mod)
	}
	slices.SortFunc(cfg.Modules, func(a, b Module) int { return cmp.Compare(a.Name, b.Name) })
	for _, a := range t.byID {
		if marketplace(a) {
			cfg.Skipped = append(cfg.Skipped, Skipped{Kind: "action", Name: a.Name,
				Reason: "a marketplace action (an installed integration), which Auth0 manages"})
			continue
		}
		cfg.Actions = append(cfg.Actions, exportAction(a, t))
	}
	slices.SortFunc(cfg.Actions, func(a, b Action) int { return cmp.Compare(a.Name, b.Name) })
	for _, trigger := range sortedTriggers(t.policy) {
		if t.policy[trigger] == auth0.BindingPolicyEntityBound {
			cfg.Skipped = append(cfg.Skipped, Skipped{Kind: "trigger", Name: string(trigger),
				Reason: "entity-bound: Auth0 manages its bindings per entity"})
			continue
		}
		bs, err := listBindings(ctx, client, trigger)
		if err != nil {
			return nil, fmt.Errorf("actionsync: reading the bindings of %s: %w", trigger, err)
		}
		for _, b := range bs {
			cfg.Triggers[trigger] = append(cfg.Triggers[trigger], Binding{ActionName: b.Action.Name, DisplayName: b.DisplayName})
		}
	}
	slices.SortFunc(cfg.Skipped, func(a, b Skipped) int { return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name)) })
	return cfg, nil
}

func exportAction(a *auth0.Action, t *tenant) Action {
	out := Action{Name: a.Name, Code: a.Code, Runtime: a.Runtime, Dependencies: slices.Clone(a.Dependencies),
		Deployed: a.DeployedVersion != nil && a.AllChangesDeployed}
	if out.Dependencies == nil {
		out.Dependencies = []auth0.ActionDependency{}
	}
	for _, tr := range a.SupportedTriggers {
		out.SupportedTriggers = append(out.SupportedTriggers, auth0.Trigger{ID: tr.ID, Version: tr.Version})
	}
	for _, s := range a.Secrets {
		out.Secrets = append(out.Secrets, auth0.ActionSecretParam{Name: s.Name})
	}
	out.Modules = []auth0.ActionModuleReference{}
	for _, m := range a.Modules {
		name := m.ModuleName
		if mod := t.moduleID[m.ModuleID]; mod != nil {
			name = mod.Name
		}
		out.Modules = append(out.Modules, auth0.ActionModuleReference{ModuleName: name, ModuleVersionNumber: m.ModuleVersionNumber})
	}
	return out
}
