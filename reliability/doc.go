// Package reliability holds the SDK's reliability and security suite. It has
// no code of its own: its tests drive an auth0.Client against loopback
// servers that misbehave on purpose and check what the client does.
//
//   - Fault injection: 429s with and without rate-limit headers, 5xx on safe
//     and unsafe calls, connections reset before the response, mid-headers
//     and mid-body, refused connections, TLS handshake failures, unresolvable
//     hosts, broken and oversized bodies, redirects, slow servers, deadlines
//     and token endpoint failures.
//   - Hostile input from callers: IDs, page sizes, params (module params too
//     long, with NUL or with invalid UTF-8), domains and base URLs that must
//     be refused, or escaped so that they cannot reach another endpoint or
//     another host; valid but hostile module strings must arrive intact.
//   - Secret hygiene: everything the client can emit (debug logs, error
//     strings, dumps, wrapped errors) is scanned for the bearer token, the
//     client secret and action and module secret values.
//   - Concurrency: one client shared by 64 goroutines making 10,000 mixed
//     calls against a server that injects faults.
//   - Whole-set applies (package actionsync), on the fake of package
//     auth0test behind a front server that fails one chosen request: a
//     fault at every write step of a mixed apply (5xx before and after the
//     server acted, a connection dropped after it acted, 429, a context
//     cancelled in flight), after which a fresh plan and apply must
//     converge without a duplicate or a write redone; a writer acting
//     between plan and apply (a *StalePlanError, nothing written); and
//     each protection of Prune.
//
// Every scenario also checks that it left no goroutine behind (goroutines
// are attributed to the scenario that started them with pprof labels, so the
// check works while scenarios run in parallel) and that every response body
// was closed. A server that is reached by a host the scenario did not name
// fails the scenario: the test dialer refuses every address that is not
// loopback.
//
// The figures of docs/RELIABILITY.md come from this suite:
//
//	RELIABILITY_REPORT=../docs/RELIABILITY.md go test -race -count=1 ./reliability/
//
// rewrites the table between the report markers of that file. Tests of
// known SDK bugs are skipped with "BUG: ..."; RELIABILITY_BUGS=1 runs them.
package reliability
