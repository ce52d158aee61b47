package auth0

import (
	"fmt"
	"io"
	"reflect"
)

// String returns a pointer to s, for optional string params.
func String(s string) *string { return &s }

// Bool returns a pointer to b, for optional bool params.
func Bool(b bool) *bool { return &b }

// Int returns a pointer to i, for optional int params.
func Int(i int) *int { return &i }

// Ptr returns a pointer to v, for optional params of any type, such as
// auth0.Ptr(auth0.TriggerPostLogin).
func Ptr[T any](v T) *T { return &v }

// formatFields prints v, a struct, as fmt prints a struct with the verb and
// flags of f, but with only its exported fields: the unexported ones (the
// reference to the response body behind RawJSON, a page's pager) are
// internal. Response types call it from their Format methods. A pointer to
// a struct shows as &{...} at any depth.
func formatFields(f fmt.State, verb rune, v any) {
	rv := reflect.ValueOf(v)
	rt := rv.Type()
	sharp := verb == 'v' && f.Flag('#')
	names := sharp || verb == 'v' && f.Flag('+')
	if sharp {
		_, _ = io.WriteString(f, rt.String())
	}
	_, _ = io.WriteString(f, "{")
	format := fmt.FormatString(f, verb)
	first := true
	for i := range rt.NumField() {
		sf := rt.Field(i)
		if !sf.IsExported() {
			continue
		}
		if !first {
			if sharp {
				_, _ = io.WriteString(f, ", ")
			} else {
				_, _ = io.WriteString(f, " ")
			}
		}
		first = false
		if names {
			_, _ = io.WriteString(f, sf.Name+":")
		}
		fv := rv.Field(i)
		if fv.Kind() == reflect.Pointer && !fv.IsNil() && fv.Elem().Kind() == reflect.Struct {
			_, _ = io.WriteString(f, "&") // as fmt shows a pointer to a struct
		}
		fmt.Fprintf(f, format, fv.Interface())
	}
	_, _ = io.WriteString(f, "}")
}
