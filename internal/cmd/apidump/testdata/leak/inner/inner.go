// Package inner stands for an internal package: its types are walked into
// where the public package uses them.
package inner

import "github.com/go-json-experiment/json/jsontext"

// Decoder is an alias, as internal/jsondec has.
type Decoder = jsontext.Decoder

// Holder has an exported field of a go-json-experiment type.
type Holder struct {
	Value jsontext.Value
	n     int
}

// Clean names no go-json-experiment type.
type Clean struct{ N int }
