package contracttest

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
)

// dynamicRounds is how many times each call is made against the dynamic
// Prism, each time with a new random response. CONTRACT_DYNAMIC_ROUNDS
// changes it, for a longer soak.
func dynamicRounds(t *testing.T) int {
	n := 5
	if s := os.Getenv("CONTRACT_DYNAMIC_ROUNDS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			t.Fatalf("CONTRACT_DYNAMIC_ROUNDS=%q is not a positive integer", s)
		}
		n = v
	}
	return n
}

// TestContractStatic makes every call against Prism answering with the
// document's examples and defaults.
func TestContractStatic(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false)
	ops := endpointOperations()
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) { h.run(t, op) })
	}
	checkCoverage(t, h.doc, ops)
	t.Logf("static mode (%s): %d SDK calls checked, %d requests, %d violations",
		h.srv.spec, h.calls.Load(), len(h.rec.all()), len(h.rec.violated()))
}

// TestContractDynamic makes every call several times against Prism
// answering with random data generated from the schemas.
func TestContractDynamic(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true)
	rounds := dynamicRounds(t)
	for _, op := range endpointOperations() {
		t.Run(op.name, func(t *testing.T) {
			for range rounds {
				h.run(t, op)
				if t.Failed() {
					return // one failure is enough; the rest would repeat it
				}
			}
		})
	}
	t.Logf("dynamic mode (%s): %d SDK calls checked (%d rounds), %d requests, %d violations",
		h.srv.spec, h.calls.Load(), rounds, len(h.rec.all()), len(h.rec.violated()))
}

// documentOperations is how many operations testdata/openapi holds: the
// 14 of actions, versions, executions, triggers and bindings, and the 10 of
// modules.
const documentOperations = 24

// checkCoverage fails when an operation of the document has no call, when a
// call names an operation the document lacks, when an operation that takes
// a body or query parameters has no call that sets them all (complete), or
// when the document does not hold the documentOperations operations.
func checkCoverage(t *testing.T, doc *openAPI, ops []operation) {
	t.Helper()
	covered := map[string]bool{}
	completed := map[string]bool{}
	for _, op := range ops {
		key := op.method + " " + op.path
		covered[key] = true
		if op.complete {
			completed[key] = true
		}
	}
	paths, _ := doc.doc["paths"].(map[string]any)
	inDoc := map[string]bool{}
	var missing, incomplete []string
	for p, item := range paths {
		m, _ := item.(map[string]any)
		for method := range m {
			switch method {
			case "get", "post", "put", "patch", "delete":
			default:
				continue
			}
			key := fmt.Sprintf("%s %s", upper(method), p)
			inDoc[key] = true
			if !covered[key] {
				missing = append(missing, key)
				continue
			}
			if body, query := doc.requestKeys(upper(method), p); (len(body) > 0 || len(query) > 0) && !completed[key] {
				incomplete = append(incomplete, key)
			}
		}
	}
	var unknown []string
	for key := range covered {
		if !inDoc[key] {
			unknown = append(unknown, key)
		}
	}
	sort.Strings(missing)
	sort.Strings(incomplete)
	sort.Strings(unknown)
	if len(missing) > 0 {
		t.Errorf("the document has operations no SDK call covers: %v", missing)
	}
	if len(incomplete) > 0 {
		t.Errorf("no call sets every body property and query parameter of: %v", incomplete)
	}
	if len(unknown) > 0 {
		t.Errorf("calls name operations the document lacks: %v", unknown)
	}
	if len(inDoc) != documentOperations {
		t.Errorf("the document has %d operations, want %d", len(inDoc), documentOperations)
	}
	t.Logf("coverage: %d of %d operations of the document covered by %d calls", len(inDoc)-len(missing), len(inDoc), len(ops))
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// TestContractEnums checks that the SDK's constants are exactly the
// document's enums, and sends every trigger ID and binding reference type
// through Prism (which validates them as path, query and body values).
func TestContractEnums(t *testing.T) {
	t.Parallel()
	h := newHarness(t, false)

	triggers := []auth0.TriggerID{
		auth0.TriggerPostLogin, auth0.TriggerCredentialsExchange, auth0.TriggerPreUserRegistration,
		auth0.TriggerPostUserRegistration, auth0.TriggerPostChangePassword, auth0.TriggerSendPhoneMessage,
		auth0.TriggerCustomPhoneProvider, auth0.TriggerCustomEmailProvider, auth0.TriggerPasswordResetPostChallenge,
		auth0.TriggerCustomTokenExchange, auth0.TriggerEventStream, auth0.TriggerPasswordHashMigration,
		auth0.TriggerLoginPostIdentifier, auth0.TriggerSignupPostIdentifier,
	}
	refTypes := []auth0.BindingRefType{auth0.BindingRefTypeBindingID, auth0.BindingRefTypeActionID, auth0.BindingRefTypeActionName}
	build := []auth0.BuildStatus{auth0.BuildStatusPending, auth0.BuildStatusBuilding, auth0.BuildStatusPackaged,
		auth0.BuildStatusBuilt, auth0.BuildStatusRetrying, auth0.BuildStatusFailed}
	sets := []struct {
		schema string
		sdk    []string
	}{
		{"ActionTriggerTypeEnum", strs(triggers)},
		{"ActionBuildStatusEnum", strs(build)},
		{"ActionVersionBuildStatusEnum", strs(build)},
		{"ActionExecutionStatusEnum", strs([]auth0.ExecutionStatus{auth0.ExecutionStatusUnspecified, auth0.ExecutionStatusPending,
			auth0.ExecutionStatusFinal, auth0.ExecutionStatusPartial, auth0.ExecutionStatusCanceled, auth0.ExecutionStatusSuspended})},
		{"ActionBindingTypeEnum", strs([]auth0.BindingPolicy{auth0.BindingPolicyTriggerBound, auth0.BindingPolicyEntityBound})},
		{"ActionBindingRefTypeEnum", strs(refTypes)},
		{"IntegrationFeatureTypeEnum", strs([]auth0.IntegrationFeatureType{auth0.IntegrationFeatureTypeUnspecified,
			auth0.IntegrationFeatureTypeAction, auth0.IntegrationFeatureTypeSocialConnection, auth0.IntegrationFeatureTypeLogStream,
			auth0.IntegrationFeatureTypeSSOIntegration, auth0.IntegrationFeatureTypeSMSProvider})},
		{"IntegrationRequiredParamTypeEnum", strs([]auth0.IntegrationRequiredParamType{auth0.IntegrationRequiredParamTypeUnspecified,
			auth0.IntegrationRequiredParamTypeString})},
	}
	for _, s := range sets {
		doc := h.doc.enum(t, s.schema)
		var notInSDK, notInDoc []string
		for _, v := range doc {
			if !slices.Contains(s.sdk, v) {
				notInSDK = append(notInSDK, v)
			}
		}
		for _, v := range s.sdk {
			if !slices.Contains(doc, v) {
				notInDoc = append(notInDoc, v)
			}
		}
		if len(notInSDK) > 0 {
			t.Errorf("%s: the document's values %v have no SDK constant", s.schema, notInSDK)
		}
		if len(notInDoc) > 0 {
			t.Errorf("%s: the SDK's constants %v are not in the document", s.schema, notInDoc)
		}
	}

	for _, tr := range triggers {
		t.Run(string(tr), func(t *testing.T) {
			h.run(t, operation{
				name: "Bindings.List/" + string(tr), method: "GET", path: "/actions/triggers/{triggerId}/bindings",
				reqPerPage: auth0.DefaultPerPage,
				call: func(ctx context.Context, c *auth0.Client) (any, error) {
					return c.Actions.Triggers.Bindings.List(ctx, tr, auth0.BindingListParams{})
				},
				request: func(e expect, ex exchange) {
					e.that(ex.url.Path == "/actions/triggers/"+string(tr)+"/bindings", "path is %s", ex.url.Path)
				},
			})
			h.run(t, operation{
				name: "Actions.List/triggerId=" + string(tr), method: "GET", path: "/actions/actions",
				reqPerPage: auth0.DefaultPerPage,
				call: func(ctx context.Context, c *auth0.Client) (any, error) {
					return c.Actions.List(ctx, auth0.ActionListParams{TriggerID: auth0.Ptr(tr)})
				},
				request: func(e expect, ex exchange) {
					e.that(ex.url.Query().Get("triggerId") == string(tr), "triggerId is %q", ex.url.Query().Get("triggerId"))
				},
			})
			h.run(t, operation{
				name: "Actions.New/trigger=" + string(tr), method: "POST", path: "/actions/actions",
				call: func(ctx context.Context, c *auth0.Client) (any, error) {
					return c.Actions.New(ctx, auth0.ActionNewParams{Name: "on-" + string(tr),
						SupportedTriggers: []auth0.Trigger{{ID: tr, Version: "v1"}}})
				},
			})
		})
	}
	var bindings []auth0.BindingUpdate
	for i, rt := range refTypes {
		bindings = append(bindings, auth0.BindingUpdate{
			Ref:         auth0.BindingRef{Type: rt, Value: fmt.Sprintf("ref-%d", i)},
			DisplayName: auth0.String(string(rt)),
		})
	}
	h.run(t, operation{
		name: "Bindings.Update/every-ref-type", method: "PATCH", path: "/actions/triggers/{triggerId}/bindings",
		call: func(ctx context.Context, c *auth0.Client) (any, error) {
			return c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: bindings})
		},
	})
	t.Logf("enums: %d SDK calls checked, %d requests, %d violations", h.calls.Load(), len(h.rec.all()), len(h.rec.violated()))
}

func strs[S ~string](vs []S) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
