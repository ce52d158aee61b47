// Command auth0-actions plans and applies a whole set of Auth0 Actions —
// the action modules, the actions and the order of each trigger's
// bindings — from files in the layout of Auth0's Deploy CLI (a directory,
// or a tenant.yaml), with package actionsync.
//
//	go install github.com/actions-sdk/auth0-go/cmd/auth0-actions@latest
//
//	auth0-actions export DIR                   write the tenant's actions to DIR
//	auth0-actions plan DIR [--prune] [--json]  show what apply would change
//	auth0-actions apply DIR [--prune] [--yes]  plan, ask, and apply
//
// DIR may be a Deploy CLI YAML file instead of a directory. The tenant and
// its credentials come from the same AUTH0_* environment variables as
// auth0.NewClient; the command reaches a tenant only when AUTH0_DOMAIN is
// set. Keywords come from AUTH0_KEYWORD_REPLACE_MAPPINGS and --keywords.
// The exit codes are those of terraform plan -detailed-exitcode: 0 no
// changes, 2 changes (plan) or changes made (apply), 1 an error. Run
// auth0-actions --help, or COMMAND --help, for the details.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}
