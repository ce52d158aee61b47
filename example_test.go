package auth0_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// The examples run against a stand-in for the Auth0 API started in the
// process, so they need no tenant. Against a tenant, drop the two options
// and set AUTH0_DOMAIN and AUTH0_API_TOKEN (or client credentials).

// exampleHandler answers one route with a status and a JSON body.
type exampleHandler func(r *http.Request) (int, string)

// exampleReply always answers with status and body.
func exampleReply(status int, body string) exampleHandler {
	return func(*http.Request) (int, string) { return status, body }
}

// exampleServer starts a fake API answering "METHOD /path" from routes, and
// a 404 in Auth0's shape for anything else.
func exampleServer(routes map[string]exampleHandler) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status, body := http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"That action does not exist."}`
		if h, ok := routes[r.Method+" "+r.URL.Path]; ok {
			status, body = h(r)
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
}

// examplePages serves names as a list of actions, honouring page and
// per_page, and leaving page out when it is 0 as the live API does.
func examplePages(names []string) exampleHandler {
	return func(r *http.Request) (int, string) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		perPage, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		start := min(page*perPage, len(names))
		end := min(start+perPage, len(names))
		items := make([]string, 0, end-start)
		for i := start; i < end; i++ {
			items = append(items, fmt.Sprintf(`{"id":"act_%d","name":%q,"status":"built"}`, i, names[i]))
		}
		body := `{"actions":[` + strings.Join(items, ",") + `],"per_page":` + strconv.Itoa(perPage)
		if page > 0 {
			body += `,"page":` + strconv.Itoa(page)
		}
		return http.StatusOK, body + "}"
	}
}

func ExampleActionService_New() {
	srv := exampleServer(map[string]exampleHandler{
		"POST /actions/actions": exampleReply(http.StatusCreated, `{
			"id": "5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d", "name": "add-roles-to-token",
			"supported_triggers": [{"id": "post-login", "version": "v3"}], "runtime": "node22",
			"secrets": [{"name": "API_KEY", "updated_at": "2026-05-29T10:30:59.650492329Z"}],
			"status": "pending", "all_changes_deployed": false}`),
	})
	defer srv.Close()
	client := auth0.NewClient(option.WithBaseURL(srv.URL), option.WithToken("token"))

	action, err := client.Actions.New(context.Background(), auth0.ActionNewParams{
		Name:              "add-roles-to-token",
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Code:              auth0.String(`exports.onExecutePostLogin = async (event, api) => {};`),
		Runtime:           auth0.String(auth0.RuntimeNode22),
		Secrets:           []auth0.ActionSecretParam{{Name: "API_KEY", Value: "s3cr3t"}},
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(action.ID, action.Name, action.Status)
	fmt.Println("secrets:", action.Secrets[0].Name, "(values are never returned)")
	fmt.Println("deployed:", action.DeployedVersion != nil)
	// Output:
	// 5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d add-roles-to-token pending
	// secrets: API_KEY (values are never returned)
	// deployed: false
}

func ExampleActionService_ListAutoPaging() {
	srv := exampleServer(map[string]exampleHandler{
		"GET /actions/actions": examplePages([]string{"add-roles", "block-risky-ips", "enrich-profile", "log-logins", "mfa-step-up"}),
	})
	defer srv.Close()
	client := auth0.NewClient(option.WithBaseURL(srv.URL), option.WithToken("token"))
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

func ExampleVersionService_Deploy() {
	const actionID, versionID = "5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d", "a9e0d3c1-7b52-4f18-8c3e-61d2f4a7b890"
	srv := exampleServer(map[string]exampleHandler{
		// The live API answers 200 where the document says 202; both are fine.
		"POST /actions/actions/" + actionID + "/versions/" + versionID + "/deploy": exampleReply(http.StatusOK, `{
			"id": "d41f7a2b-9c3e-4e5f-8a6b-7c8d9e0f1a2b", "number": 4, "deployed": false, "status": "built",
			"action": {"id": "5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d", "name": "add-roles-to-token"}}`),
	})
	defer srv.Close()
	client := auth0.NewClient(option.WithBaseURL(srv.URL), option.WithToken("token"))

	// Roll back to an earlier version, and make it the draft too.
	version, err := client.Actions.Versions.Deploy(context.Background(), actionID, versionID,
		auth0.VersionDeployParams{UpdateDraft: auth0.Bool(true)})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("new version", version.Number, "of", version.Action.Name, "for action", version.GetActionID())
	// Output:
	// new version 4 of add-roles-to-token for action 5b1c7f3e-2a44-4e0b-9d6f-0c8a1e2f3b4d
}

func ExampleBindingService_Update() {
	srv := exampleServer(map[string]exampleHandler{
		"PATCH /actions/triggers/post-login/bindings": exampleReply(http.StatusOK, `{"bindings": [
			{"id": "b1", "trigger_id": "post-login", "display_name": "block-risky-ips",
			 "action": {"id": "a2", "name": "block-risky-ips"}},
			{"id": "b2", "trigger_id": "post-login", "display_name": "add-roles",
			 "action": {"id": "a1", "name": "add-roles-to-token"}}]}`),
	})
	defer srv.Close()
	client := auth0.NewClient(option.WithBaseURL(srv.URL), option.WithToken("token"))

	// The list replaces all of the trigger's bindings, in the order given.
	res, err := client.Actions.Triggers.Bindings.Update(context.Background(), auth0.TriggerPostLogin, auth0.BindingUpdateParams{
		Bindings: []auth0.BindingUpdate{
			{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionName, Value: "block-risky-ips"}},
			{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: "a1"}, DisplayName: auth0.String("add-roles")},
		},
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	for i, b := range res.Bindings {
		fmt.Println(i+1, b.DisplayName, b.Action.ID)
	}
	// Output:
	// 1 block-risky-ips a2
	// 2 add-roles a1
}

func ExampleExecutionService_Get() {
	srv := exampleServer(map[string]exampleHandler{
		"GET /actions/executions/M9IqRp9wQLaYNrSwz6YPTTIwMjYwMzAz": exampleReply(http.StatusOK, `{
			"id": "M9IqRp9wQLaYNrSwz6YPTTIwMjYwMzAz", "trigger_id": "post-login", "status": "final",
			"results": [
				{"action_name": "add-roles-to-token", "started_at": "2026-03-03T12:00:00.101Z", "ended_at": "2026-03-03T12:00:00.164Z"},
				{"action_name": "block-risky-ips", "error": {"id": "a0_action_timeout", "msg": "Script execution time exceeded"},
				 "started_at": "2026-03-03T12:00:00.165Z", "ended_at": "2026-03-03T12:00:20.170Z"}],
			"created_at": "2026-03-03T12:00:00.099Z", "updated_at": "2026-03-03T12:00:20.171Z"}`),
	})
	defer srv.Close()
	client := auth0.NewClient(option.WithBaseURL(srv.URL), option.WithToken("token"))

	// Execution IDs appear in the tenant logs.
	exec, err := client.Actions.Executions.Get(context.Background(), "M9IqRp9wQLaYNrSwz6YPTTIwMjYwMzAz")
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
	srv := exampleServer(map[string]exampleHandler{
		"GET /actions/triggers": exampleReply(http.StatusOK, `{"triggers": [
			{"id": "post-login", "version": "v3", "status": "CURRENT", "runtimes": ["node18", "node22"],
			 "default_runtime": "node22", "binding_policy": "trigger-bound"},
			{"id": "post-login", "version": "v2", "status": "DEPRECATED", "runtimes": ["node16"], "default_runtime": "node16"},
			{"id": "event-stream", "version": "v1", "status": "CURRENT", "runtimes": ["node22"],
			 "default_runtime": "node22", "binding_policy": "entity-bound"}]}`),
	})
	defer srv.Close()
	client := auth0.NewClient(option.WithBaseURL(srv.URL), option.WithToken("token"))

	res, err := client.Actions.Triggers.List(context.Background())
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	for _, t := range res.Triggers {
		if t.Status != auth0.TriggerStatusCurrent {
			continue
		}
		fmt.Println(t.ID, t.Version, t.DefaultRuntime, "bindable:", t.BindingPolicy != auth0.BindingPolicyEntityBound)
	}
	// Output:
	// post-login v3 node22 bindable: true
	// event-stream v1 node22 bindable: false
}

func ExampleError() {
	srv := exampleServer(nil) // every request is a 404
	defer srv.Close()
	client := auth0.NewClient(option.WithBaseURL(srv.URL), option.WithToken("token"))

	_, err := client.Actions.Get(context.Background(), "no-such-action")

	var apiErr *auth0.Error
	switch {
	case errors.Is(err, auth0.ErrNotFound):
		fmt.Println("not found")
	case errors.Is(err, auth0.ErrRateLimited):
		fmt.Println("rate limited")
	}
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.ErrorText+":", apiErr.Message)
		fmt.Println(apiErr.Method, strings.TrimPrefix(apiErr.URL, srv.URL))
	}
	fmt.Println("IsNotFound:", auth0.IsNotFound(err))

	// Params are checked before anything is sent.
	_, err = client.Actions.New(context.Background(), auth0.ActionNewParams{Name: "no-trigger"})
	fmt.Println(err)
	// Output:
	// not found
	// 404 Not Found: That action does not exist.
	// GET /actions/actions/no-such-action
	// IsNotFound: true
	// auth0: ActionNewParams.SupportedTriggers needs at least one trigger
}
