// Package auth0 is a Go client for the Auth0 Management API's Actions
// endpoints, all 24 operations: create, update, deploy and test actions;
// read their immutable versions and roll back to one; read executions; list
// triggers and order the actions bound to them; and manage Action Modules,
// shared code published as immutable versions that actions pin.
//
// Create a client once and share it:
//
//	client := auth0.NewClient() // AUTH0_DOMAIN plus AUTH0_API_TOKEN, or AUTH0_CLIENT_ID and AUTH0_CLIENT_ASSERTION_PRIVATE_KEY or AUTH0_CLIENT_SECRET
//	action, err := client.Actions.New(ctx, auth0.ActionNewParams{
//		Name:              "add-roles",
//		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
//		Code:              auth0.String(`exports.onExecutePostLogin = async (event, api) => {};`),
//	})
//
// The endpoints are nested as in Auth0's API reference: client.Actions,
// client.Actions.Versions, client.Actions.Executions,
// client.Actions.Triggers, client.Actions.Triggers.Bindings,
// client.Actions.Modules and client.Actions.Modules.Versions. Every method
// takes a context first and options (package option) last.
//
// Deployment pipelines use the workflow helpers: Actions.Upsert and
// Actions.Modules.Upsert make an action or a module exist as described
// (with DryRun they return a Plan and write nothing), Modules.Rollout moves
// the actions that use a module to a new version, DeployAndWait and
// WaitUntilBuilt wait for builds, and Bindings.Add, Remove and Move edit a
// trigger's order without losing other bindings.
//
// Params say what was set: optional fields are pointers (use String, Bool,
// Int or Ptr) and only the fields set are sent. Responses are plain values;
// a pointer means the API may leave the object out (an action never deployed
// has no DeployedVersion). Enums are typed strings that accept any value.
//
// Lists return a PageNumberPage; ListAutoPaging returns an iterator over
// every item, for range-over-func.
//
// Every response outside 2xx is an *Error; match it with errors.As or with
// errors.Is and ErrNotFound, ErrRateLimited and the other Err… values.
// 429s, and 5xx and connection errors of requests that are safe to repeat,
// are retried; creates, deploys and roll-backs are not repeated after the
// server may have seen them.
//
// The auth0test package provides a fake Actions API for tests.
//
// # Secrets
//
// Auth0 never returns a secret's value, and PATCH replaces an action's or a
// module's whole secrets list. This is the one rule for secrets that every
// helper follows (Actions.Upsert, Actions.Modules.Upsert, and the whole-set
// plans of package actionsync):
//
//   - Update sends exactly the Secrets it is given: nil leaves them alone, a
//     non-nil slice replaces the whole list (an empty one deletes them all).
//   - Upsert compares secrets by name. It sends the list only when a name is
//     added or removed, and then every secret of the params goes with its
//     value, so a second run with the same names writes nothing. It does not
//     re-send the value of a name the tenant has already: there is no way to
//     tell whether it changed, and re-sending on every run would make every
//     run a write.
//   - A secret the tenant has and the params leave out is never dropped
//     silently: Upsert returns a *SecretsWouldBeDeletedError
//     (ErrSecretsWouldBeDeleted) naming them, and writes nothing.
//   - PruneSecrets deletes the names the params leave out; RotateSecrets
//     sends the whole list, values included, even when the names match, to
//     change a value under the same name.
//   - A create sends every secret of the params.
//   - Secret values never appear in a plan, an error, a log line or a dump.
package auth0
