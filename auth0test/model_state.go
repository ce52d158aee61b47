package auth0test

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"slices"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
)

// The model: the fake tenant's state and the rules that change it, with no
// HTTP in it (files model_*.go; TestModelHasNoHTTP checks their imports).
// The HTTP layer (routes.go, handlers_*.go) validates and decodes a
// request, calls one method of state with the server's lock held, and
// encodes what it returns (wire_*.go). Failures are *modelError, whose
// kind the HTTP layer maps to a status.

// state is everything the fake tenant holds. It is not safe for concurrent
// use: the Server holds its lock around every call.
type state struct {
	cfg        *config
	actions    map[string]*action
	seq        int
	bindings   map[string][]*binding // by trigger ID, in execution order
	executions map[string]auth0.Execution
	failBuilds map[string][]auth0.ActionError
	modules    map[string]*module
}

func newState(cfg *config) *state {
	return &state{
		cfg:        cfg,
		actions:    map[string]*action{},
		bindings:   map[string][]*binding{},
		executions: map[string]auth0.Execution{},
		failBuilds: map[string][]auth0.ActionError{},
		modules:    map[string]*module{},
	}
}

func (st *state) now() time.Time { return st.cfg.now() }

// nextSeq numbers entities in creation order, which the lists follow.
func (st *state) nextSeq() int {
	st.seq++
	return st.seq
}

// errKind is how a rule refused an operation; the HTTP layer maps it to a
// status.
type errKind int

const (
	errInvalid      errKind = iota + 1 // the request cannot be done as it is (400)
	errNotFound                        // an entity does not exist (404)
	errConflict                        // it clashes with the state (409)
	errPrecondition                    // the state forbids it (412)
)

// modelError is a refusal by the model: its kind, the live API's message
// and, when the live API sends one, its errorCode.
type modelError struct {
	kind errKind
	msg  string
	code string
}

func (e *modelError) Error() string { return e.msg }

func invalid(msg string) *modelError { return &modelError{kind: errInvalid, msg: msg} }

// payloadError is a body that breaks a rule the schema cannot state, in
// the words of the live API's schema validator.
func payloadError(msg string) *modelError {
	return &modelError{kind: errInvalid, msg: msg, code: "invalid_body"}
}

func notFound(msg string) *modelError { return &modelError{kind: errNotFound, msg: msg} }

var (
	errActionNotFound    = notFound("That action does not exist.")
	errVersionNotFound   = notFound("That action version does not exist.")
	errExecutionNotFound = notFound("That execution does not exist.")
	errModuleNotFound    = notFound("The module or version does not exist.")
)

// secret is a secret with its value, which the API never returns.
type secret struct {
	name      string
	value     string
	updatedAt time.Time
}

// secretInput is a secret in a request body; Value is nil when left out.
type secretInput struct {
	Name  string  `json:"name"`
	Value *string `json:"value"`
}

// applySecrets returns the secrets after a request that sends in: the
// whole list is replaced, and a secret keeps its update time when its
// value is unchanged (or, where the schema allows, not sent).
func applySecrets(old []secret, in []secretInput, now time.Time) []secret {
	next := make([]secret, 0, len(in))
	for _, s := range in {
		value := ""
		if s.Value != nil {
			value = *s.Value
		}
		n := secret{name: s.Name, value: value, updatedAt: now}
		if i := slices.IndexFunc(old, func(o secret) bool { return o.name == s.Name }); i >= 0 {
			if prev := old[i]; s.Value == nil || prev.value == value {
				n = prev
			}
		}
		next = append(next, n)
	}
	return next
}

func secretsEqual(a, b []secret) bool {
	return slices.EqualFunc(a, b, func(x, y secret) bool { return x.name == y.name && x.value == y.value })
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func orNow(t, now time.Time) time.Time {
	if t.IsZero() {
		return now
	}
	return t
}
