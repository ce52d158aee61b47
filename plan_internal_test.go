package auth0

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanStringShowsEveryKindOfChange(t *testing.T) {
	t.Parallel()
	existing := &Action{
		ID: "a1", Name: "add-roles", SupportedTriggers: []Trigger{{ID: TriggerPostLogin, Version: "v2"}},
		Code: "line 1\nline 2\nline 3\n", Runtime: RuntimeNode18Actions,
		Dependencies: []ActionDependency{{Name: "lodash", Version: "4.17.20"}, {Name: "moment", Version: "2.29.4"}},
		Modules: []ActionModuleReference{
			{ModuleID: "m1", ModuleName: "shared-utils", ModuleVersionID: "v1", ModuleVersionNumber: 1},
			{ModuleID: "m2", ModuleName: "logger", ModuleVersionID: "l3", ModuleVersionNumber: 3},
		},
	}
	p := ActionUpsertParams{
		Name: "add-roles", SupportedTriggers: []Trigger{{ID: TriggerPostLogin, Version: "v3"}},
		Code:         String("line 1\nline 2 changed\nline 3\nline 4\n"),
		Runtime:      String(RuntimeNode22),
		Dependencies: []ActionDependency{{Name: "lodash", Version: "4.17.21"}, {Name: "axios", Version: "1.7.2"}},
		Modules: []ActionModuleReference{
			{ModuleID: "m1", ModuleName: "shared-utils", ModuleVersionID: "v2", ModuleVersionNumber: 2},
			{ModuleID: "m3", ModuleName: "metrics", ModuleVersionID: "x1", ModuleVersionNumber: 1},
		},
	}
	var upd ActionUpdateParams
	changes := p.changes(existing, &upd)
	_, secrets, err := secretsPlan(KindAction, "add-roles", []ActionSecretParam{{Name: "API_KEY", Value: "v"}, {Name: "KEEP", Value: "k"}},
		[]string{"KEEP", "OLD_KEY"}, true, false)
	require.NoError(t, err)
	plan := Plan{Kind: KindAction, Name: "add-roles", ID: "a1", Changes: append(changes, secrets...), Deploy: true,
		Bind: &BindingPlan{TriggerID: TriggerPostLogin, Position: 1, Total: 2, After: "block-risky-ips"}}
	assert.Equal(t, `action "add-roles" (a1): update
  ~ trigger: post-login v2 → post-login v3
  ~ code: 3 → 4 lines (+2 −1)
  ~ runtime: node18-actions → node22
  + dependency axios: 1.7.2
  ~ dependency lodash: 4.17.20 → 4.17.21
  - dependency moment: 2.29.4
  - module logger: version 3
  + module metrics: version 1
  ~ module shared-utils: version 1 → version 2
  + secret API_KEY
  - secret OLD_KEY (PruneSecrets)
  deploy: yes
  bind: post-login, at position 2 of 2, after "block-risky-ips"`, plan.String())
	assert.True(t, plan.HasChanges())
	// The update sends exactly the fields that changed.
	assert.NotNil(t, upd.Code)
	assert.NotNil(t, upd.Runtime)
	assert.Len(t, upd.SupportedTriggers, 1)
	assert.Len(t, upd.Dependencies, 2)
	assert.Len(t, upd.Modules, 2)
	assert.Nil(t, upd.Name)
}

func TestPlanStringCreateAndNoChange(t *testing.T) {
	t.Parallel()
	p := ActionUpsertParams{Name: "new-one", SupportedTriggers: postLoginV3, Code: String("x")}
	var upd ActionUpdateParams
	plan := Plan{Kind: KindAction, Name: "new-one", Create: true, Changes: p.changes(&Action{}, &upd),
		Bind: &BindingPlan{TriggerID: TriggerPostLogin, Position: 0, Total: 1}}
	assert.Equal(t, `action "new-one": create
  + trigger: post-login v3
  + code: 1 line
  bind: post-login, at position 1 of 1, first`, plan.String())

	none := Plan{Kind: KindModule, Name: "shared", ID: "m1"}
	assert.Equal(t, `action module "shared" (m1): no change`, none.String())
	assert.False(t, none.HasChanges())
	bound := Plan{Kind: KindAction, Name: "a", ID: "a1", Bind: &BindingPlan{TriggerID: TriggerPostLogin, AlreadyBound: true, Position: 0, Total: 3}}
	assert.False(t, bound.HasChanges())
	assert.Contains(t, bound.String(), "bind: post-login, already bound at position 1 of 3, first")
	published := Plan{Kind: KindModule, Name: "shared", Publish: true}
	assert.True(t, published.HasChanges())
	assert.Contains(t, published.String(), "publish: a new version")
	// The value prints with %v too, as a CI log would.
	assert.Equal(t, published.String(), fmt.Sprint(published))
}

func TestSecretsPlan(t *testing.T) {
	t.Parallel()
	param := func(names ...string) []ActionSecretParam {
		out := []ActionSecretParam{}
		for _, n := range names {
			out = append(out, ActionSecretParam{Name: n, Value: "value-of-" + n})
		}
		return out
	}
	tests := []struct {
		name          string
		want          []ActionSecretParam
		have          []string
		prune, rotate bool
		send          bool
		changes       []string
		err           string
	}{
		{"nil leaves them alone", nil, []string{"A"}, false, false, false, nil, ""},
		{"same names: values not re-sent", param("A", "B"), []string{"B", "A"}, false, false, false, nil, ""},
		{"same names rotated", param("A"), []string{"A"}, false, true, true, []string{"~ secret A (value re-sent (RotateSecrets))"}, ""},
		{"a name added", param("A", "B"), []string{"A"}, false, false, true, []string{"+ secret B"}, ""},
		{"a name missing is refused", param("A"), []string{"A", "Z", "Y"}, false, false, false, nil,
			`auth0: action "act" has secrets the params do not list (Y, Z): the update would delete them; add them to the params or set PruneSecrets`},
		{"a name missing, pruned", param("A"), []string{"A", "Z"}, true, false, true, []string{"- secret Z (PruneSecrets)"}, ""},
		{"an empty list removes all only when pruned", param(), []string{"A"}, false, false, false, nil, "(A)"},
		{"empty and pruned", param(), []string{"A"}, true, false, true, []string{"- secret A (PruneSecrets)"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			send, changes, err := secretsPlan(KindAction, "act", tt.want, tt.have, tt.prune, tt.rotate)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				assert.ErrorIs(t, err, ErrSecretsWouldBeDeleted)
				assert.NotContains(t, err.Error(), "value-of-")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.send, send)
			var got []string
			for _, c := range changes {
				got = append(got, c.String())
				assert.NotContains(t, c.String(), "value-of-", "a plan never holds a secret value")
			}
			assert.Equal(t, tt.changes, got)
		})
	}
}

func TestLineDelta(t *testing.T) {
	t.Parallel()
	added, removed := lineDelta("a\nb\nc", "a\nc\nd\ne")
	assert.Equal(t, 2, added)
	assert.Equal(t, 1, removed)
	added, removed = lineDelta("same", "same")
	assert.Zero(t, added+removed)
	assert.Equal(t, 0, countLines(""))
	assert.Equal(t, 2, countLines("a\nb\n"))
}

func TestModuleDraftDiffersFrom(t *testing.T) {
	t.Parallel()
	v := &ActionModuleVersion{Code: "c", Dependencies: []ActionModuleDependency{{Name: "l", Version: "1"}},
		Secrets: []ActionModuleSecret{{Name: "K", UpdatedAt: timeNanos}}}
	same := moduleDraft{code: "c", deps: []ActionModuleDependency{{Name: "l", Version: "1"}}, secrets: []ActionModuleSecret{{Name: "K", UpdatedAt: timeNanos}}}
	assert.False(t, same.differsFrom(v))
	assert.True(t, same.differsFrom(nil), "never published")
	code := same
	code.code = "d"
	assert.True(t, code.differsFrom(v))
	dep := same
	dep.deps = []ActionModuleDependency{{Name: "l", Version: "2"}}
	assert.True(t, dep.differsFrom(v))
	newValue := same
	newValue.secrets = []ActionModuleSecret{{Name: "K"}}
	assert.True(t, newValue.differsFrom(v), "a value not yet set by the server")
	later := same
	later.secrets = []ActionModuleSecret{{Name: "K", UpdatedAt: timeNanos.Add(1)}}
	assert.True(t, later.differsFrom(v), "a value set after the version")
}
