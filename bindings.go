package auth0

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/actions-sdk/auth0-go/internal/rawjson"
	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

// BindingService (/actions/triggers/{triggerId}/bindings): the ordered
// list of actions a trigger runs. Its endpoints and types come first, then
// its workflow helpers (Add, Remove, Move) with the bindings lock and the
// trigger-policy cache they use.

// BindingService holds the /actions/triggers/{triggerId}/bindings endpoints:
// the ordered list of actions a trigger runs.
type BindingService struct {
	// Options are applied to every call of this service, after the client's.
	Options []option.RequestOption
}

// List returns one page of a trigger's bindings (GET
// /actions/triggers/{triggerId}/bindings), in execution order.
func (r *BindingService) List(ctx context.Context, triggerID TriggerID, params BindingListParams, opts ...option.RequestOption) (*PageNumberPage[Binding], error) {
	path, err := requestconfig.Path("actions/triggers/{triggerId}/bindings", string(triggerID))
	return newPager[Binding](r.Options, path, err, "bindings", params.PerPage, params.Page, params).first(ctx, opts)
}

// ListAutoPaging returns an iterator over every binding of a trigger, in
// execution order, fetching pages as needed with ctx.
func (r *BindingService) ListAutoPaging(ctx context.Context, triggerID TriggerID, params BindingListParams, opts ...option.RequestOption) *PageNumberPageAutoPager[Binding] {
	path, err := requestconfig.Path("actions/triggers/{triggerId}/bindings", string(triggerID))
	return newPager[Binding](r.Options, path, err, "bindings", params.PerPage, params.Page, params).autoPager(ctx, opts)
}

// Update replaces all of a trigger's bindings (PATCH
// /actions/triggers/{triggerId}/bindings) with params.Bindings, in the
// order given. An explicit empty slice unbinds every action; a nil
// Bindings (BindingUpdateParams{}) is refused before anything is sent, so
// that a forgotten field cannot unbind a whole trigger. Every binding gets
// a new ID. To change one binding, read them all, edit, and send the whole
// list, or use Add, Remove and Move.
func (r *BindingService) Update(ctx context.Context, triggerID TriggerID, params BindingUpdateParams, opts ...option.RequestOption) (*BindingUpdateResponse, error) {
	path, err := requestconfig.Path("actions/triggers/{triggerId}/bindings", string(triggerID))
	var res BindingUpdateResponse
	call := requestconfig.Call{Method: http.MethodPatch, Path: path, PathErr: err, Params: params, Result: &itemsBody[Binding]{key: "bindings",
		goType: reflect.TypeFor[BindingUpdateResponse](), items: &res.Bindings, raw: &res.raw},
		Secrets: params.secretValues()}
	if err := execute(ctx, &call, r.Options, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// Binding joins an action to a trigger, at a position in its order.
type Binding struct {
	// ID is the binding's ID; every Update issues new ones.
	ID string `json:"id,omitzero"`
	// TriggerID is the trigger.
	TriggerID TriggerID `json:"trigger_id,omitzero"`
	// DisplayName is the name shown in the flow editor.
	DisplayName string `json:"display_name,omitzero"`
	// Action is the bound action. The live API sends a summary: ID, Name,
	// SupportedTriggers, timestamps, AllChangesDeployed and the versions.
	Action Action `json:"action,omitzero"`
	// CreatedAt is when the binding was created.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when the binding was last changed.
	UpdatedAt time.Time `json:"updated_at,omitzero"`

	raw rawjson.Ref
}

// RawJSON returns the JSON the binding was decoded from.
func (b *Binding) RawJSON() json.RawMessage { return b.raw.Bytes() }

// Format prints the binding as fmt prints a struct, with only its exported
// fields (not the reference behind RawJSON).
func (b Binding) Format(f fmt.State, verb rune) { formatFields(f, verb, b) }

func (b *Binding) setRef(r rawjson.Ref) {
	b.raw = r
	b.Action.normalize()
}

func (b *Binding) pageKey() string { return b.ID }

// BindingUpdateResponse is the result of Bindings.Update: the new bindings.
type BindingUpdateResponse struct {
	// Bindings are the trigger's bindings, in execution order.
	Bindings []Binding `json:"bindings,omitzero"`

	raw rawjson.Ref
}

// RawJSON returns the JSON the response was decoded from.
func (b *BindingUpdateResponse) RawJSON() json.RawMessage { return b.raw.Bytes() }

// Format prints the response as fmt prints a struct, with only its exported
// fields (not the reference behind RawJSON).
func (b BindingUpdateResponse) Format(f fmt.State, verb rune) { formatFields(f, verb, b) }

// BindingListParams page through a trigger's bindings.
type BindingListParams struct {
	// Page is the 0-based page to start from.
	Page *int `url:"page,omitempty" json:"-"`
	// PerPage is the page size, 1 to 100; this SDK's default is 50.
	PerPage *int `url:"per_page,omitempty" json:"-"`
}

// Validate reports a malformed field before anything is sent.
func (p BindingListParams) Validate() error {
	return validatePage("BindingListParams", p.Page, p.PerPage)
}

// BindingUpdateParams is the complete, ordered list of a trigger's bindings.
type BindingUpdateParams struct {
	// Bindings are the actions to run, in order. Required: an explicit
	// empty slice ([]BindingUpdate{}) unbinds every action, and nil is an
	// error (ErrNilBindings), so that BindingUpdateParams{} cannot unbind
	// a trigger by accident.
	Bindings []BindingUpdate `json:"bindings"`
}

// Validate reports a malformed binding, or a nil Bindings, before anything
// is sent.
func (p BindingUpdateParams) Validate() error {
	if p.Bindings == nil {
		return ErrNilBindings
	}
	for i, b := range p.Bindings {
		switch b.Ref.Type {
		case BindingRefTypeActionID, BindingRefTypeActionName, BindingRefTypeBindingID:
		case "":
			return fmt.Errorf("auth0: BindingUpdateParams.Bindings[%d].Ref.Type is required", i)
		default:
			return fmt.Errorf("auth0: BindingUpdateParams.Bindings[%d].Ref.Type %q is not action_id, action_name or binding_id", i, b.Ref.Type)
		}
		if b.Ref.Value == "" {
			return fmt.Errorf("auth0: BindingUpdateParams.Bindings[%d].Ref.Value is required", i)
		}
		for j, s := range b.Secrets {
			if s.Name == "" {
				return fmt.Errorf("auth0: BindingUpdateParams.Bindings[%d].Secrets[%d].Name is required", i, j)
			}
		}
	}
	return checkUTF8Fields("BindingUpdateParams", p)
}

func (p BindingUpdateParams) secretValues() []string {
	var out []string
	for _, b := range p.Bindings {
		out = append(out, secretValues(b.Secrets)...)
	}
	return out
}

// BindingUpdate is one entry of BindingUpdateParams.
type BindingUpdate struct {
	// Ref names the action to bind. Required.
	Ref BindingRef `json:"ref"`
	// DisplayName is the name shown in the flow editor.
	DisplayName *string `json:"display_name,omitzero"`
	// Secrets are binding-level secrets.
	Secrets []ActionSecretParam `json:"secrets,omitzero"`
}

// BindingRef identifies an action to bind.
type BindingRef struct {
	// Type says what Value is: BindingRefTypeActionID (recommended),
	// BindingRefTypeActionName or BindingRefTypeBindingID.
	Type BindingRefType `json:"type"`
	// Value is the action ID, action name or binding ID.
	Value string `json:"value"`
}

// BindingRefType says how a BindingRef names its action.
type BindingRefType string

// Binding reference types.
const (
	BindingRefTypeBindingID  BindingRefType = "binding_id"
	BindingRefTypeActionID   BindingRefType = "action_id"
	BindingRefTypeActionName BindingRefType = "action_name"
)

// The workflow helpers: Add, Remove and Move edit one binding and keep the
// others, serialised per tenant and trigger (the bindings lock), verified
// after the write, and retried on the API's "not deployed yet" refusal.

// BindingAddParams say which action Bindings.Add binds, and where.
type BindingAddParams struct {
	// ActionID is the action to bind. Required; it must be deployed.
	ActionID string
	// DisplayName is the binding's name; the server uses the action's when nil.
	DisplayName *string
	// Position is the 0-based place in the trigger's order; nil appends.
	Position *int
}

// Add binds an action to a trigger, keeping every other binding exactly
// (by action ID, with its display name) and in order. PATCH replaces the
// whole list, so Add reads every page, inserts the action, writes the list
// back, and re-reads to check that no concurrent edit lost the change,
// trying again (three times in all) if one did. An action that is bound
// already is left as it is, without a write. Binding-level secrets of the
// other bindings cannot be read back and are not kept.
//
// Right after a deploy the API can refuse the binding for a while with a
// 400 "Trying to create a binding for an action that has not been deployed
// yet". Add retries exactly that answer, reading the bindings again each
// time, with backoff (option.WithPollInterval) and within the client's
// rate-limit pacing, for up to a minute; then it returns an
// *ActionNotDeployedError (ErrActionNotDeployed). Any other 400 is
// returned at once. option.WithWaitTimeout (default 10 minutes) bounds the
// whole call, and ctx ends it at once.
//
// Before anything is written, a trigger whose bindings Auth0 manages per
// entity is an *EntityBoundTriggerError (ErrEntityBoundTrigger): Add reads
// the trigger's binding_policy from Triggers.List (cached per client and
// tenant for 10 minutes), and the API's 400 for such a trigger is mapped to
// the same error.
//
// Edits of one trigger by Add, Remove, Move and Upsert are serialized
// within this process, per tenant (API base URL) and trigger: two clients
// of one tenant wait for each other, two tenants never do. The lock cannot
// reach other processes (another CI job, the dashboard, the Deploy CLI);
// the re-read after each write is what catches their edits, and it cannot
// catch one that lands after it.
//
//	_, err := client.Actions.Triggers.Bindings.Add(ctx, auth0.TriggerPostLogin,
//		auth0.BindingAddParams{ActionID: action.ID, Position: auth0.Int(0)})
func (r *BindingService) Add(ctx context.Context, triggerID TriggerID, params BindingAddParams, opts ...option.RequestOption) (*BindingUpdateResponse, error) {
	if params.ActionID == "" {
		return nil, errors.New("auth0: BindingAddParams.ActionID is required")
	}
	if params.Position != nil && *params.Position < 0 {
		return nil, fmt.Errorf("auth0: BindingAddParams.Position is %d; positions start at 0", *params.Position)
	}
	res, _, err := r.edit(ctx, bindingEdit{trigger: triggerID, apply: params.apply, satisfied: params.satisfied, adding: params.ActionID}, opts)
	return res, err
}

func (p BindingAddParams) apply(cur []Binding) ([]BindingUpdate, bool, error) {
	if p.satisfied(cur) {
		return nil, false, nil
	}
	list := bindingRefs(cur)
	add := BindingUpdate{Ref: BindingRef{Type: BindingRefTypeActionID, Value: p.ActionID}, DisplayName: p.DisplayName}
	at := len(list)
	if p.Position != nil && *p.Position < at {
		at = *p.Position
	}
	return slices.Insert(list, at, add), true, nil
}

func (p BindingAddParams) satisfied(cur []Binding) bool { return indexOfAction(cur, p.ActionID) >= 0 }

// Remove unbinds an action from a trigger, keeping every other binding
// exactly and in order. An action that is not bound is ErrNotBound. Like
// Add, it refuses an entity-bound trigger before writing
// (*EntityBoundTriggerError), is serialized with the other edits of the
// trigger per tenant within this process (not across processes), re-reads
// to catch concurrent edits, and is bounded by option.WithWaitTimeout.
//
//	_, err := client.Actions.Triggers.Bindings.Remove(ctx, auth0.TriggerPostLogin, action.ID)
func (r *BindingService) Remove(ctx context.Context, triggerID TriggerID, actionID string, opts ...option.RequestOption) (*BindingUpdateResponse, error) {
	if actionID == "" {
		return nil, errors.New("auth0: Remove needs an action ID")
	}
	first := true
	apply := func(cur []Binding) ([]BindingUpdate, bool, error) {
		i := indexOfAction(cur, actionID)
		if i < 0 {
			if first {
				return nil, false, withContext("action "+actionID+" on trigger "+string(triggerID), ErrNotBound)
			}
			return nil, false, nil // removed by our earlier attempt
		}
		first = false
		list := bindingRefs(cur)
		return slices.Delete(list, i, i+1), true, nil
	}
	satisfied := func(cur []Binding) bool { return indexOfAction(cur, actionID) < 0 }
	res, _, err := r.edit(ctx, bindingEdit{trigger: triggerID, apply: apply, satisfied: satisfied}, opts)
	return res, err
}

// Move puts a bound action at a 0-based position in the trigger's order,
// keeping every other binding exactly. An action that is not bound is
// ErrNotBound; a position past the end is an error. Like Add, it refuses an
// entity-bound trigger before writing (*EntityBoundTriggerError), is
// serialized with the other edits of the trigger per tenant within this
// process (not across processes), re-reads to catch concurrent edits, and
// is bounded by option.WithWaitTimeout. It binds no new action, so it does
// not retry a "not deployed yet" refusal.
//
//	_, err := client.Actions.Triggers.Bindings.Move(ctx, auth0.TriggerPostLogin, action.ID, 0)
func (r *BindingService) Move(ctx context.Context, triggerID TriggerID, actionID string, position int, opts ...option.RequestOption) (*BindingUpdateResponse, error) {
	if actionID == "" {
		return nil, errors.New("auth0: Move needs an action ID")
	}
	if position < 0 {
		return nil, fmt.Errorf("auth0: Move: position %d; positions start at 0", position)
	}
	apply := func(cur []Binding) ([]BindingUpdate, bool, error) {
		i := indexOfAction(cur, actionID)
		if i < 0 {
			return nil, false, withContext("action "+actionID+" on trigger "+string(triggerID), ErrNotBound)
		}
		if position >= len(cur) {
			return nil, false, fmt.Errorf("auth0: Move: position %d is past the end of %d bindings", position, len(cur))
		}
		if i == position {
			return nil, false, nil
		}
		list := bindingRefs(cur)
		item := list[i]
		list = slices.Delete(list, i, i+1)
		return slices.Insert(list, position, item), true, nil
	}
	satisfied := func(cur []Binding) bool { return indexOfAction(cur, actionID) == position }
	res, _, err := r.edit(ctx, bindingEdit{trigger: triggerID, apply: apply, satisfied: satisfied}, opts)
	return res, err
}

// BindingSetParams say what Bindings.Set writes.
type BindingSetParams struct {
	// Bindings is the trigger's whole new list, in order, each naming its
	// action by ID (BindingRefTypeActionID). Required: nil is refused (as
	// for Update); an empty slice unbinds every action.
	Bindings []BindingUpdate
	// Expect, when not nil, is the list the trigger must have when Set
	// reads it: the bound actions' IDs, in order. If the trigger has
	// another list, Set writes nothing and returns an error matching
	// ErrBindingsConflict: the bindings changed since the caller read them
	// (a plan made earlier would otherwise overwrite someone's edit).
	Expect []string
}

// Set makes a trigger's bindings exactly params.Bindings, in order: one
// PATCH when the list differs, none when it is already so. Like Add, it
// refuses an entity-bound trigger before writing
// (*EntityBoundTriggerError), is serialized with the other edits of the
// trigger per tenant within this process, re-reads after the write to
// check that it held (trying again, three times in all, if a concurrent
// edit lost it), retries the API's "has not been deployed yet" refusal of a
// newly bound action, or of a bound one the list moves right after its
// redeploy (*ActionNotDeployedError when it persists), and is
// bounded by option.WithWaitTimeout. With Expect it refuses to write over
// a list it was not given (ErrBindingsConflict).
//
//	_, err := client.Actions.Triggers.Bindings.Set(ctx, auth0.TriggerPostLogin, auth0.BindingSetParams{
//		Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: id}}},
//	})
func (r *BindingService) Set(ctx context.Context, triggerID TriggerID, params BindingSetParams, opts ...option.RequestOption) (*BindingUpdateResponse, error) {
	if params.Bindings == nil {
		return nil, withContext("Set", ErrNilBindings)
	}
	want := make([]string, len(params.Bindings))
	for i, b := range params.Bindings {
		if b.Ref.Type != BindingRefTypeActionID || b.Ref.Value == "" {
			return nil, fmt.Errorf("auth0: BindingSetParams.Bindings[%d]: name the action by its ID (BindingRefTypeActionID)", i)
		}
		want[i] = b.Ref.Value
	}
	if err := (BindingUpdateParams{Bindings: params.Bindings}).Validate(); err != nil {
		return nil, withContext("Set", err)
	}
	first := true
	apply := func(cur []Binding) ([]BindingUpdate, bool, error) {
		ids := bindingActionIDs(cur)
		if first && params.Expect != nil && !slices.Equal(ids, params.Expect) {
			return nil, false, withContext(fmt.Sprintf("trigger %s is bound to [%s], not to the expected [%s]", triggerID,
				strings.Join(ids, ", "), strings.Join(params.Expect, ", ")), ErrBindingsConflict)
		}
		first = false
		if slices.Equal(ids, want) && sameDisplayNames(cur, params.Bindings) {
			return nil, false, nil
		}
		return params.Bindings, true, nil
	}
	satisfied := func(cur []Binding) bool { return slices.Equal(bindingActionIDs(cur), want) }
	var adding []string
	for _, id := range want {
		if !slices.Contains(params.Expect, id) {
			adding = append(adding, id)
		}
	}
	if len(adding) == 0 {
		// Only bound actions, moved or renamed: one of them may have been
		// redeployed just before, which meets the same race.
		adding = want
	}
	res, _, err := r.edit(ctx, bindingEdit{trigger: triggerID, apply: apply, satisfied: satisfied,
		adding: strings.Join(adding, ", ")}, opts)
	return res, err
}

// bindingActionIDs returns the IDs of the bound actions, in order.
func bindingActionIDs(cur []Binding) []string {
	ids := make([]string, len(cur))
	for i, b := range cur {
		ids[i] = b.Action.ID
	}
	return ids
}

// sameDisplayNames reports whether each binding has the display name the
// update gives it (an update without one leaves the server's choice).
func sameDisplayNames(cur []Binding, want []BindingUpdate) bool {
	for i, w := range want {
		if w.DisplayName != nil && *w.DisplayName != cur[i].DisplayName {
			return false
		}
	}
	return true
}

// bindingEditAttempts bounds the read-modify-write loop of a binding edit.
const bindingEditAttempts = 3

// bindNotDeployedWindow bounds how long Add (and Upsert with Bind) retry a
// binding the API refuses because the action "has not been deployed yet":
// the answer the live API gives for a while right after a deploy. The
// call's deadline (option.WithWaitTimeout) can end the retries sooner.
const bindNotDeployedWindow = time.Minute

// bindingLock serializes the binding edits of one trigger of one tenant
// within this process.
type bindingLock struct {
	ch chan struct{}
	// waiting counts the edits waiting for the lock.
	waiting atomic.Int32
}

// bindingLocks holds a *bindingLock per tenant (API base URL) and trigger,
// shared by every client of the process.
var bindingLocks sync.Map

// bindingLockFor returns the lock of a trigger of the tenant at target.
func bindingLockFor(target string, triggerID TriggerID) *bindingLock {
	key := target + "\x00" + string(triggerID)
	l, ok := bindingLocks.Load(key)
	if !ok {
		l, _ = bindingLocks.LoadOrStore(key, &bindingLock{ch: make(chan struct{}, 1)})
	}
	return l.(*bindingLock)
}

// lock takes the lock, or returns ctx's error if ctx ends first.
func (l *bindingLock) lock(ctx context.Context) error {
	select {
	case l.ch <- struct{}{}:
		return nil
	default:
	}
	l.waiting.Add(1)
	defer l.waiting.Add(-1)
	select {
	case l.ch <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l *bindingLock) unlock() { <-l.ch }

// bindingEdit is one read-modify-write of a trigger's bindings. apply
// computes the new list from the current one (changed false: nothing to
// write); satisfied checks, on a fresh read after the write, that the
// change held.
type bindingEdit struct {
	trigger   TriggerID
	apply     func([]Binding) ([]BindingUpdate, bool, error)
	satisfied func([]Binding) bool
	// adding is the action the edit binds (Add, Upsert with Bind): a 400
	// saying it "has not been deployed yet" is retried. addingName is its
	// name, when known.
	adding, addingName string
}

// edit runs a binding edit under the call's deadline
// (option.WithWaitTimeout), after checking that the trigger's bindings are
// the tenant's to edit, holding the trigger's lock.
func (r *BindingService) edit(ctx context.Context, e bindingEdit, opts []option.RequestOption) (*BindingUpdateResponse, bool, error) {
	if e.trigger == "" {
		return nil, false, errors.New("auth0: triggerId must not be empty")
	}
	ctx, w, done, err := startWait(ctx, r.Options, opts)
	if err != nil {
		return nil, false, err
	}
	defer done()
	res, wrote, err := r.editLocked(ctx, w, e, opts)
	return res, wrote, waitErr(ctx, "editing the bindings of "+string(e.trigger), err)
}

func (r *BindingService) editLocked(ctx context.Context, w requestconfig.WaitConfig, e bindingEdit, opts []option.RequestOption) (*BindingUpdateResponse, bool, error) {
	target, err := r.checkTrigger(ctx, e.trigger, opts)
	if err != nil {
		return nil, false, err
	}
	lock := bindingLockFor(target, e.trigger)
	if err := lock.lock(ctx); err != nil {
		return nil, false, withContext("editing the bindings of "+string(e.trigger), err)
	}
	defer lock.unlock()

	wrote := false
	retry := notDeployedRetry{edit: e, interval: w.Interval, max: w.MaxInterval, window: bindNotDeployedWindow}
	for attempt := 0; attempt < bindingEditAttempts; {
		cur, err := r.readAll(ctx, e.trigger, opts)
		if err != nil {
			return nil, wrote, retry.cut(ctx, err)
		}
		next, changed, err := e.apply(cur)
		if err != nil {
			return nil, wrote, err
		}
		if !changed {
			return &BindingUpdateResponse{Bindings: cur}, wrote, nil
		}
		res, err := r.Update(ctx, e.trigger, BindingUpdateParams{Bindings: next}, opts...)
		if err != nil {
			if err := retry.wait(ctx, err); err != nil {
				return nil, wrote, err
			}
			continue // read again, then write again
		}
		wrote = true
		attempt++
		after, err := r.readAll(ctx, e.trigger, opts)
		if err != nil {
			return nil, wrote, err
		}
		if e.satisfied(after) {
			return res, wrote, nil
		}
	}
	return nil, wrote, withContext(fmt.Sprintf("editing the bindings of %s (%d attempts)", e.trigger, bindingEditAttempts), ErrBindingsConflict)
}

// notDeployedRetry paces the retries of a binding the API refused because
// the action "has not been deployed yet".
type notDeployedRetry struct {
	edit          bindingEdit
	interval, max time.Duration
	window        time.Duration // how long to retry, from the first refusal
	first         time.Time
	refused       int
	last          *Error
}

// wait decides what to do after the write failed with err: it returns nil
// after waiting when the write should be tried again, and otherwise the
// error to return.
func (n *notDeployedRetry) wait(ctx context.Context, err error) error {
	apiErr, ok := notDeployedYet(err)
	if !ok || n.edit.adding == "" {
		return n.cut(ctx, entityBound(n.edit.trigger, err))
	}
	now := time.Now()
	if n.refused == 0 {
		n.first = now
	}
	n.refused++
	n.last = apiErr
	left := n.window - now.Sub(n.first)
	if left <= 0 {
		return n.giveUp()
	}
	timer := time.NewTimer(min(n.interval, left))
	defer timer.Stop()
	select {
	case <-ctx.Done():
		if _, expired := scopeExpired(ctx); expired {
			return n.giveUp()
		}
		return withContext("binding action "+n.edit.adding+" to trigger "+string(n.edit.trigger), ctx.Err())
	case <-timer.C:
	}
	n.interval = min(2*n.interval, n.max)
	return nil
}

// cut returns the *ActionNotDeployedError when the call's deadline cut
// the retries short (err is then the request it ended), and err otherwise.
func (n *notDeployedRetry) cut(ctx context.Context, err error) error {
	if n.refused > 0 {
		if _, expired := scopeExpired(ctx); expired {
			return n.giveUp()
		}
	}
	return err
}

func (n *notDeployedRetry) giveUp() error {
	return &ActionNotDeployedError{ActionID: n.edit.adding, ActionName: n.edit.addingName, Trigger: n.edit.trigger,
		Attempts: n.refused, Waited: time.Since(n.first), Err: n.last}
}

// notDeployedYet reports whether err is the API's 400 refusing to bind an
// action that "has not been deployed yet".
func notDeployedYet(err error) (*Error, bool) {
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusBadRequest {
		return nil, false
	}
	return e, strings.Contains(strings.ToLower(e.Message), "binding for an action that has not been deployed yet")
}

// entityBound returns an *EntityBoundTriggerError for the API's 400 saying
// the trigger's bindings are managed per entity, and err otherwise.
func entityBound(triggerID TriggerID, err error) error {
	var e *Error
	if errors.As(err, &e) && e.StatusCode == http.StatusBadRequest && strings.Contains(strings.ToLower(e.Message), "entity-bound") {
		return &EntityBoundTriggerError{Trigger: triggerID, Err: err}
	}
	return err
}

// checkTrigger returns the tenant (API base URL) of the call, or an
// *EntityBoundTriggerError when the trigger list says the trigger's
// bindings are not the tenant's to manage (binding_policy entity-bound).
func (r *BindingService) checkTrigger(ctx context.Context, triggerID TriggerID, opts []option.RequestOption) (string, error) {
	cfg, err := requestconfig.Resolve(r.Options, opts)
	if err != nil {
		return "", err
	}
	target, err := cfg.Target()
	if err != nil {
		return "", err
	}
	policies, err := triggerPolicies.get(ctx, cfg.Shared, target, func(ctx context.Context) (*TriggerListResponse, error) {
		triggers := TriggerService{Options: r.Options}
		return triggers.List(ctx, opts...)
	})
	if err != nil {
		return "", withContext("reading the binding policy of trigger "+string(triggerID), err)
	}
	if policies[triggerID] == BindingPolicyEntityBound {
		return "", &EntityBoundTriggerError{Trigger: triggerID}
	}
	return target, nil
}

// readAll returns every binding of a trigger, in order. The API's 400 for
// an entity-bound trigger is an *EntityBoundTriggerError.
func (r *BindingService) readAll(ctx context.Context, triggerID TriggerID, opts []option.RequestOption) ([]Binding, error) {
	var out []Binding
	for b, err := range r.ListAutoPaging(ctx, triggerID, BindingListParams{PerPage: Int(MaxPerPage)}, opts...).All() {
		if err != nil {
			return nil, entityBound(triggerID, err)
		}
		out = append(out, b)
	}
	return out, nil
}

// bindingRefs turns bindings into the update list that keeps them: by
// action ID, with their display names.
func bindingRefs(cur []Binding) []BindingUpdate {
	out := make([]BindingUpdate, len(cur), len(cur)+1)
	for i, b := range cur {
		out[i] = BindingUpdate{Ref: BindingRef{Type: BindingRefTypeActionID, Value: b.Action.ID}}
		if b.DisplayName != "" {
			out[i].DisplayName = String(b.DisplayName)
		}
	}
	return out
}

func indexOfAction(cur []Binding, actionID string) int {
	return slices.IndexFunc(cur, func(b Binding) bool { return b.Action.ID == actionID })
}

// triggerPolicies caches the binding policy of each trigger, per client
// and tenant, from Triggers.List: the binding helpers read it before they
// edit a trigger's bindings.
var triggerPolicies = policyCache{size: 64, ttl: 10 * time.Minute}

// policyCache is a bounded cache of trigger lists: at most size entries,
// each kept for ttl. It is keyed by the client's shared state (nil: not
// cached) and the tenant's API base URL.
type policyCache struct {
	size int
	ttl  time.Duration

	mu      sync.Mutex
	entries map[policyKey]policyEntry
}

type policyKey struct {
	shared *requestconfig.Shared
	target string
}

type policyEntry struct {
	at       time.Time
	policies map[TriggerID]BindingPolicy
}

// get returns the binding policy of every trigger of the tenant, by ID,
// listing the triggers with list unless a fresh entry is cached. A trigger
// listed at several versions is entity-bound if any version says so.
func (c *policyCache) get(ctx context.Context, shared *requestconfig.Shared, target string,
	list func(context.Context) (*TriggerListResponse, error)) (map[TriggerID]BindingPolicy, error) {
	key := policyKey{shared: shared, target: target}
	if shared != nil {
		c.mu.Lock()
		e, ok := c.entries[key]
		c.mu.Unlock()
		if ok && time.Since(e.at) < c.ttl {
			return e.policies, nil
		}
	}
	res, err := list(ctx)
	if err != nil {
		return nil, err
	}
	policies := make(map[TriggerID]BindingPolicy, len(res.Triggers))
	for _, t := range res.Triggers {
		if policies[t.ID] != BindingPolicyEntityBound {
			policies[t.ID] = t.BindingPolicy
		}
	}
	if shared == nil {
		return policies, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = make(map[policyKey]policyEntry)
	}
	now := time.Now()
	if _, ok := c.entries[key]; !ok && len(c.entries) >= c.size {
		// Full: drop the oldest entry.
		var oldest policyKey
		var at time.Time
		for k, e := range c.entries {
			if at.IsZero() || e.at.Before(at) {
				oldest, at = k, e.at
			}
		}
		delete(c.entries, oldest)
	}
	c.entries[key] = policyEntry{at: now, policies: policies}
	return policies, nil
}

// len returns the number of cached entries.
func (c *policyCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
