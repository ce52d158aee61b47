package auth0

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Plan says what an Upsert does to the tenant, field by field: with DryRun
// what it would do (nothing is written), otherwise what it did. Its String
// form is meant for a CI log, so that a reviewer sees what a merge will
// change:
//
//	action "add-roles-to-token" (5b1c7f3e-…): update
//	  ~ code: 14 → 16 lines (+3 −1)
//	  ~ dependency lodash: 4.17.20 → 4.17.21
//	  + secret API_KEY
//	  ~ module shared-utils: version 1 → 2
//	  deploy: yes
//	  bind: post-login, at position 2 of 2, after "block-risky-ips"
//
// Secret values never appear in a plan, only names.
type Plan struct {
	// Kind is what the plan is about: KindAction or KindModule.
	Kind ResourceKind
	// Name is the action's or module's name.
	Name string
	// ID is its ID; empty when it does not exist yet.
	ID string
	// Create is true when it does not exist and is (or would be) created.
	Create bool
	// Changes are the field changes, in a fixed order: on a create, the
	// fields that are set, as additions.
	Changes []Change
	// Deploy is true when an action's draft is (or would be) deployed.
	Deploy bool
	// Publish is true when a module's draft is (or would be) published as
	// a new version.
	Publish bool
	// Bind is where an action's binding goes; nil when Bind was not asked.
	Bind *BindingPlan
}

// BindingPlan says where an action is (or would be) bound.
type BindingPlan struct {
	// TriggerID is the trigger.
	TriggerID TriggerID
	// AlreadyBound is true when the action is bound already: nothing to do.
	AlreadyBound bool
	// Position is the action's 0-based place in the trigger's order.
	Position int
	// Total is how many bindings the trigger has with it.
	Total int
	// After names the action run just before it; empty when it runs first.
	After string
}

// ChangeOp says how a field or one item of a list field changes.
type ChangeOp string

// Change operations.
const (
	ChangeAdd    ChangeOp = "add"
	ChangeRemove ChangeOp = "remove"
	ChangeUpdate ChangeOp = "update"
)

// Change is one difference between an Upsert's params and the tenant. Its
// JSON form (field, op, item, from, to, note) is part of actionsync's plan
// documents.
type Change struct {
	// Field is the API field: "code", "dependencies", "secrets",
	// "runtime", "supported_triggers" or "modules".
	Field string `json:"field"`
	// Op is ChangeAdd, ChangeRemove or ChangeUpdate.
	Op ChangeOp `json:"op"`
	// Item names the item of a list field: a dependency, secret or module
	// name, or a trigger ID; empty for code and runtime.
	Item string `json:"item,omitempty"`
	// From and To are the old and new values in short printable form
	// ("4.17.21", "version 2", "14 lines"); empty where they don't apply.
	// They never hold a secret value.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Note adds what the values cannot say, such as "value re-sent
	// (RotateSecrets)".
	Note string `json:"note,omitempty"`
}

// HasChanges reports whether the plan writes anything: a create, a field
// change, a deploy, a publish or a new binding.
func (p Plan) HasChanges() bool {
	return p.Create || len(p.Changes) > 0 || p.Deploy || p.Publish || p.Bind != nil && !p.Bind.AlreadyBound
}

// String prints the plan for a log, one change per line.
func (p Plan) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %q", p.Kind, p.Name)
	if p.ID != "" {
		fmt.Fprintf(&b, " (%s)", p.ID)
	}
	switch {
	case p.Create:
		b.WriteString(": create")
	case len(p.Changes) > 0:
		b.WriteString(": update")
	default:
		b.WriteString(": no change")
	}
	for _, c := range p.Changes {
		b.WriteString("\n  ")
		b.WriteString(c.String())
	}
	if p.Deploy {
		b.WriteString("\n  deploy: yes")
	}
	if p.Publish {
		b.WriteString("\n  publish: a new version")
	}
	if bp := p.Bind; bp != nil {
		fmt.Fprintf(&b, "\n  bind: %s, ", bp.TriggerID)
		if bp.AlreadyBound {
			b.WriteString("already bound ")
		}
		fmt.Fprintf(&b, "at position %d of %d", bp.Position+1, bp.Total)
		if bp.After != "" {
			fmt.Fprintf(&b, ", after %q", bp.After)
		} else {
			b.WriteString(", first")
		}
	}
	return b.String()
}

// String prints the change on one line, as in a Plan.
func (c Change) String() string {
	sign := map[ChangeOp]string{ChangeAdd: "+", ChangeRemove: "-", ChangeUpdate: "~"}[c.Op]
	if sign == "" {
		sign = "?"
	}
	what := changeNoun(c.Field)
	if c.Item != "" {
		what += " " + c.Item
	}
	s := sign + " " + what
	switch {
	case c.From != "" && c.To != "":
		s += ": " + c.From + " → " + c.To
	case c.To != "":
		s += ": " + c.To
	case c.From != "":
		s += ": " + c.From
	}
	if c.Note != "" {
		s += " (" + c.Note + ")"
	}
	return s
}

func changeNoun(field string) string {
	switch field {
	case "dependencies":
		return "dependency"
	case "secrets":
		return "secret"
	case "modules":
		return "module"
	case "supported_triggers":
		return "trigger"
	}
	return field
}

// codeChange describes a change of source code by its line counts.
func codeChange(from, to string) Change {
	if from == "" {
		return Change{Field: "code", Op: ChangeAdd, To: lines(to)}
	}
	added, removed := lineDelta(from, to)
	return Change{Field: "code", Op: ChangeUpdate, From: strconv.Itoa(countLines(from)),
		To: fmt.Sprintf("%s (+%d −%d)", lines(to), added, removed)}
}

func countLines(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(strings.TrimSuffix(s, "\n"), "\n") + 1
}

func lines(s string) string {
	if n := countLines(s); n != 1 {
		return strconv.Itoa(n) + " lines"
	}
	return "1 line"
}

// lineDelta counts the lines of to that from lacks, and the reverse, as
// multisets: a cheap stand-in for a diff, linear in the code's length.
func lineDelta(from, to string) (added, removed int) {
	count := map[string]int{}
	for l := range strings.SplitSeq(from, "\n") {
		count[l]++
	}
	for l := range strings.SplitSeq(to, "\n") {
		if count[l] > 0 {
			count[l]--
		} else {
			added++
		}
	}
	for _, n := range count {
		removed += n
	}
	return added, removed
}

// listDiff compares two lists of keyed items (dependencies, modules,
// triggers) as sets: items only in want are added, only in have removed,
// in both but not the same updated. Changes come in label order.
type listDiff[T any] struct {
	field string
	key   func(T) string          // identity
	label func(T) string          // the Item printed
	value func(T) string          // the value printed
	same  func(want, have T) bool // nil: equal values
}

func (d listDiff[T]) changes(want, have []T) []Change {
	var out []Change
	haveBy := map[string]T{}
	for _, h := range have {
		haveBy[d.key(h)] = h
	}
	wanted := map[string]bool{}
	for _, w := range want {
		k := d.key(w)
		wanted[k] = true
		h, ok := haveBy[k]
		switch {
		case !ok:
			out = append(out, Change{Field: d.field, Op: ChangeAdd, Item: d.label(w), To: d.value(w)})
		case d.same != nil && !d.same(w, h) || d.same == nil && d.value(w) != d.value(h):
			out = append(out, Change{Field: d.field, Op: ChangeUpdate, Item: d.label(w), From: d.value(h), To: d.value(w)})
		}
	}
	for _, h := range have {
		if !wanted[d.key(h)] {
			out = append(out, Change{Field: d.field, Op: ChangeRemove, Item: d.label(h), From: d.value(h)})
		}
	}
	slices.SortStableFunc(out, func(a, b Change) int { return cmp.Compare(a.Item, b.Item) })
	return out
}
