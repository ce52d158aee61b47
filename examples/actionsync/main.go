// Command actionsync deploys a whole set of actions as code: a module and
// two actions that use it, bound in order to post-login. It plans and
// applies the set, changes the module and plans again (the plan shows the
// new module version in both actions, which the same apply redeploys),
// plans once more to show there is nothing left to do, then drops one
// action from the config and prunes it.
//
// By default it runs against the auth0test fake API in-process and touches
// no tenant, even when AUTH0_* variables are set:
//
//	go run ./examples/actionsync
//
// With -live it runs against the tenant in AUTH0_DOMAIN (with
// AUTH0_API_TOKEN, or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET), which needs
// Action Modules enabled. It says so first, creates one module and two
// actions named sdk-sync-<time>-…, and lists post-login in its config, so
// the apply sets post-login's bindings to exactly its two actions: run it
// only on a tenant whose post-login bindings you can lose. It skips the
// prune step (Prune deletes every action a config does not list), and at
// the end unbinds and deletes what it made, and nothing else.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/examples/internal/tenant"
)

func main() {
	log.SetFlags(0)
	live := flag.Bool("live", false, "run against the tenant in AUTH0_DOMAIN instead of the in-process fake API")
	flag.Parse()
	client, _, stop, err := tenant.Connect(*live, os.Stdout,
		"this run creates one action module and two actions on the tenant %s, sets post-login's bindings to those two actions, then deletes what it made.",
		auth0test.WithBuildAfterReads(1))
	if err != nil {
		log.Fatal(err)
	}
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	prefix := "sync-demo"
	if *live {
		prefix = fmt.Sprintf("sdk-sync-%d", time.Now().Unix())
	}
	if err := run(ctx, client, os.Stdout, prefix, !*live); err != nil {
		log.Fatal(err)
	}
}

// config is the set as a repository would hold it.
func config(prefix, moduleCode string, actions ...string) *actionsync.Config {
	module := prefix + "-utils"
	cfg := &actionsync.Config{
		Modules:  []actionsync.Module{{Name: module, Code: moduleCode}},
		Triggers: map[auth0.TriggerID][]actionsync.Binding{auth0.TriggerPostLogin: {}},
	}
	for _, a := range actions {
		name := prefix + "-" + a
		cfg.Actions = append(cfg.Actions, actionsync.Action{
			Name:              name,
			Code:              fmt.Sprintf("const u = require('actions:%s');\nexports.onExecutePostLogin = async (event, api) => { u.%s(api); };", module, a),
			SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
			Modules:           []auth0.ActionModuleReference{{ModuleName: module}},
			Deployed:          true,
		})
		cfg.Triggers[auth0.TriggerPostLogin] = append(cfg.Triggers[auth0.TriggerPostLogin], actionsync.Binding{ActionName: name})
	}
	return cfg
}

const (
	utilsV1 = "module.exports = { roles: (api) => {}, greet: (api) => {} };"
	utilsV2 = "module.exports = { roles: (api) => { api.idToken.setCustomClaim('roles', []); }, greet: (api) => {} };"
)

// run does every step, printing each plan and result to out. With prune it
// also prunes; it always cleans up what it made.
func run(ctx context.Context, client *auth0.Client, out io.Writer, prefix string, prune bool) (err error) {
	defer func() {
		// Clean up, even after a failure or a timeout, under a deadline of
		// its own: post-login's list without our actions, then our actions
		// (by name), then our module.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		defer cancel()
		err = errors.Join(err, cleanUp(ctx, client, prefix))
	}()
	step := func(title string, cfg *actionsync.Config, opts actionsync.PlanOptions) error {
		plan, err := actionsync.NewPlan(ctx, client, cfg, opts)
		if err != nil {
			return fmt.Errorf("%s: plan: %w", title, err)
		}
		fmt.Fprintf(out, "== %s\n%s\n", title, plan)
		if !plan.HasChanges() {
			return nil
		}
		res, err := actionsync.Apply(ctx, client, plan, actionsync.ApplyOptions{})
		if err != nil {
			return fmt.Errorf("%s: apply: %w", title, err)
		}
		fmt.Fprintf(out, "-- applied:\n%s\n", res)
		return nil
	}
	if err := step("1. first deploy", config(prefix, utilsV1, "roles", "greet"), actionsync.PlanOptions{}); err != nil {
		return err
	}
	if err := step("2. the module changes", config(prefix, utilsV2, "roles", "greet"), actionsync.PlanOptions{}); err != nil {
		return err
	}
	if err := step("3. the same config again", config(prefix, utilsV2, "roles", "greet"), actionsync.PlanOptions{}); err != nil {
		return err
	}
	if !prune {
		fmt.Fprintln(out, "== 4. prune: skipped on a live tenant (Prune deletes every action the config does not list)")
		return nil
	}
	return step("4. drop an action, with Prune", config(prefix, utilsV2, "roles"), actionsync.PlanOptions{Prune: true})
}

// cleanUp removes what run made, and nothing else: our bindings from
// post-login (keeping any other), our actions, then our module.
func cleanUp(ctx context.Context, client *auth0.Client, prefix string) error {
	var errs []error
	for _, name := range []string{prefix + "-roles", prefix + "-greet"} {
		a, err := client.Actions.GetByName(ctx, name)
		if errors.Is(err, auth0.ErrNotFound) {
			continue
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if _, err := client.Actions.Triggers.Bindings.Remove(ctx, auth0.TriggerPostLogin, a.ID); err != nil && !errors.Is(err, auth0.ErrNotBound) {
			errs = append(errs, err)
		}
		if err := client.Actions.Delete(ctx, a.ID, auth0.ActionDeleteParams{}); err != nil {
			errs = append(errs, err)
		}
	}
	m, err := client.Actions.Modules.GetByName(ctx, prefix+"-utils")
	switch {
	case errors.Is(err, auth0.ErrNotFound):
	case err != nil:
		errs = append(errs, err)
	default:
		errs = append(errs, client.Actions.Modules.Delete(ctx, m.ID))
	}
	return errors.Join(errs...)
}
