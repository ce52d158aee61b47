// Package example covers each kind of declaration apidump writes; its
// expected dump is ../example.txt.
package example

import (
	"context"
	"io"

	"github.com/actions-sdk/auth0-go/internal/cmd/apidump/testdata/example/inner"
)

// Op is a typed string constant's type.
type Op string

// Constants: typed, untyped, iota, long.
const (
	OpAdd   Op = "add"
	Max        = 100
	Pi         = 3.14159
	Long       = "a string constant longer than seventy-two characters, which go/constant shortens"
	private    = 1
)

// Levels, from iota.
const (
	Low Level = iota
	High
)

// Level is an int type.
type Level int

// ErrX is a variable.
var ErrX error

// Hook is a function variable.
var Hook func(context.Context, []byte, rune) (n int, err error)

// New is a function.
func New(name string, opts ...Option) *Client { return nil }

// Ptr is a generic function.
func Ptr[T any](v T) *T { return &v }

// Keys is a generic function with a constraint.
func Keys[M ~map[K]V, K comparable, V any](m M) []K { return nil }

// Option is a function type.
type Option func(*Client) error

// Client is a struct with fields of every kind.
type Client struct {
	Name      string
	Tags      map[string][]int
	Events    <-chan Event
	Sink      chan<- *Event
	Inline    struct{ A, b int }
	Thing     inner.Thing
	Buf       *inner.Buf
	Any       interface{}
	private   int
	*Base     // embedded, exported
	mixin     // embedded, unexported: its methods are promoted
	io.Reader // embedded interface
}

// Base is embedded in Client.
type Base struct{ ID string }

// Describe has a value receiver, so it is in both method sets.
func (Base) Describe() string { return "" }

type mixin struct{ Hidden int }

// Promoted is promoted from an unexported embedded type.
func (mixin) Promoted() {}

// Get has a pointer receiver.
func (c *Client) Get(ctx context.Context, id string) (*Event, error) { return nil, nil }

// String has a value receiver.
func (c Client) String() string { return "" }

func (c *Client) unexported() {}

// Event is a plain struct.
type Event struct {
	Data []byte
}

// Page is a generic type.
type Page[T any, K comparable] struct {
	Items []T
	Next  *Page[T, K]
	keys  []K
}

// Map uses the receiver's type parameters under other names.
func (p *Page[U, _]) Map(f func(U) U) *Page[U, string] { return nil }

// Len has a value receiver.
func (p Page[T, K]) Len() int { return len(p.Items) }

// Events is an instantiated generic type.
type Events = Page[Event, string]

// Getter is an interface.
type Getter interface {
	Get(ctx context.Context, id string) (*Event, error)
	io.Closer
}

// Sealed has an unexported method.
type Sealed interface {
	Public() int
	sealed()
}

// Number is a constraint.
type Number interface {
	~int | ~int64 | float64
}

// Stringish is a constraint with a method.
type Stringish interface {
	~string
	Len() int
}

// Empty is the empty interface.
type Empty interface{}

// Reader is an alias of a standard library type.
type Reader = io.Reader

// OptionAlias is an alias of a type of this package.
type OptionAlias = Option

// UsesAlias takes aliases: this package's by name, inner's as what it is.
func UsesAlias(Reader, OptionAlias, *inner.Buf) {}

type hidden struct{}

// Exported method of an unexported type: not in the dump.
func (hidden) Visible() {}

// Wrapped embeds an instantiated generic type: its methods are promoted.
type Wrapped struct {
	Page[Event, string]
}

// Outer is a generic type embedding a generic type.
type Outer[X any] struct {
	*Page[X, int]
}
