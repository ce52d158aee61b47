package reliability

import (
	"context"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// sdkCall is one SDK method, the route it reaches, and whether a retry of
// it is safe.
type sdkCall struct {
	name   string
	route  string
	unsafe bool
	hint   string // what the outcome-unknown error must tell the caller to check
	do     func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error
}

var newParams = auth0.ActionNewParams{
	Name:              "rel-action",
	SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
	Code:              auth0.String("exports.onExecutePostLogin = async () => {};"),
}

var (
	callGet = sdkCall{"Actions.Get (GET)", "getAction", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
		_, err := c.Actions.Get(ctx, "act_1", opts...)
		return err
	}}
	callUpdate = sdkCall{"Actions.Update (PATCH)", "updateAction", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
		_, err := c.Actions.Update(ctx, "act_1", auth0.ActionUpdateParams{Code: auth0.String("x")}, opts...)
		return err
	}}
	callDelete = sdkCall{"Actions.Delete (DELETE)", "deleteAction", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
		return c.Actions.Delete(ctx, "act_1", auth0.ActionDeleteParams{}, opts...)
	}}
	callTest = sdkCall{"Actions.Test (POST, safe)", "testAction", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
		_, err := c.Actions.Test(ctx, "act_1", auth0.ActionTestParams{Payload: map[string]any{"event": map[string]any{}}}, opts...)
		return err
	}}
	callCreate = sdkCall{"Actions.New (POST create)", "createAction", true, "ActionListParams.ActionName", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
		_, err := c.Actions.New(ctx, newParams, opts...)
		return err
	}}
	callDeploy = sdkCall{"Actions.Deploy (POST deploy)", "deployAction", true, "Actions.Versions.List", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
		_, err := c.Actions.Deploy(ctx, "act_1", opts...)
		return err
	}}
	callRollback = sdkCall{"Versions.Deploy (POST roll-back)", "rollback", true, "Actions.Versions.List", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
		_, err := c.Actions.Versions.Deploy(ctx, "act_1", "ver_1", auth0.ActionVersionDeployParams{UpdateDraft: auth0.Bool(true)}, opts...)
		return err
	}}
)

// The module calls that create state (a module, a version, a restored
// draft) and so must never be repeated once the server may have acted.
var (
	moduleNewParams = auth0.ModuleNewParams{Name: "rel-module", Code: "module.exports = {};",
		Secrets: []auth0.ActionSecretParam{{Name: "SERVICE_URL", Value: "https://logs.example.test/ingest"}}}

	callModuleNew = sdkCall{"Modules.New (POST create)", "createModule", true, "Actions.Modules.List", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
		_, err := c.Actions.Modules.New(ctx, moduleNewParams, opts...)
		return err
	}}
	callModulePublish = sdkCall{"Modules.Versions.New (POST publish)", "publishModule", true, "Actions.Modules.Get", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
		_, err := c.Actions.Modules.Versions.New(ctx, "mod_1", opts...)
		return err
	}}
	callModuleRollback = sdkCall{"Modules.Rollback (POST roll-back)", "rollbackModule", true, "Actions.Modules.Get", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
		_, err := c.Actions.Modules.Rollback(ctx, "mod_1", auth0.ModuleRollbackParams{ModuleVersionID: "modver_1"}, opts...)
		return err
	}}
	callModuleGet = sdkCall{"Modules.Get (GET)", "getModule", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
		_, err := c.Actions.Modules.Get(ctx, "mod_1", opts...)
		return err
	}}
	callModuleUpdate = sdkCall{"Modules.Update (PATCH)", "updateModule", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
		_, err := c.Actions.Modules.Update(ctx, "mod_1", auth0.ModuleUpdateParams{Code: auth0.String("module.exports = 2;")}, opts...)
		return err
	}}
	callModuleDelete = sdkCall{"Modules.Delete (DELETE)", "deleteModule", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
		return c.Actions.Modules.Delete(ctx, "mod_1", opts...)
	}}
)

// unsafeCalls are the calls that create state: each must reach the server
// once, and fail outcome-unknown with a hint when it may have acted.
func unsafeCalls() []sdkCall {
	return []sdkCall{callCreate, callDeploy, callRollback, callModuleNew, callModulePublish, callModuleRollback}
}

// safeCalls are idempotent calls, retried after a 5xx or a broken
// connection.
func safeCalls() []sdkCall {
	return []sdkCall{callGet, callUpdate, callDelete, callModuleGet, callModuleUpdate, callModuleDelete}
}

// everyCall is one call of each of the 24 endpoints, for the happy path.
func everyCall() []sdkCall {
	more := []sdkCall{
		{"Actions.List", "listActions", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.List(ctx, auth0.ActionListParams{}, opts...)
			return err
		}},
		{"Executions.Get", "getExecution", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Executions.Get(ctx, "exe_1", opts...)
			return err
		}},
		{"Triggers.List", "listTriggers", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Triggers.List(ctx, opts...)
			return err
		}},
		{"Bindings.List", "listBindings", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Triggers.Bindings.List(ctx, auth0.TriggerPostLogin, auth0.BindingListParams{}, opts...)
			return err
		}},
		{"Bindings.Update", "updateBindings", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{
				Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: "act_1"}}}}, opts...)
			return err
		}},
		{"Versions.List", "listVersions", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Versions.List(ctx, "act_1", auth0.ActionVersionListParams{}, opts...)
			return err
		}},
		{"Versions.Get", "getVersion", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Versions.Get(ctx, "act_1", "ver_1", opts...)
			return err
		}},
	}
	modules := []sdkCall{
		{"Modules.List", "listModules", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Modules.List(ctx, auth0.ModuleListParams{}, opts...)
			return err
		}},
		{"Modules.ListActions", "listModuleActions", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Modules.ListActions(ctx, "mod_1", auth0.ModuleActionListParams{}, opts...)
			return err
		}},
		{"Modules.Versions.List", "listModuleVersions", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Modules.Versions.List(ctx, "mod_1", auth0.ModuleVersionListParams{}, opts...)
			return err
		}},
		{"Modules.Versions.Get", "getModuleVersion", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Modules.Versions.Get(ctx, "mod_1", "modver_1", opts...)
			return err
		}},
		callModuleGet, callModuleUpdate, callModuleDelete, callModuleNew, callModulePublish, callModuleRollback,
	}
	more = append(more, modules...)
	return append([]sdkCall{callGet, callUpdate, callDelete, callTest, callCreate, callDeploy, callRollback}, more...)
}
