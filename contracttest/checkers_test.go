package contracttest

import (
	"strings"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
)

// TestContractResponseCheckers is the negative control of the response
// side: the checks that the static and dynamic runs rely on must flag a
// field the SDK does not model, a field it loses, a value it changes and a
// value it invents, and must not flag a timestamp written differently.
func TestContractResponseCheckers(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t, requireSpec(t))

	t.Run("strict decode flags an unmodeled field", func(t *testing.T) {
		err := strictDecode([]byte(`{"id":"a","deployed_version":{"id":"v","not_modeled":1}}`), &auth0.Action{})
		if err == nil || !strings.Contains(err.Error(), "not_modeled") {
			t.Errorf("strictDecode: %v, want an error naming not_modeled", err)
		}
		err = strictDecode([]byte(`{"actions":[],"total":1,"cursor":"x"}`), &auth0.PageNumberPage[auth0.Action]{})
		if err == nil || !strings.Contains(err.Error(), "cursor") {
			t.Errorf("strictDecode of an envelope: %v, want an error naming cursor", err)
		}
		if err := strictDecode([]byte(`{"actions":[{"id":"a"}],"total":1,"page":0,"per_page":20}`), &auth0.PageNumberPage[auth0.Action]{}); err != nil {
			t.Errorf("strictDecode of a valid envelope: %v", err)
		}
		err = strictDecode([]byte(`{"id":"m","latest_version":{"id":"v","not_modeled":1}}`), &auth0.ActionModule{})
		if err == nil || !strings.Contains(err.Error(), "not_modeled") {
			t.Errorf("strictDecode of a module: %v, want an error naming not_modeled", err)
		}
	})

	t.Run("every list has its envelope key and strict item type", func(t *testing.T) {
		for _, tc := range []struct {
			page any
			key  string
		}{
			{&auth0.PageNumberPage[auth0.Action]{}, "actions"},
			{&auth0.PageNumberPage[auth0.ActionVersion]{}, "versions"},
			{&auth0.PageNumberPage[auth0.Binding]{}, "bindings"},
			{&auth0.PageNumberPage[auth0.ActionModule]{}, "modules"},
			{&auth0.PageNumberPage[auth0.ActionModuleVersion]{}, "versions"},
			{&auth0.PageNumberPage[auth0.ActionModuleAction]{}, "actions"},
		} {
			pg, ok := describePage(tc.page)
			if !ok || pg.key != tc.key {
				t.Errorf("describePage(%T) = %q, %v, want %q", tc.page, pg.key, ok, tc.key)
				continue
			}
			if err := strictDecode([]byte(`{"`+tc.key+`":[{"not_modeled":1}],"total":1}`), tc.page); err == nil ||
				!strings.Contains(err.Error(), "not_modeled") {
				t.Errorf("strictDecode(%T) of an item with an unmodeled field: %v", tc.page, err)
			}
			if err := strictDecode([]byte(`{"`+tc.key+`":[],"total":0,"page":0,"per_page":50}`), tc.page); err != nil {
				t.Errorf("strictDecode(%T) of a valid envelope: %v", tc.page, err)
			}
		}
		// Two lists share the key "actions": each item type must refuse the
		// other's fields.
		if err := strictDecode([]byte(`{"actions":[{"action_id":"a","module_version_number":1}]}`), &auth0.PageNumberPage[auth0.Action]{}); err == nil {
			t.Error("strictDecode decoded an item of a module's actions as an action")
		}
		if err := strictDecode([]byte(`{"actions":[{"id":"a","name":"n"}]}`), &auth0.PageNumberPage[auth0.ActionModuleAction]{}); err == nil {
			t.Error("strictDecode decoded an action as an item of a module's actions")
		}
	})

	t.Run("round trip flags lost, changed and invented values", func(t *testing.T) {
		raw, _ := decodeAny([]byte(`{"id":"a","name":"n","created_at":"2021-01-01T00:00:00.000Z","all_changes_deployed":false,
			"deployed_version":{"number":3}}`))
		created, _ := time.Parse(time.RFC3339, "2021-01-01T00:00:00Z")
		sdk := &auth0.Action{
			ID:              "a",
			CreatedAt:       created,
			DeployedVersion: &auth0.ActionVersion{Number: 2},
			Runtime:         "node22",
		}
		diffs := strings.Join(diffWire(raw, sdk, nil), "\n")
		for _, want := range []string{"name: the response has \"n\", the SDK value has nothing",
			"deployed_version.number: the response has 3, the SDK value has 2",
			"runtime: the SDK value has \"node22\", the response has nothing"} {
			if !strings.Contains(diffs, want) {
				t.Errorf("diffWire did not report %q; it reported:\n%s", want, diffs)
			}
		}
		if strings.Contains(diffs, "created_at") || strings.Contains(diffs, "all_changes_deployed") {
			t.Errorf("diffWire reported an equal timestamp or a zero value:\n%s", diffs)
		}
	})

	t.Run("round trip of a module flags a changed version number and a lost secret", func(t *testing.T) {
		raw, _ := decodeAny([]byte(`{"id":"m","latest_version":{"id":"v","version_number":3,
			"secrets":[{"name":"K","updated_at":"2026-02-16T16:36:00.438971Z"}]}}`))
		sdk := &auth0.ActionModule{ID: "m", LatestVersion: &auth0.ActionModuleVersion{ID: "v", VersionNumber: 2}}
		diffs := strings.Join(diffWire(raw, sdk, nil), "\n")
		for _, want := range []string{"latest_version.version_number: the response has 3, the SDK value has 2",
			"latest_version.secrets[0].name: the response has \"K\", the SDK value has nothing"} {
			if !strings.Contains(diffs, want) {
				t.Errorf("diffWire did not report %q; it reported:\n%s", want, diffs)
			}
		}
	})

	t.Run("documented paths", func(t *testing.T) {
		d := doc.documented("GET", "/actions/actions/{id}")
		for path, want := range map[string]bool{
			"id": true,
			"deployed_version.supported_triggers[0].compatible_triggers[1].version": true,
			"integration.current_release.required_secrets[0].options[0].label":      true,
			"secrets[0].random_extra": false,
			"current_version.status":  false,
		} {
			if got := isDocumented(d, path); got != want {
				t.Errorf("isDocumented(%s) = %v, want %v", path, got, want)
			}
		}
		d = doc.documented("POST", "/actions/actions/{id}/test")
		if !isDocumented(d, "payload.stats.total_request_duration_ms") {
			t.Errorf("a free-form payload's keys are not documented paths: %v", d)
		}
		if d := doc.documented("DELETE", "/actions/actions/{id}"); len(d) != 0 {
			t.Errorf("DELETE has documented response paths %v", d)
		}
		for _, tc := range []struct {
			method, path string
			paths        map[string]bool
		}{
			{"GET", "/actions/modules/{id}", map[string]bool{
				"latest_version.secrets[0].updated_at": true,
				"latest_version_number":                true,
				"latest_version.module_id":             false,
			}},
			{"GET", "/actions/modules", map[string]bool{
				"modules[2].latest_version_number": true,
				"modules[2].latest_version":        false,
			}},
			{"GET", "/actions/modules/{id}/actions", map[string]bool{
				"actions[0].supported_triggers[0].compatible_triggers[0].id": true,
				"actions[0].id": false,
			}},
			{"POST", "/actions/modules/{id}/versions", map[string]bool{
				"module_id":                    true,
				"dependencies[1].version":      true,
				"dependencies[1].registry_url": false,
			}},
		} {
			d := doc.documented(tc.method, tc.path)
			for path, want := range tc.paths {
				if got := isDocumented(d, path); got != want {
					t.Errorf("%s %s: isDocumented(%s) = %v, want %v", tc.method, tc.path, path, got, want)
				}
			}
		}
		if d := doc.documented("DELETE", "/actions/modules/{id}"); len(d) != 0 {
			t.Errorf("DELETE of a module has documented response paths %v", d)
		}
	})
}
