package option

import (
	"encoding/json"
	"strconv"

	"github.com/actions-sdk/auth0-go/internal/apierror"
	"github.com/actions-sdk/auth0-go/internal/requestconfig"
)

// Escape hatches for what the SDK's params don't know yet: a new body
// field, a field sent as an explicit null, a field to leave out, a new
// query parameter. They change the body and query the params became, just
// before the request is sent; the params themselves are left alone.

// WithJSONSet sets a field of the call's JSON body to value, marshaled
// with encoding/json, whether or not the params know the field:
//
//	option.WithJSONSet("runtime", "node24")                      // a field the SDK doesn't know yet
//	option.WithJSONSet("modules.0.module_version_number", 3)     // inside an array element
//	option.WithJSONSet("dependencies", nil)                      // an explicit null
//
// path is a dotted list of object keys and array indexes ("modules.0.x");
// write a key that contains a dot with a backslash ("a\.b"). Objects
// missing on the way are created; an index must be within the array, or
// one past its end as the last segment, which appends. A nil value sends
// an explicit JSON null, which params tagged omitzero can't.
//
// Edits apply in order, after the params are marshaled, to calls that send
// a JSON body (POST, PATCH, PUT; a body-less POST such as Deploy gets an
// object). A malformed path, a value encoding/json cannot marshal, a path
// through a string or number, or a GET or DELETE call is an error of the
// call, and nothing is sent. Secret values that came from the params stay
// redacted in errors and dumps.
func WithJSONSet(path string, value any) RequestOption {
	name := "option.WithJSONSet(" + strconv.Quote(path) + ")"
	segs, perr := requestconfig.ParseJSONPath(path)
	raw, merr := json.Marshal(value)
	return func(cfg *requestconfig.RequestConfig) error {
		if perr != nil {
			return apierror.WithContext(name, perr)
		}
		if merr != nil {
			return apierror.WithContext(name+": the value cannot be marshaled", merr)
		}
		cfg.JSONEdits = append(cfg.JSONEdits[:len(cfg.JSONEdits):len(cfg.JSONEdits)],
			requestconfig.JSONEdit{Option: name, Path: segs, Value: raw})
		return nil
	}
}

// WithJSONDelete removes a field from the call's JSON body, such as a field
// the params send that the server no longer accepts:
//
//	option.WithJSONDelete("deploy")
//	option.WithJSONDelete("secrets.1")   // the second element of an array
//
// path is written as for WithJSONSet. A field or element that is not in the
// body is left alone (there is nothing to delete); a malformed path, a path
// through a string or number, or a GET or DELETE call is an error of the
// call, and nothing is sent.
func WithJSONDelete(path string) RequestOption {
	name := "option.WithJSONDelete(" + strconv.Quote(path) + ")"
	segs, perr := requestconfig.ParseJSONPath(path)
	return func(cfg *requestconfig.RequestConfig) error {
		if perr != nil {
			return apierror.WithContext(name, perr)
		}
		cfg.JSONEdits = append(cfg.JSONEdits[:len(cfg.JSONEdits):len(cfg.JSONEdits)],
			requestconfig.JSONEdit{Option: name, Path: segs, Delete: true})
		return nil
	}
}
