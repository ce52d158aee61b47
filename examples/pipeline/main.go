// Command pipeline is a deployment pipeline for an Action Module and an
// action that uses it, as a CI job would run it: a review run (DryRun) that
// prints the plan, an apply run, a second apply that changes nothing, and a
// module change that is published and rolled out to the action.
//
// By default it runs against the auth0test fake API in-process and touches
// no tenant:
//
//	go run ./examples/pipeline
//
// With -live it runs against the tenant in AUTH0_DOMAIN (with AUTH0_API_TOKEN,
// or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET). It then creates a module and an
// action named sdk-pipeline-<time>, binds the action to post-login for a
// moment, and at the end unbinds and deletes exactly what it created.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/examples/internal/tenant"
)

func main() {
	log.SetFlags(0)
	live := flag.Bool("live", false, "run against the tenant in AUTH0_DOMAIN instead of the in-process fake API")
	flag.Parse()
	client, _, stop, err := tenant.Connect(*live, os.Stdout, "this run creates, deploys, binds and then deletes one module and one action on the tenant %s.", auth0test.WithBuildAfterReads(1))
	if err != nil {
		log.Fatal(err)
	}
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	suffix := "demo"
	if *live {
		suffix = fmt.Sprint(time.Now().Unix())
	}
	if err := run(ctx, client, os.Stdout, suffix); err != nil {
		log.Fatal(err)
	}
}

const actionCode = `const utils = require('actions:%s');
exports.onExecutePostLogin = async (event, api) => {
  api.idToken.setCustomClaim('https://example.com/greeting', utils.greet(event.user.name));
};
`

// release is what the repository holds: one module and one action.
type release struct {
	module auth0.ModuleUpsertParams
	action auth0.ActionUpsertParams
}

func newRelease(suffix, moduleCode string) release {
	name := "sdk-pipeline-" + suffix
	return release{
		module: auth0.ModuleUpsertParams{
			Name:         name + "-utils",
			Code:         moduleCode,
			Dependencies: []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}},
			Secrets:      []auth0.ActionSecretParam{{Name: "GREETING", Value: "Hello"}},
			Publish:      true,
		},
		action: auth0.ActionUpsertParams{
			Name:              name,
			SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
			Code:              auth0.String(fmt.Sprintf(actionCode, name+"-utils")),
			Runtime:           auth0.String(auth0.RuntimeNode22),
			// By name: the module's latest published version.
			Modules: []auth0.ActionModuleReference{{ModuleName: name + "-utils"}},
			Deploy:  true,
			Bind:    true,
		},
	}
}

// ship runs the release once: the module first, then the action.
func ship(ctx context.Context, client *auth0.Client, out io.Writer, r release, dryRun bool) (*auth0.ModuleUpsertResult, *auth0.ActionUpsertResult, error) {
	r.module.DryRun, r.action.DryRun = dryRun, dryRun
	mod, err := client.Actions.Modules.Upsert(ctx, r.module)
	if err != nil {
		return nil, nil, fmt.Errorf("module: %w", err)
	}
	fmt.Fprintln(out, indent(mod.Plan.String()))
	act, err := client.Actions.Upsert(ctx, r.action)
	if err != nil {
		return mod, nil, fmt.Errorf("action: %w", err)
	}
	fmt.Fprintln(out, indent(act.Plan.String()))
	return mod, act, nil
}

func run(ctx context.Context, client *auth0.Client, out io.Writer, suffix string) (err error) {
	v1 := "module.exports = { greet: (name) => `Hello, ${name}` };\n"
	r := newRelease(suffix, v1)

	fmt.Fprintln(out, "1. Review (DryRun): nothing is written.")
	if _, _, err := ship(ctx, client, out, r, true); err != nil {
		return err
	}

	fmt.Fprintln(out, "2. Apply: create and publish the module, create, deploy and bind the action.")
	mod, act, err := ship(ctx, client, out, r, false)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, cleanUp(ctx, client, out, mod.Module.ID, act.Action.ID)) }()
	fmt.Fprintf(out, "   module %s is at version %d; action %s is deployed with it\n",
		mod.Module.Name, mod.LatestVersion.VersionNumber, act.Action.Name)

	fmt.Fprintln(out, "3. Apply again with the same input: nothing to do.")
	mod2, act2, err := ship(ctx, client, out, r, false)
	if err != nil {
		return err
	}
	if mod2.Changed() || act2.Changed() {
		return errors.New("the second run changed the tenant")
	}

	fmt.Fprintln(out, "4. The module changes: review, then publish version 2 and roll it out.")
	r = newRelease(suffix, "module.exports = { greet: (name) => `Hello again, ${name}` };\n")
	if _, _, err := ship(ctx, client, out, r, true); err != nil {
		return err
	}
	r.action.Modules = nil // leave the action's pin to Rollout
	mod3, _, err := ship(ctx, client, out, r, false)
	if err != nil {
		return err
	}
	res, err := client.Actions.Modules.Rollout(ctx, mod3.Module.ID, auth0.ModuleRolloutParams{Deploy: true})
	if err != nil {
		return fmt.Errorf("rollout: %w", err)
	}
	for _, a := range res.Actions {
		fmt.Fprintf(out, "   rollout to version %d: %s %s (was on version %d)\n", res.Version.VersionNumber, a.ActionName, a.Status, a.FromVersionNumber)
	}
	return nil
}

// cleanUp deletes what the run created, under its own deadline even when
// the run's context has ended.
func cleanUp(ctx context.Context, client *auth0.Client, out io.Writer, moduleID, actionID string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	fmt.Fprintln(out, "5. Clean up: unbind and delete the action, then delete the module.")
	var errs []error
	if _, err := client.Actions.Triggers.Bindings.Remove(ctx, auth0.TriggerPostLogin, actionID); err != nil && !errors.Is(err, auth0.ErrNotBound) {
		errs = append(errs, fmt.Errorf("unbind: %w", err))
	}
	if err := client.Actions.Delete(ctx, actionID, auth0.ActionDeleteParams{Force: auth0.Bool(true)}); err != nil {
		errs = append(errs, fmt.Errorf("delete action: %w", err))
	}
	if err := client.Actions.Modules.Delete(ctx, moduleID); err != nil {
		errs = append(errs, fmt.Errorf("delete module: %w", err))
	}
	return errors.Join(errs...)
}

func indent(s string) string { return "   " + strings.ReplaceAll(s, "\n", "\n   ") }
