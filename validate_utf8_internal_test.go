package auth0

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Invalid UTF-8 anywhere in a params value is refused by Validate, naming
// the field and never quoting the value: JSON would send U+FFFD instead.
func TestParamsRefuseInvalidUTF8(t *testing.T) {
	t.Parallel()
	const bad = "s3cr\xffet"
	trig := []Trigger{{ID: TriggerPostLogin, Version: "v3"}}
	cases := []struct {
		name   string
		params interface{ Validate() error }
		field  string
	}{
		{"new name", ActionNewParams{Name: bad, SupportedTriggers: trig}, "ActionNewParams.Name"},
		{"new code", ActionNewParams{Name: "a", SupportedTriggers: trig, Code: String(bad)}, "ActionNewParams.Code"},
		{"new runtime", ActionNewParams{Name: "a", SupportedTriggers: trig, Runtime: String(bad)}, "ActionNewParams.Runtime"},
		{"new trigger version", ActionNewParams{Name: "a", SupportedTriggers: []Trigger{{ID: TriggerPostLogin, Version: bad}}}, "ActionNewParams.SupportedTriggers[0].Version"},
		{"new secret value", ActionNewParams{Name: "a", SupportedTriggers: trig, Secrets: []ActionSecretParam{{Name: "K", Value: bad}}}, "ActionNewParams.Secrets[0].Value"},
		{"new dependency", ActionNewParams{Name: "a", SupportedTriggers: trig, Dependencies: []ActionDependency{{Name: "lodash", Version: bad}}}, "ActionNewParams.Dependencies[0].Version"},
		{"new module name", ActionNewParams{Name: "a", SupportedTriggers: trig, Modules: []ActionModuleReference{{ModuleName: bad}}}, "ActionNewParams.Modules[0].ModuleName"},
		{"update code", ActionUpdateParams{Code: String(bad)}, "ActionUpdateParams.Code"},
		{"update secret name", ActionUpdateParams{Secrets: []ActionSecretParam{{Name: bad}}}, "ActionUpdateParams.Secrets[0].Name"},
		{"binding ref", BindingUpdateParams{Bindings: []BindingUpdate{{Ref: BindingRef{Type: BindingRefTypeActionName, Value: bad}}}}, "BindingUpdateParams.Bindings[0].Ref.Value"},
		{"binding display name", BindingUpdateParams{Bindings: []BindingUpdate{{Ref: BindingRef{Type: BindingRefTypeActionID, Value: "a"}, DisplayName: String(bad)}}}, "BindingUpdateParams.Bindings[0].DisplayName"},
		{"binding secret", BindingUpdateParams{Bindings: []BindingUpdate{{Ref: BindingRef{Type: BindingRefTypeActionID, Value: "a"}, Secrets: []ActionSecretParam{{Name: "K", Value: bad}}}}}, "BindingUpdateParams.Bindings[0].Secrets[0].Value"},
		{"test payload value", ActionTestParams{Payload: map[string]any{"user": map[string]any{"name": bad}}}, `ActionTestParams.Payload["user"]["name"]`},
		{"test payload list", ActionTestParams{Payload: map[string]any{"ids": []any{"ok", bad}}}, `ActionTestParams.Payload["ids"][1]`},
		{"test payload key", ActionTestParams{Payload: map[string]any{bad: 1}}, "ActionTestParams.Payload key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := c.params.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.field+" is not valid UTF-8")
			assert.NotContains(t, err.Error(), "s3cr")
		})
	}
	// Valid non-ASCII text passes.
	ok := ActionNewParams{Name: "añadir-rôles-日本", SupportedTriggers: trig, Code: String("// ✓"),
		Secrets: []ActionSecretParam{{Name: "K", Value: "ünïcødé"}}}
	require.NoError(t, ok.Validate())
	require.NoError(t, ActionTestParams{Payload: map[string]any{"ключ": []any{"значение", 1.5, nil, true}}}.Validate())
}
