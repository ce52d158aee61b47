package auth0

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"sync"

	"github.com/google/go-querystring/query"

	"github.com/actions-sdk/auth0-go/internal/jsondec"
	"github.com/actions-sdk/auth0-go/internal/rawjson"
	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

// DefaultPerPage is the page size the SDK asks for when params don't set one.
const DefaultPerPage = 50

// MaxPerPage is the largest page size the API serves.
const MaxPerPage = 100

// PageNumberPage is one page of a list endpoint (actions, versions,
// bindings, modules and their versions and actions). Pages are numbered
// from 0.
//
// The API leaves "page" out when it is 0 and sometimes leaves "total" out
// after the first page, so HasNextPage goes by the page's length: a page
// shorter than PerPage (or empty) is the last one.
type PageNumberPage[T any] struct {
	// Items are the page's items, in the server's order.
	Items []T
	// Total is the server's count, when it sent one; it may be missing
	// (zero) after the first page, so don't use it to stop paging.
	Total int
	// Page is the page's 0-based index.
	Page int
	// PerPage is the page size the server used.
	PerPage int

	pager *pager[T]
	opts  []option.RequestOption
	// sentPage is true when the server stated the page number.
	sentPage bool
	raw      rawjson.Ref
}

// HasNextPage reports whether another page may follow: this one is full.
func (p *PageNumberPage[T]) HasNextPage() bool {
	return p != nil && len(p.Items) > 0 && p.PerPage > 0 && len(p.Items) >= p.PerPage
}

// GetNextPage fetches the page after this one with ctx and the options of
// the call that fetched this page (then opts). It returns nil and no error
// when there is no next page, and ErrPageRepeated when the server answers
// with this page again.
func (p *PageNumberPage[T]) GetNextPage(ctx context.Context, opts ...option.RequestOption) (*PageNumberPage[T], error) {
	if !p.HasNextPage() || p.pager == nil {
		return nil, nil
	}
	callOpts := p.opts
	if len(opts) > 0 {
		callOpts = append(callOpts[:len(callOpts):len(callOpts)], opts...)
	}
	next, err := p.pager.fetch(ctx, p.Page+1, callOpts)
	if err != nil {
		return nil, err
	}
	if err := checkRepeat(p, next); err != nil {
		return nil, err
	}
	return next, nil
}

// RawJSON returns the JSON of the whole page, envelope included.
func (p *PageNumberPage[T]) RawJSON() json.RawMessage { return p.raw.Bytes() }

// Format prints the page as fmt prints a struct, with only its exported
// fields (Items, Total, Page, PerPage).
func (p PageNumberPage[T]) Format(f fmt.State, verb rune) { formatFields(f, verb, p) }

// keyed is implemented by items with an ID, for spotting a repeated page.
type keyed interface{ pageKey() string }

func checkRepeat[T any](prev, next *PageNumberPage[T]) error {
	if next.sentPage && next.Page != prev.Page+1 {
		return fmt.Errorf("%w: asked for page %d, got page %d", ErrPageRepeated, prev.Page+1, next.Page)
	}
	if len(prev.Items) == 0 || len(next.Items) == 0 {
		return nil
	}
	a, okA := any(&prev.Items[0]).(keyed)
	b, okB := any(&next.Items[0]).(keyed)
	if okA && okB && a.pageKey() != "" && a.pageKey() == b.pageKey() {
		return fmt.Errorf("%w: page %d starts with the same item (%s) as page %d", ErrPageRepeated, prev.Page+1, b.pageKey(), prev.Page)
	}
	return nil
}

// pager knows how to fetch any page of one list call.
type pager[T any] struct {
	opts    []option.RequestOption
	path    requestconfig.Endpoint
	pathErr error
	key     string
	query   url.Values
	perPage int
	start   int
	err     error
}

func newPager[T any](opts []option.RequestOption, path requestconfig.Endpoint, pathErr error, key string, perPage, page *int, params any) *pager[T] {
	p := &pager[T]{opts: opts, path: path, pathErr: pathErr, key: key, perPage: DefaultPerPage}
	if pathErr != nil {
		p.err = pathErr
		return p
	}
	if v, ok := params.(interface{ Validate() error }); ok {
		if p.err = v.Validate(); p.err != nil {
			return p
		}
	}
	if perPage != nil {
		p.perPage = *perPage
	}
	if page != nil {
		p.start = *page
	}
	q, err := query.Values(params)
	if err != nil {
		p.err = fmt.Errorf("auth0: encoding %T as a query string: %w", params, err)
		return p
	}
	p.query = q
	return p
}

func validatePage(name string, page, perPage *int) error {
	if page != nil && *page < 0 {
		return fmt.Errorf("auth0: %s.Page is %d; pages are numbered from 0", name, *page)
	}
	if perPage != nil && (*perPage < 1 || *perPage > MaxPerPage) {
		return fmt.Errorf("auth0: %s.PerPage is %d; it must be between 1 and %d", name, *perPage, MaxPerPage)
	}
	return nil
}

// listEnvelope is the body of every list endpoint; only one of the item
// keys is present. It decodes itself (UnmarshalJSONFrom) so that it can
// note where each item of the pager's key is in the body, for the items'
// RawJSON, and size the items for a full page at once.
type listEnvelope[T any] struct {
	Total    *wireInt `json:"total"`
	Page     *wireInt `json:"page"`
	PerPage  *wireInt `json:"per_page"`
	Actions  []T      `json:"actions"`
	Versions []T      `json:"versions"`
	Bindings []T      `json:"bindings"`
	Modules  []T      `json:"modules"`

	key   string     // the items' key
	size  int        // the expected number of items
	spans [][2]int64 // where each item of key is in the body
}

var envelopeNames = []string{"total", "page", "per_page", "actions", "versions", "bindings", "modules"}

// UnmarshalJSONFrom decodes the envelope from dec, field by field as
// encoding/json would (names matched exactly, then ignoring case; a
// repeated name wins), keeping the spans of the key's items.
func (e *listEnvelope[T]) UnmarshalJSONFrom(dec *jsondec.Decoder) error {
	return jsondec.Object(dec, reflect.TypeFor[PageNumberPage[T]](), func(name []byte) error {
		i := jsondec.Match(name, envelopeNames...)
		switch i {
		case 0:
			return jsondec.Decode(dec, &e.Total)
		case 1:
			return jsondec.Decode(dec, &e.Page)
		case 2:
			return jsondec.Decode(dec, &e.PerPage)
		case -1:
			return dec.SkipValue()
		}
		items := e.items(envelopeNames[i])
		if envelopeNames[i] != e.key {
			return jsondec.Decode(dec, items)
		}
		if *items == nil && e.size > 0 {
			*items = make([]T, 0, e.size)
		}
		return jsondec.Items(dec, items, &e.spans)
	})
}

func (e *listEnvelope[T]) items(key string) *[]T {
	switch key {
	case "actions":
		return &e.Actions
	case "versions":
		return &e.Versions
	case "bindings":
		return &e.Bindings
	default:
		return &e.Modules
	}
}

// wireInt decodes a JSON number that Auth0's schema types as "number" but
// that is always integral (1 or 1.0).
type wireInt int

// UnmarshalJSONFrom decodes an integral JSON number, such as 1 or 1.0.
func (n *wireInt) UnmarshalJSONFrom(dec *jsondec.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	if v.Kind() == 'n' {
		return nil // null leaves it unset, as encoding/json does
	}
	if i, err := strconv.Atoi(string(v)); err == nil {
		*n = wireInt(i)
		return nil
	}
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil || f != float64(int(f)) {
		// No "auth0: " prefix: it reaches the caller inside the decoding
		// error of the call, which has one.
		return jsondec.ValueError(v, reflect.TypeFor[int](), fmt.Errorf("%s is not an integer", v))
	}
	*n = wireInt(f)
	return nil
}

// itemsBody decodes a response that is an object holding one list of
// items (the trigger list, a bindings update) on the fast path (jsondec),
// and points the response and each item at their bytes for RawJSON. It is
// unexported, so that the decoder's type stays out of the public API.
type itemsBody[T any] struct {
	key    string       // the list's key, such as "triggers"
	goType reflect.Type // the response type, named in decoding errors
	items  *[]T         // the response's list
	raw    *rawjson.Ref // the response's own reference
	spans  [][2]int64   // where each item is in the body
}

// UnmarshalJSONFrom is encoding/json/v2's decoding interface.
func (b *itemsBody[T]) UnmarshalJSONFrom(dec *jsondec.Decoder) error {
	return jsondec.Object(dec, b.goType, func(name []byte) error {
		if jsondec.Match(name, b.key) == 0 {
			return jsondec.Items(dec, b.items, &b.spans)
		}
		return dec.SkipValue()
	})
}

func (b *itemsBody[T]) setRef(r rawjson.Ref) {
	*b.raw = r
	bindItems(*b.items, r, b.spans)
}

// bindItems points each item at its span of the document doc.
func bindItems[T any](items []T, doc rawjson.Ref, spans [][2]int64) {
	if len(spans) != len(items) {
		return
	}
	for i := range items {
		if r, ok := any(&items[i]).(rawSetter); ok {
			r.setRef(doc.Span(spans[i][0], spans[i][1]))
		}
	}
}

func (p *pager[T]) first(ctx context.Context, opts []option.RequestOption) (*PageNumberPage[T], error) {
	return p.fetch(ctx, p.start, opts)
}

func (p *pager[T]) fetch(ctx context.Context, n int, opts []option.RequestOption) (*PageNumberPage[T], error) {
	if p.err != nil {
		return nil, p.err
	}
	// Execute checks ctx before sending, so no request for the next page
	// reaches the transport (and the caller's middlewares) once the caller
	// has given up; its error names the page's URL like every other error.
	q := make(url.Values, len(p.query)+2)
	for k, v := range p.query {
		q[k] = v
	}
	q.Set("page", strconv.Itoa(n))
	q.Set("per_page", strconv.Itoa(p.perPage))
	env := listEnvelope[T]{key: p.key, size: p.perPage}
	call := requestconfig.Call{Method: http.MethodGet, Path: p.path, Params: q, Result: &env}
	body, err := requestconfig.Execute(ctx, &call, p.opts, opts)
	if err != nil {
		return nil, publicError(err)
	}
	page := &PageNumberPage[T]{Page: n, PerPage: p.perPage, pager: p, opts: opts, raw: rawjson.Whole(body)}
	page.Items = *env.items(p.key)
	if env.Total != nil {
		page.Total = int(*env.Total)
	}
	if env.Page != nil {
		page.Page, page.sentPage = int(*env.Page), true
	}
	if env.PerPage != nil && *env.PerPage > 0 {
		page.PerPage = int(*env.PerPage)
	}
	bindItems(page.Items, page.raw, env.spans)
	return page, nil
}

// PageNumberPageAutoPager goes through every item of a list, page by page.
// Use it with range-over-func:
//
//	for action, err := range client.Actions.ListAutoPaging(ctx, params).All() {
//		if err != nil {
//			return err
//		}
//		fmt.Println(action.Name)
//	}
//
// or, as in other Go SDKs, with Next, Current and Err. Every page is fetched
// with the ctx given to ListAutoPaging.
type PageNumberPageAutoPager[T any] struct {
	ctx   context.Context
	pager *pager[T]
	opts  []option.RequestOption

	stream *pageStream[T]
	page   *PageNumberPage[T]
	idx    int
	index  int
	cur    T
	err    error
	done   bool
}

func (p *pager[T]) autoPager(ctx context.Context, opts []option.RequestOption) *PageNumberPageAutoPager[T] {
	return &PageNumberPageAutoPager[T]{ctx: ctx, pager: p, opts: opts, index: -1}
}

// Next advances to the next item, fetching the next page when needed. It
// returns false at the end or on an error (see Err).
func (a *PageNumberPageAutoPager[T]) Next() bool {
	if a.done {
		return false
	}
	if a.stream == nil {
		a.stream = a.pager.stream(a.ctx, a.opts)
	}
	for a.page == nil || a.idx >= len(a.page.Items) {
		page, err := a.stream.next()
		if err != nil || page == nil {
			a.err = err
			a.done = true
			a.page = nil
			a.stream.close()
			var zero T
			a.cur = zero
			return false
		}
		a.page, a.idx = page, 0
	}
	a.cur = a.page.Items[a.idx]
	a.idx++
	a.index++
	return true
}

// Current returns the item Next moved to.
func (a *PageNumberPageAutoPager[T]) Current() T { return a.cur }

// Err returns the error that stopped Next, if any.
func (a *PageNumberPageAutoPager[T]) Err() error { return a.err }

// Index returns the 0-based position of the current item across all pages
// (-1 before the first call to Next).
func (a *PageNumberPageAutoPager[T]) Index() int { return a.index }

// All returns an iterator over every item, for range-over-func. Each range
// starts again from the params' page with fresh requests; an error is
// yielded once, with a zero item, and ends the range; break stops cleanly,
// cancelling any page fetched ahead. It is independent of Next.
func (a *PageNumberPageAutoPager[T]) All() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		s := a.pager.stream(a.ctx, a.opts)
		defer s.close()
		for {
			page, err := s.next()
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			if page == nil {
				return
			}
			for _, item := range page.Items {
				if !yield(item, nil) {
					return
				}
			}
		}
	}
}

// pageStream hands out the pages of a list in order. Without prefetch it
// fetches each page when asked; with prefetch n it keeps up to n fetches
// ahead in flight, so that no more than n+1 pages are held at once.
type pageStream[T any] struct {
	p    *pager[T]
	ctx  context.Context
	opts []option.RequestOption

	nextPage int // the page the next call to next returns
	prev     *PageNumberPage[T]
	finished bool

	// prefetch state
	prefetch int
	cancel   context.CancelFunc
	queue    []chan pageResult[T]
	launched int // the next page to launch
	// lastPage is the last page worth fetching ahead, from the server's
	// total (-1 while unknown). It only trims the prefetch window, so that
	// a rate-limited tenant's tokens aren't spent on pages past the end;
	// pages are still fetched until a short one, whatever total says.
	lastPage int
	wg       sync.WaitGroup
}

type pageResult[T any] struct {
	page *PageNumberPage[T]
	err  error
}

func (p *pager[T]) stream(ctx context.Context, opts []option.RequestOption) *pageStream[T] {
	s := &pageStream[T]{p: p, ctx: ctx, opts: opts, nextPage: p.start}
	if p.err != nil || ctx == nil {
		return s
	}
	if cfg, err := requestconfig.Resolve(p.opts, opts); err == nil && cfg.Prefetch > 0 {
		s.prefetch = cfg.Prefetch
		s.ctx, s.cancel = context.WithCancel(ctx)
		s.launched = p.start
		s.lastPage = -1
	}
	return s
}

// next returns the next page, or nil at the end.
func (s *pageStream[T]) next() (*PageNumberPage[T], error) {
	if s.finished {
		return nil, nil
	}
	if s.prev != nil && !s.prev.HasNextPage() {
		s.finish()
		return nil, nil
	}
	var page *PageNumberPage[T]
	var err error
	if s.prefetch > 0 {
		page, err = s.nextPrefetched()
	} else {
		page, err = s.p.fetch(s.ctx, s.nextPage, s.opts)
	}
	if err == nil && s.prev != nil {
		err = checkRepeat(s.prev, page)
	}
	if err != nil {
		s.finish()
		return nil, err
	}
	s.nextPage++
	s.prev = page
	if len(page.Items) == 0 {
		s.finish()
		return nil, nil
	}
	return page, nil
}

func (s *pageStream[T]) nextPrefetched() (*PageNumberPage[T], error) {
	for len(s.queue) == 0 || s.launched <= s.nextPage+s.prefetch-1 && s.worthLaunching() {
		s.launch()
	}
	ch := s.queue[0]
	s.queue = s.queue[1:]
	// The fetch ends promptly once s.ctx is done, with an error that names
	// its page's URL (finish waits for every fetch in flight anyway).
	r := <-ch
	if r.err == nil && r.page.Total > 0 && r.page.PerPage > 0 && s.lastPage < 0 {
		// A page of total/per_page is short or empty: the end.
		s.lastPage = r.page.Total / r.page.PerPage
	}
	if r.err == nil && r.page.HasNextPage() && s.worthLaunching() {
		// Keep the window full: one more page ahead.
		s.launch()
	}
	return r.page, r.err
}

func (s *pageStream[T]) worthLaunching() bool { return s.lastPage < 0 || s.launched <= s.lastPage }

func (s *pageStream[T]) launch() {
	n := s.launched
	s.launched++
	ch := make(chan pageResult[T], 1)
	s.queue = append(s.queue, ch)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		page, err := s.p.fetch(s.ctx, n, s.opts)
		ch <- pageResult[T]{page, err}
	}()
}

func (s *pageStream[T]) finish() {
	s.finished = true
	s.prev = nil
	s.close()
}

// close cancels fetches still in flight and waits for them to end.
func (s *pageStream[T]) close() {
	if s.cancel != nil {
		s.cancel()
		s.wg.Wait()
		s.queue = nil
	}
}
