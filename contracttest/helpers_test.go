package contracttest

import (
	"encoding/json"
	"net/url"
	"slices"
)

// Small helpers used across the suite's files. The suite's parts have files
// of their own: Prism's life in main_test.go, the per-test harness in
// harness_test.go, the recording transport in recorder_test.go, the
// OpenAPI shape checks in shape_test.go, and the operations in calls_*.go.

// q builds a query from key, value pairs.
func q(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// orNone shows an empty body as "(none)".
func orNone(b []byte) string {
	if len(b) == 0 {
		return "(none)"
	}
	return string(b)
}

// short renders v as JSON cut to 80 characters, for messages.
func short(v any) string {
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

// sortedKeys returns the keys of m, sorted.
func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
