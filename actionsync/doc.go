// Package actionsync deploys a whole set of Auth0 Actions at once — the
// action modules, the actions that use them, and the order of each
// trigger's bindings — from a desired state (a Config), as a plan that is
// reviewed and then applied.
//
//	plan, err := actionsync.NewPlan(ctx, client, cfg, actionsync.PlanOptions{})
//	fmt.Println(plan) // for the review in CI
//	res, err := actionsync.Apply(ctx, client, plan, actionsync.ApplyOptions{})
//
// NewPlan only reads, and reads by lists: the actions, the modules, the
// triggers and the bindings of each trigger the config lists, every page,
// with no request per object. It compares each module and action with the
// tenant by the same rules as Actions.Upsert and Modules.Upsert
// (ActionUpsertParams.Diff, ModuleUpsertParams.Diff), including the secrets
// rule of package auth0, and prints the plan the same way. A module that
// this apply publishes shows, in the same plan, in every action that uses
// it ("module shared-utils: version 1 → version 2 (published by this
// apply)"), and those actions are redeployed by the same apply.
//
// Apply carries out exactly that plan, in this order: module drafts;
// publishing the changed modules; action drafts, with module references
// resolved to the versions this apply published; waiting for builds (one
// list request per poll for every action waiting, up to
// ApplyOptions.Concurrency actions at once); deploys; then one bindings
// write per changed trigger, once every action in its list is deployed
// (the API's refusal to bind an action just deployed, redeployed ones
// included, is retried for up to a minute, as Bindings.Add retries it);
// and, with PlanOptions.Prune, the deletes. Before it writes anything it
// reads the tenant again, and if an object the plan writes has changed
// since NewPlan (another deploy, a hand edit), it returns a
// *StalePlanError and writes nothing. A failed build keeps the triggers
// that list the action as they were; the other objects go on. After any
// failure (a failed build, a 5xx, a cancelled context, a killed process) a
// fresh NewPlan and Apply finish the rest: nothing is created twice, and no
// module is published twice for one change.
//
// Safety: without Prune nothing is deleted or unbound, apart from the
// bindings of the triggers the config lists. Even with Prune, marketplace
// actions (installed integrations) are never deleted, and an action bound
// to a trigger the config does not list is a plan error, not a delete.
//
// Export reads a tenant into a Config, for a first commit of a tenant's
// actions to a repository.
//
// # Files
//
// LoadDir and LoadYAML read a Config from the files of Auth0's Deploy CLI
// (its directory layout, or the actions, actionModules and triggers
// sections of its tenant.yaml), with its keyword replacement, and WriteDir
// writes one in its directory layout; the command auth0-actions (package
// cmd/auth0-actions of this module) plans and applies them from a shell.
// Problems with the files are a *ConfigError whose problems name the file
// and line, and so are NewPlan's problems with a config read from files.
package actionsync
