// Package inner is not dumped: its alias is written as what it stands for.
package inner

import "bytes"

// Buf is an alias declared outside the dump.
type Buf = bytes.Buffer

// Thing is a type of another package of the module.
type Thing struct{ N int }
