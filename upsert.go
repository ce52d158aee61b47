package auth0

import (
	"cmp"
	"slices"
)

// The steps Actions.Upsert and Modules.Upsert share, written once so that a
// fix to one rule reaches both, and the whole-set plans of package
// actionsync, which use the same rules through ActionUpsertParams.Diff and
// ModuleUpsertParams.Diff:
//
//   - the secrets rule (secretsPlan), on the create path too;
//   - the names of the secrets an object has (secretNames);
//   - the plan of one object from its field changes (objectPlan);
//   - the choice between New and Update, and the result's common fields
//     (UpsertResult.write).
//
// The secrets rule is documented once, in the package documentation (doc.go,
// "Secrets"); the other places point to it.

// UpsertResult is what Actions.Upsert and Modules.Upsert both report. It is
// embedded in ActionUpsertResult and ModuleUpsertResult.
type UpsertResult struct {
	// Created is true when the call created the action or module.
	Created bool
	// Updated is true when the call changed its draft.
	Updated bool
	// Plan lists the changes made (with DryRun, those that would be),
	// field by field; Plan.String() prints them.
	Plan Plan
}

// write carries out the create or update its plan says (or neither), and
// records which it did: create returns the new object's ID.
func (res *UpsertResult) write(create func() (id string, err error), update func() error) error {
	switch {
	case res.Plan.Create:
		id, err := create()
		if err != nil {
			return err
		}
		res.Created, res.Plan.ID = true, id
	case len(res.Plan.Changes) > 0:
		if err := update(); err != nil {
			return err
		}
		res.Updated = true
	}
	return nil
}

// upsertable is an action or a module as the tenant has it; nil when it
// does not exist yet.
type upsertable interface {
	upsertID() string
	secretNames() []string
}

func (a *Action) upsertID() string {
	if a == nil {
		return ""
	}
	return a.ID
}

func (a *Action) secretNames() []string {
	if a == nil {
		return nil
	}
	return secretNames(a.Secrets, func(s ActionSecret) string { return s.Name })
}

func (m *ActionModule) upsertID() string {
	if m == nil {
		return ""
	}
	return m.ID
}

func (m *ActionModule) secretNames() []string {
	if m == nil {
		return nil
	}
	return secretNames(m.Secrets, func(s ActionModuleSecret) string { return s.Name })
}

// objectPlan is the plan of one action or module against existing: fields
// are the changes of its fields other than secrets. It decides on secrets
// by the secrets rule (secretsPlan): send says whether the update must send
// want.
func objectPlan(kind ResourceKind, name string, existing upsertable, fields []Change, want []ActionSecretParam,
	prune, rotate bool) (plan Plan, send bool, err error) {
	id := existing.upsertID()
	plan = Plan{Kind: kind, Name: name, ID: id, Create: id == "", Changes: fields}
	send, secrets, err := secretsPlan(kind, name, want, existing.secretNames(), prune, rotate)
	if err != nil {
		return plan, false, err
	}
	plan.Changes = append(plan.Changes, secrets...)
	return plan, send, nil
}

// secretNames returns the names of an object's secrets.
func secretNames[S any](secrets []S, name func(S) string) []string {
	names := make([]string, len(secrets))
	for i, s := range secrets {
		names[i] = name(s)
	}
	return names
}

// secretsPlan is the secrets rule of the package documentation (Secrets):
// it decides whether an Upsert sends want, given the names the object has
// (nil for a create), and lists the changes for the plan.
func secretsPlan(kind ResourceKind, name string, want []ActionSecretParam, have []string, prune, rotate bool) (send bool, changes []Change, err error) {
	if want == nil {
		return false, nil, nil
	}
	wanted := make(map[string]bool, len(want))
	for _, s := range want {
		wanted[s.Name] = true
	}
	had := make(map[string]bool, len(have))
	var missing []string
	for _, h := range have {
		had[h] = true
		if !wanted[h] {
			missing = append(missing, h)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 && !prune {
		return false, nil, &SecretsWouldBeDeletedError{Kind: kind, Name: name, Secrets: missing}
	}
	for _, s := range want {
		switch {
		case !had[s.Name]:
			changes = append(changes, Change{Field: "secrets", Op: ChangeAdd, Item: s.Name})
		case rotate:
			changes = append(changes, Change{Field: "secrets", Op: ChangeUpdate, Item: s.Name, Note: "value re-sent (RotateSecrets)"})
		}
	}
	for _, m := range missing {
		changes = append(changes, Change{Field: "secrets", Op: ChangeRemove, Item: m, Note: "PruneSecrets"})
	}
	slices.SortStableFunc(changes, func(a, b Change) int { return cmp.Compare(a.Item, b.Item) })
	return len(changes) > 0, changes, nil
}
