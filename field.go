package auth0

// String returns a pointer to s, for optional string params.
func String(s string) *string { return &s }

// Bool returns a pointer to b, for optional bool params.
func Bool(b bool) *bool { return &b }

// Int returns a pointer to i, for optional int params.
func Int(i int) *int { return &i }

// Ptr returns a pointer to v, for optional params of any type, such as
// auth0.Ptr(auth0.TriggerPostLogin).
func Ptr[T any](v T) *T { return &v }
