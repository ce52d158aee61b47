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
		_, err := c.Actions.Versions.Deploy(ctx, "act_1", "ver_1", auth0.VersionDeployParams{UpdateDraft: auth0.Bool(true)}, opts...)
		return err
	}}
)

// everyCall is one call of each of the 14 endpoints, for the happy path.
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
			_, err := c.Actions.Versions.List(ctx, "act_1", auth0.VersionListParams{}, opts...)
			return err
		}},
		{"Versions.Get", "getVersion", false, "", func(ctx context.Context, c *auth0.Client, opts ...option.RequestOption) error {
			_, err := c.Actions.Versions.Get(ctx, "act_1", "ver_1", opts...)
			return err
		}},
	}
	return append([]sdkCall{callGet, callUpdate, callDelete, callTest, callCreate, callDeploy, callRollback}, more...)
}
