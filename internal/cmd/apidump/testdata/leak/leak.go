// Package leak names go-json-experiment types in each way the check must
// see; TestJSONExperimentWalker lists the declarations it expects.
package leak

import (
	"github.com/go-json-experiment/json/jsontext"

	"github.com/actions-sdk/auth0-go/internal/cmd/apidump/testdata/leak/inner"
)

// Alias is an alias of a go-json-experiment type.
type Alias = jsontext.Value

// ByAlias takes one through an internal alias.
func ByAlias(*inner.Decoder) {}

// InMap returns one inside a map of slices.
func InMap() map[string][]jsontext.Kind { return nil }

// Var is a function variable taking one.
var Var func(chan *jsontext.Encoder)

// Reached returns an internal type whose exported field is one.
func Reached() *inner.Holder { return nil }

// NotReached returns an internal type that names none.
func NotReached() inner.Clean { return inner.Clean{} }

// Generic has one as a type argument.
func Generic() Box[jsontext.Token] { return Box[jsontext.Token]{} }

// Box is a generic type.
type Box[T any] struct{ V T }

// T has a field, an embedded unexported type and methods.
type T struct {
	Field   []jsontext.Value
	private jsontext.Value // unexported: not API
	embedded
}

type embedded struct {
	Promoted *jsontext.Value
}

// Method takes one.
func (*T) Method(jsontext.Options) {}

// Clean names none.
func (T) Clean() int { return 0 }

// I is an interface whose method returns one.
type I interface {
	Next() (jsontext.Token, error)
}

type hidden struct{}

// Unreachable is a method of an unexported type that no exported
// declaration names.
func (hidden) Unreachable(jsontext.Value) {}
