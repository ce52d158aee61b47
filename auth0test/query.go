package auth0test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// param is a query or path parameter an operation declares: its name,
// its type in Auth0's document ("string", "integer" or "boolean"), its
// enum, and for integers the bounds the live API enforces (not in the
// document).
type param struct {
	name     string
	typ      string
	enum     []string
	min, max int // integers; max 0: none
}

func strParam(name string) param  { return param{name: name, typ: "string"} }
func boolParam(name string) param { return param{name: name, typ: "boolean"} }

var (
	triggerIDParam = param{name: "triggerId", typ: "string", enum: triggerIDs()}
	pageParam      = param{name: "page", typ: "integer"}
	perPageParam   = param{name: "per_page", typ: "integer", min: 1, max: 100}
	paging         = []param{pageParam, perPageParam}
)

func badQuery(msg, param string) *apiError {
	return &apiError{status: http.StatusBadRequest, message: (&verr{msg, param}).message("Query"), code: "invalid_query_string"}
}

// checkQuery refuses query parameters the operation does not take, and
// values of the wrong type, out of bounds or not in the enum.
func checkQuery(q url.Values, declared []param) *apiError {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.ContainsFunc(declared, func(p param) bool { return p.name == k }) {
			return badQuery("Additional properties not allowed: "+k, "")
		}
	}
	for _, p := range declared {
		vs, ok := q[p.name]
		if !ok {
			continue
		}
		if len(vs) > 1 {
			return badQuery("Expected type "+p.typ+" but found type array", p.name)
		}
		if e := p.check(vs[0]); e != nil {
			return e
		}
	}
	return nil
}

func (p param) check(s string) *apiError {
	switch p.typ {
	case "boolean":
		if s != "true" && s != "false" {
			return badQuery("Expected type boolean but found type string", p.name)
		}
	case "integer":
		n, err := strconv.Atoi(s)
		if err != nil {
			return badQuery("Expected type integer but found type string", p.name)
		}
		if n < p.min {
			return badQuery(fmt.Sprintf("Value %d is less than minimum %d", n, p.min), p.name)
		}
		if p.max > 0 && n > p.max {
			return badQuery(fmt.Sprintf("Value %d is greater than maximum %d", n, p.max), p.name)
		}
	default:
		if len(p.enum) > 0 && !slices.Contains(p.enum, s) {
			return badQuery(fmt.Sprintf("No enum match for: %q", s), p.name)
		}
	}
	return nil
}

// query reads a validated query string.
type query url.Values

func (q query) str(name string) *string {
	vs, ok := q[name]
	if !ok {
		return nil
	}
	return &vs[0]
}

func (q query) boolean(name string) *bool {
	s := q.str(name)
	if s == nil {
		return nil
	}
	b := *s == "true"
	return &b
}

// integer returns the parameter, or def when it is absent.
func (q query) integer(name string, def int) int {
	s := q.str(name)
	if s == nil {
		return def
	}
	n, _ := strconv.Atoi(*s)
	return n
}

// page is the bounds of one page of n items, and the list envelope.
type page struct {
	lo, hi int
	env    map[string]any
}

// actionsPage pages a list as the action lists do live: 20 items by
// default; "page" left out when 0; "total" only on page 0 and only when
// there is something to count. The module's actions list does the same.
func actionsPage(q query, n int) page {
	perPage, p := q.integer("per_page", 20), q.integer("page", 0)
	lo, hi := bounds(p, perPage, n)
	env := map[string]any{"per_page": perPage}
	if p > 0 {
		env["page"] = p
	} else if n > 0 {
		env["total"] = n
	}
	return page{lo, hi, env}
}

// modulesPage pages a list as the module and module-version lists do live:
// total, page and per_page always sent, total 0 on a page past the end.
// Without per_page, allWithout true turns paging off (the module list).
func modulesPage(q query, n int, allWithout bool) page {
	if allWithout && q.str("per_page") == nil {
		return page{0, n, map[string]any{"total": n}}
	}
	perPage, p := q.integer("per_page", 20), q.integer("page", 0)
	lo, hi := bounds(p, perPage, n)
	total := n
	if lo == hi {
		total = 0
	}
	return page{lo, hi, map[string]any{"total": total, "page": p, "per_page": perPage}}
}

func bounds(p, perPage, n int) (lo, hi int) {
	if p > n/perPage {
		return n, n
	}
	lo = p * perPage
	return lo, min(lo+perPage, n)
}
