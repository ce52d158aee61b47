package auth0test

import (
	"slices"
	"strings"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
)

// Builds and deploys: an action's draft is built after a create or update
// (at once, or after WithBuildAfterReads reads and WithBuildDelay), and a
// deploy turns the built draft (or, for a roll-back, an old version) into a
// new immutable version.

// startBuild puts the draft back to pending: a new draft, not yet built.
func (st *state) startBuild(a *action, now time.Time) {
	a.status = statusPending
	a.builtAt = time.Time{}
	a.buildStart = now
	a.reads = 0
	a.buildErrors = nil
	a.draftID = newUUID()
	a.allChangesDeployed = false
}

// advance moves a build along: it finishes once the configured reads and
// delay have passed; before that it shows "building" from the first read,
// or as soon as a build delay has begun.
func (st *state) advance(a *action) {
	if a.status != statusPending && a.status != statusBuilding {
		return
	}
	now := st.now()
	if st.buildReady(a, now) {
		if errs := st.buildFailure(a); errs != nil {
			a.status = statusFailed
			a.buildErrors = errs
			a.deployOnBuild = false
			return
		}
		a.status = statusBuilt
		a.builtAt = now
		if a.deployOnBuild {
			a.deployOnBuild = false
			st.deploy(a, a.content, a.builtAt, now)
		}
		return
	}
	if a.reads > 0 || st.cfg.buildDelay > 0 && now.After(a.buildStart) {
		a.status = statusBuilding
	}
}

// buildReady reports whether the configured reads and delay have passed.
func (st *state) buildReady(a *action, now time.Time) bool {
	return a.reads >= st.cfg.buildAfterReads && !now.Before(a.buildStart.Add(st.cfg.buildDelay))
}

func (st *state) buildFailure(a *action) []auth0.ActionError {
	if errs, ok := st.failBuilds[a.name]; ok {
		return slices.Clone(errs)
	}
	if strings.Contains(a.code, FailBuildMarker) {
		return []auth0.ActionError{{ID: "err_build", Msg: "Build failed: the code contains " + FailBuildMarker}}
	}
	return nil
}

// deploy makes a new version from c, built at builtAt, and deploys it.
func (st *state) deploy(a *action, c content, builtAt, now time.Time) *version {
	if builtAt.IsZero() {
		builtAt = now
	}
	number := 1
	if n := len(a.versions); n > 0 {
		number = a.versions[n-1].number + 1
	}
	v := &version{id: newUUID(), number: number, content: c.clone(), status: statusBuilt,
		builtAt: builtAt, createdAt: now, updatedAt: now}
	a.versions = append(a.versions, v)
	a.deployed = v
	a.deployedAt = now
	a.allChangesDeployed = a.status == statusBuilt && a.content.equal(v.content)
	return v
}
