package auth0_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// The examples run on auth0test, the SDK's fake Auth0 API, started in the
// process, so they need no tenant. Against a tenant, drop the fake and
// build the client with auth0.NewClient() and AUTH0_DOMAIN with
// AUTH0_API_TOKEN (or client credentials) in the environment.

// exampleFake starts the fake API and returns a client for it.
func exampleFake() (*auth0test.Server, *auth0.Client) {
	srv, err := auth0test.Start()
	if err != nil {
		log.Fatal(err)
	}
	return srv, srv.Client()
}

// postLogin is the trigger most examples use.
var postLogin = []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}

func ExampleNewClient() {
	srv, err := auth0test.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	// Against a tenant: auth0.NewClient(option.WithDomain("tenant.eu.auth0.com"),
	// option.WithClientCredentials(id, secret)), or no options at all with
	// AUTH0_DOMAIN and AUTH0_CLIENT_ID/AUTH0_CLIENT_SECRET (or
	// AUTH0_API_TOKEN) in the environment.
	client := auth0.NewClient(
		option.WithBaseURL(srv.URL+"/api/v2/"),
		option.WithToken(srv.Token()),
		option.WithMaxRetries(2),
		option.WithWaitTimeout(5*time.Minute),
	)
	res, err := client.Actions.Triggers.List(context.Background())
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(len(res.Triggers) > 0)
	// Output:
	// true
}

func ExampleActionService_New() {
	srv, client := exampleFake()
	defer srv.Close()

	action, err := client.Actions.New(context.Background(), auth0.ActionNewParams{
		Name:              "add-roles-to-token",
		SupportedTriggers: postLogin,
		Code:              auth0.String(`exports.onExecutePostLogin = async (event, api) => {};`),
		Runtime:           auth0.String(auth0.RuntimeNode22),
		Secrets:           []auth0.ActionSecretParam{{Name: "API_KEY", Value: "s3cr3t"}},
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	// A new action's draft is built in the background: see WaitUntilBuilt.
	fmt.Println(action.Name, action.Status, action.Runtime)
	// The API never returns a secret's value, only its name.
	fmt.Println(action.Secrets[0].Name)
	// Output:
	// add-roles-to-token pending node22
	// API_KEY
}

func ExampleActionService_ListAutoPaging() {
	srv, client := exampleFake()
	defer srv.Close()
	for _, name := range []string{"add-roles", "block-risky-ips", "enrich-profile", "log-logins", "mfa-step-up"} {
		srv.AddAction(auth0.ActionNewParams{Name: name, SupportedTriggers: postLogin})
	}
	ctx := context.Background()

	// Every action, two per page: range-over-func fetches pages as needed.
	iter := client.Actions.ListAutoPaging(ctx, auth0.ActionListParams{PerPage: auth0.Int(2)})
	for action, err := range iter.All() {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(action.Name, action.Status)
	}

	// Or, in the classic style.
	for iter.Next() {
		if iter.Index() == 0 {
			fmt.Println("first again:", iter.Current().Name)
		}
	}
	if err := iter.Err(); err != nil {
		fmt.Println("error:", err)
	}
	// Output:
	// add-roles built
	// block-risky-ips built
	// enrich-profile built
	// log-logins built
	// mfa-step-up built
	// first again: add-roles
}

func ExampleActionService_WaitUntilBuilt() {
	// This fake finishes a build at the third read of the action.
	srv, err := auth0test.Start(auth0test.WithBuildAfterReads(3))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client := srv.Client(option.WithWaitTimeout(time.Minute))
	ctx := context.Background()

	action, err := client.Actions.New(ctx, auth0.ActionNewParams{Name: "add-roles", SupportedTriggers: postLogin,
		Code: auth0.String(`exports.onExecutePostLogin = async () => {};`)})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("after create:", action.Status)
	built, err := client.Actions.WaitUntilBuilt(ctx, action.ID)
	if err != nil {
		// A failed build is an *auth0.BuildError (errors.Is ErrBuildFailed).
		fmt.Println("error:", err)
		return
	}
	fmt.Println("now:", built.Status)
	// Output:
	// after create: pending
	// now: built
}

func ExampleActionService_DeployAndWait() {
	srv, client := exampleFake()
	defer srv.Close()
	ctx := context.Background()
	action := srv.AddAction(auth0.ActionNewParams{Name: "add-roles", SupportedTriggers: postLogin,
		Code: auth0.String(`exports.onExecutePostLogin = async () => {};`)})

	// Waits for the draft's build, deploys it and waits until the new
	// version is live; option.WithWaitTimeout bounds the whole call.
	version, err := client.Actions.DeployAndWait(ctx, action.ID)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("version", version.Number, "deployed:", version.Deployed)
	// Output:
	// version 1 deployed: true
}

func ExampleActionService_GetByName() {
	srv, client := exampleFake()
	defer srv.Close()
	srv.AddAction(auth0.ActionNewParams{Name: "add-roles", SupportedTriggers: postLogin})
	ctx := context.Background()

	action, err := client.Actions.GetByName(ctx, "add-roles")
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(action.Name, action.SupportedTriggers[0].ID)

	_, err = client.Actions.GetByName(ctx, "no-such-action")
	fmt.Println("not found:", errors.Is(err, auth0.ErrNotFound))
	// Output:
	// add-roles post-login
	// not found: true
}

func ExampleActionService_Upsert() {
	srv, client := exampleFake()
	defer srv.Close()
	ctx := context.Background()
	params := auth0.ActionUpsertParams{
		Name:              "add-roles-to-token",
		SupportedTriggers: postLogin,
		Code:              auth0.String("exports.onExecutePostLogin = async (event, api) => {\n  api.idToken.setCustomClaim('roles', []);\n};\n"),
		Dependencies:      []auth0.ActionDependency{{Name: "lodash", Version: "4.17.21"}},
		Deploy:            true,
		Bind:              true,
	}

	// In review: DryRun writes nothing and says what would change.
	params.DryRun = true
	plan, err := client.Actions.Upsert(ctx, params)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(plan.Plan)

	// After the merge: the same call without DryRun.
	params.DryRun = false
	res, err := client.Actions.Upsert(ctx, params)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("created:", res.Created, "deployed:", res.Deployed != nil, "bound:", res.Bound)

	// Run again with the same params, it writes nothing.
	res, err = client.Actions.Upsert(ctx, params)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("changed:", res.Changed())
	// Output:
	// action "add-roles-to-token": create
	//   + trigger: post-login v3
	//   + code: 3 lines
	//   + dependency lodash: 4.17.21
	//   deploy: yes
	//   bind: post-login, at position 1 of 1, first
	// created: true deployed: true bound: true
	// changed: false
}

func ExampleBindingService_Add() {
	srv, client := exampleFake()
	defer srv.Close()
	ctx := context.Background()
	for _, name := range []string{"block-risky-ips", "add-roles"} {
		a := srv.AddAction(auth0.ActionNewParams{Name: name, SupportedTriggers: postLogin, Deploy: auth0.Bool(true)})
		// Add reads the trigger's bindings and writes them back with the
		// action at the end (or at Position): the others are kept.
		if _, err := client.Actions.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin, auth0.BindingAddParams{ActionID: a.ID}); err != nil {
			fmt.Println("error:", err)
			return
		}
	}
	for _, b := range srv.Bindings(auth0.TriggerPostLogin) {
		fmt.Println(b.Action.Name)
	}
	// Output:
	// block-risky-ips
	// add-roles
}

func ExampleActionVersionService_Deploy() {
	srv, client := exampleFake()
	defer srv.Close()
	ctx := context.Background()
	action := srv.AddAction(auth0.ActionNewParams{Name: "add-roles", SupportedTriggers: postLogin,
		Code: auth0.String("// v1"), Deploy: auth0.Bool(true)})
	if _, err := client.Actions.Update(ctx, action.ID, auth0.ActionUpdateParams{Code: auth0.String("// v2")}); err != nil {
		fmt.Println("error:", err)
		return
	}
	if _, err := client.Actions.DeployAndWait(ctx, action.ID); err != nil {
		fmt.Println("error:", err)
		return
	}
	first := srv.Versions(action.ID)[1] // newest first

	// Roll back to version 1, and make it the draft too. The live API
	// answers 200 where the document says 202; both are fine.
	version, err := client.Actions.Versions.Deploy(ctx, action.ID, first.ID, auth0.ActionVersionDeployParams{UpdateDraft: auth0.Bool(true)})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("version", version.Number, "has the code of version", first.Number, "=", version.Code)
	// Output:
	// version 3 has the code of version 1 = // v1
}

func ExampleBindingService_Update() {
	srv, client := exampleFake()
	defer srv.Close()
	a1 := srv.AddAction(auth0.ActionNewParams{Name: "add-roles-to-token", SupportedTriggers: postLogin, Deploy: auth0.Bool(true)})
	srv.AddAction(auth0.ActionNewParams{Name: "block-risky-ips", SupportedTriggers: postLogin, Deploy: auth0.Bool(true)})

	// The list replaces all of the trigger's bindings, in the order given.
	res, err := client.Actions.Triggers.Bindings.Update(context.Background(), auth0.TriggerPostLogin, auth0.BindingUpdateParams{
		Bindings: []auth0.BindingUpdate{
			{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionName, Value: "block-risky-ips"}},
			{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: a1.ID}, DisplayName: auth0.String("add-roles")},
		},
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	for i, b := range res.Bindings {
		fmt.Println(i+1, b.DisplayName, b.Action.Name)
	}
	// Output:
	// 1 block-risky-ips block-risky-ips
	// 2 add-roles add-roles-to-token
}

func ExampleExecutionService_Get() {
	srv, client := exampleFake()
	defer srv.Close()
	at := time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC)
	stored := srv.AddExecution(auth0.Execution{TriggerID: auth0.TriggerPostLogin, Results: []auth0.ExecutionResult{
		{ActionName: "add-roles-to-token", StartedAt: at.Add(101 * time.Millisecond), EndedAt: at.Add(164 * time.Millisecond)},
		{ActionName: "block-risky-ips", Error: &auth0.ActionError{ID: "a0_action_timeout", Msg: "Script execution time exceeded"},
			StartedAt: at.Add(165 * time.Millisecond), EndedAt: at.Add(20170 * time.Millisecond)},
	}})

	// Execution IDs appear in the tenant logs.
	exec, err := client.Actions.Executions.Get(context.Background(), stored.ID)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(exec.TriggerID, exec.Status)
	for _, r := range exec.Results {
		took := r.EndedAt.Sub(r.StartedAt)
		if r.Error != nil {
			fmt.Printf("%s failed after %s: %s\n", r.ActionName, took, r.Error.Msg)
			continue
		}
		fmt.Printf("%s ran in %s\n", r.ActionName, took)
	}
	// Output:
	// post-login final
	// add-roles-to-token ran in 63ms
	// block-risky-ips failed after 20.005s: Script execution time exceeded
}

func ExampleTriggerService_List() {
	srv, client := exampleFake()
	defer srv.Close()

	res, err := client.Actions.Triggers.List(context.Background())
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	for _, t := range res.Triggers {
		if t.ID != auth0.TriggerPostLogin || t.Status != auth0.TriggerStatusCurrent {
			continue
		}
		fmt.Println(t.ID, t.Version, "bindable:", t.BindingPolicy != auth0.BindingPolicyEntityBound)
	}
	// Output:
	// post-login v3 bindable: true
}

func ExampleError() {
	srv, client := exampleFake()
	defer srv.Close()

	_, err := client.Actions.Get(context.Background(), "no-such-action")

	switch {
	case errors.Is(err, auth0.ErrNotFound):
		fmt.Println("not found")
	case errors.Is(err, auth0.ErrRateLimited):
		fmt.Println("rate limited")
	}
	var apiErr *auth0.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Method)
		// RateLimit is nil when the response had no rate-limit headers.
		if rl := apiErr.RateLimit; rl != nil {
			fmt.Println("requests left:", rl.Remaining >= 0)
		}
	}
	fmt.Println("is ErrNotFound:", errors.Is(err, auth0.ErrNotFound))

	// Params are checked before anything is sent.
	_, err = client.Actions.New(context.Background(), auth0.ActionNewParams{Name: "no-trigger"})
	fmt.Println(err)
	// Output:
	// not found
	// 404 GET
	// requests left: true
	// is ErrNotFound: true
	// auth0: ActionNewParams.SupportedTriggers needs at least one trigger
}
