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
// delay have passed; before that it shows "building" (or the statuses of
// WithBuildStatuses, one per read) from the first read, or as soon as a
// build delay has begun.
func (st *state) advance(a *action) {
	if !running(a.status) {
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
		a.status = st.runningStatus(a.reads)
	}
}

// running reports whether a build with this status has not finished.
func running(status string) bool {
	switch status {
	case statusPending, statusBuilding, statusPackaged, statusRetrying:
		return true
	}
	return false
}

// runningStatus is what a running build shows at its nth read (0 before
// the first): "building", or the nth of WithBuildStatuses, the last one
// repeating.
func (st *state) runningStatus(reads int) string {
	ss := st.cfg.buildStatuses
	if len(ss) == 0 {
		return statusBuilding
	}
	return ss[min(max(reads-1, 0), len(ss)-1)]
}

// buildReady reports whether the configured reads and delay have passed.
// WithBuildStatuses needs a read for each status and one more.
func (st *state) buildReady(a *action, now time.Time) bool {
	reads := st.cfg.buildAfterReads
	if n := len(st.cfg.buildStatuses); n > 0 {
		reads = max(reads, n+1)
	}
	return a.reads >= reads && !now.Before(a.buildStart.Add(st.cfg.buildDelay))
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
