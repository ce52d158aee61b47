# One command runs every check CI runs: `make test`.
# It needs only Go (and, for the contract suite, Node.js with npm); every
# tool is installed, pinned, into ./.tools by the targets below.

SHELL := /bin/bash
GO ?= go
STATICCHECK_VERSION := v0.8.2
BENCHSTAT_VERSION := v0.0.0-20260908200009-22c9c6c9d4da
BENCHSTAT = $(TOOLS)/bin/benchstat
TOOLS := $(CURDIR)/.tools
STATICCHECK := $(TOOLS)/bin/staticcheck

# golangci-lint, configured by .golangci.yml. Bump: change the version; the
# binary's folder is named after it, so the next `make lint` builds it.
GOLANGCI_LINT_VERSION := v2.15.0
GOLANGCI_LINT := $(TOOLS)/golangci-lint-$(GOLANGCI_LINT_VERSION)/golangci-lint

# govulncheck checks the code against a pinned copy of the Go vulnerability
# database: the OSV files of the golang.org/x/vulndb module, fetched through
# the Go module proxy (CI reaches no other host), which govulncheck reads
# with -db file://<folder> and indexes itself. Bump the database: set
# VULNDB_VERSION to a newer pseudo-version of golang.org/x/vulndb, e.g. the
# one `go list -m -json golang.org/x/vulndb@master` prints (its Version),
# run `make vuln`, and fix or upgrade what it reports.
GOVULNCHECK_VERSION := v1.9.0
VULNDB_VERSION := v0.0.0-20261105234957-e22db6528018
# The Go whose standard library govulncheck judges, and which builds it (a
# govulncheck built by an older Go cannot load a newer standard library).
# The SDK's users build it with their own Go; the scan uses a patched one so
# that it reports the SDK's own code and dependencies. The machine's go1.26.8
# would add 16 standard-library findings, fixed in go1.26.9 and go1.26.10:
# upgrade your Go. The go command fetches this toolchain from the module
# proxy (about 76 MB, once).
VULN_GO := go1.27.3
GOVULNCHECK := $(TOOLS)/govulncheck-$(GOVULNCHECK_VERSION)-$(VULN_GO)/govulncheck
VULNDB_DIR = $(shell $(GO) mod download -json golang.org/x/vulndb@$(VULNDB_VERSION) | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$$/\1/p')
PRISM := $(CURDIR)/tools/prism/node_modules/.bin/prism
# Auth0's Deploy CLI (auth0-deploy-cli), pinned in tools/deploycli, for the
# interop test. Bump: change the exact version in tools/deploycli/package.json
# and run `cd tools/deploycli && npm install` to rewrite the lock file.
DEPLOYCLI := $(CURDIR)/tools/deploycli/node_modules/.bin/a0deploy

.PHONY: test fmt-check vet api api-check staticcheck lint vuln unit contract interop otel-example bench-smoke bench prism deploycli tools clean

test: fmt-check vet api-check staticcheck lint vuln unit contract interop otel-example bench-smoke

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.tools/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# The exported API of the public packages (internal/cmd/apidump), one line
# per declaration. api-check fails when the code and api/exported.txt
# differ, so that the API cannot change by accident: `make api` rewrites
# the file for a change that is meant.
API_FILE := api/exported.txt

api:
	$(GO) run ./internal/cmd/apidump -w $(API_FILE)

api-check:
	@tmp=$$(mktemp) && trap 'rm -f "$$tmp"' EXIT && \
	$(GO) run ./internal/cmd/apidump -w "$$tmp" && \
	if ! cmp -s $(API_FILE) "$$tmp"; then \
		echo "the exported API changed: if intended, run \`make api\`, commit $(API_FILE) and add a CHANGELOG line"; \
		LC_ALL=C comm -13 <(LC_ALL=C sort $(API_FILE)) <(LC_ALL=C sort "$$tmp") | sed 's/^/+ /'; \
		LC_ALL=C comm -23 <(LC_ALL=C sort $(API_FILE)) <(LC_ALL=C sort "$$tmp") | sed 's/^/- /'; \
		exit 1; \
	fi

$(STATICCHECK):
	GOBIN=$(TOOLS)/bin $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

staticcheck: $(STATICCHECK)
	$(STATICCHECK) ./...

$(GOLANGCI_LINT):
	GOBIN=$(dir $@) $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)

# golangci-lint on the SDK and on examples/otel (its own module).
lint: $(GOLANGCI_LINT)
	$(GOLANGCI_LINT) run ./...
	cd examples/otel && $(GOLANGCI_LINT) run --config $(CURDIR)/.golangci.yml ./...

$(GOVULNCHECK):
	GOTOOLCHAIN=$(VULN_GO) GOBIN=$(dir $@) $(GO) install golang.org/x/vuln/cmd/govulncheck@$(GOVULNCHECK_VERSION)

# govulncheck on the SDK and on examples/otel, offline but for the module
# proxy: -db is the pinned database's folder of OSV files.
vuln: $(GOVULNCHECK)
	@db="$(VULNDB_DIR)"; test -d "$$db/data/osv" || { echo "golang.org/x/vulndb@$(VULNDB_VERSION) has no data/osv"; exit 1; }; \
	set -x; \
	GOTOOLCHAIN=$(VULN_GO) $(GOVULNCHECK) -db "file://$$db/data/osv" ./... && \
	GOTOOLCHAIN=$(VULN_GO) $(GOVULNCHECK) -db "file://$$db/data/osv" -C examples/otel ./...

# The contract suite and the interop test run once, in their own targets
# (they start Prism and Auth0's Deploy CLI).
unit:
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v -e /contracttest -e /interop)

$(PRISM): tools/prism/package.json tools/prism/package-lock.json
	cd tools/prism && npm ci --no-audit --no-fund --loglevel=error
	@touch $(PRISM)

prism: $(PRISM)

# The contract suite runs the SDK against Stoplight Prism serving Auth0's
# OpenAPI document. With CI=true it must run (it fails rather than skips).
contract: $(PRISM)
	PRISM_BIN=$(PRISM) $(GO) test -count=1 -run 'Contract' ./contracttest/...

$(DEPLOYCLI): tools/deploycli/package.json tools/deploycli/package-lock.json
	cd tools/deploycli && npm ci --no-audit --no-fund --loglevel=error
	@touch $(DEPLOYCLI)

deploycli: $(DEPLOYCLI)

# The interop test runs Auth0's Deploy CLI against auth0test over HTTPS: an
# import of the Deploy CLI's own example, an export, a second import; and an
# import of files actionsync.WriteDir wrote, whose directory and YAML
# exports load with LoadDir and LoadYAML and plan no change (about 45 s, most
# of it the Deploy CLI's start-up). With CI=true it must run (it fails
# rather than skips).
interop: $(DEPLOYCLI)
	DEPLOYCLI_BIN=$(DEPLOYCLI) $(GO) test -race -count=1 -v ./interop/...

# The OpenTelemetry example (examples/otel) is its own module, so that the
# SDK's go.mod does not gain OpenTelemetry; ./... above does not reach it.
# Vet, staticcheck and test it, then run it (it prints its spans).
otel-example: $(STATICCHECK)
	cd examples/otel && $(GO) vet ./... && $(STATICCHECK) ./... && $(GO) test -race -count=1 ./... && $(GO) run .

# Every benchmark once, so they compile and run in CI without timing anything:
# the SDK's, then the side-by-side module's (benchmarks/compare, a module of
# its own so that the SDK's go.mod does not gain Auth0's Go SDK), vetted too.
# interop's benchmarks run auth0-actions beside the pinned Deploy CLI (with
# CI=true they fail rather than skip without it): about 40 s more, most of
# it the Deploy CLI's start-up.
bench-smoke: $(DEPLOYCLI)
	DEPLOYCLI_BIN=$(DEPLOYCLI) $(GO) test -short -run '^$$' -bench . -benchtime=1x ./...
	cd benchmarks/compare && $(GO) vet ./... && $(GO) test -run '^$$' -bench . -benchtime=1x ./...

$(BENCHSTAT):
	GOBIN=$(TOOLS)/bin $(GO) install golang.org/x/perf/cmd/benchstat@$(BENCHSTAT_VERSION)

# The figures of docs/PERFORMANCE.md: the SDK side by side with Auth0's Go
# SDK and a hand-written net/http + encoding/json baseline in one run, the
# JSON decoders on one page, per-call overhead and batch listing, each
# compared by benchstat; then whole-set deploys, and auth0-actions beside
# Auth0's Deploy CLI. Takes about half an hour; run it on a quiet machine.
bench: $(BENCHSTAT) $(DEPLOYCLI)
	mkdir -p .bench
	cd benchmarks/compare && $(GO) test -c -o ../../.bench/compare.test .
	rm -f .bench/compare.txt .bench/decoders.txt
	# Ten rounds, each running every implementation once, so that the
	# machine's drift hits all of them alike (-count 10 would run one
	# implementation ten times, then the next).
	for i in 1 2 3 4 5 6 7 8 9 10; do \
		.bench/compare.test -test.run '^$$' -test.bench 'GetAction|ListActions100' -test.benchmem | tee -a .bench/compare.txt; \
		.bench/compare.test -test.run '^$$' -test.bench 'DecodePage' -test.benchmem | tee -a .bench/decoders.txt; \
	done
	$(BENCHSTAT) -col /impl .bench/compare.txt | tee .bench/compare.benchstat
	$(BENCHSTAT) -col /decoder .bench/decoders.txt | tee .bench/decoders.benchstat
	$(GO) test -run '^$$' -bench 'GetAction|ListActions100|ListVersions100|UpdateBindings' -benchmem -count 10 ./benchmarks/ | tee .bench/overhead.txt
	$(BENCHSTAT) -col /impl .bench/overhead.txt | tee .bench/overhead.benchstat
	$(GO) test -run '^$$' -bench 'ListAll10kLatency20ms' -benchmem -benchtime 1x -count 10 ./benchmarks/ | tee .bench/batch.txt
	$(GO) test -run '^$$' -bench 'ListAll10kRateLimited|ListAllMemory' -benchmem -benchtime 1x -count 3 ./benchmarks/ | tee -a .bench/batch.txt
	$(BENCHSTAT) .bench/batch.txt | tee .bench/batch.benchstat
	# Whole-set deploys: actionsync and a loop of the per-object helpers on
	# the fake with a 1 s build delay (about five minutes).
	$(GO) test -run '^$$' -bench 'FirstApply|Change20|SecondApply|PlanReads' -benchmem -benchtime 1x -count 6 ./benchmarks/ | tee .bench/actionsync.txt
	$(BENCHSTAT) -col /impl .bench/actionsync.txt | tee .bench/actionsync.benchstat
	# auth0-actions against Auth0's Deploy CLI (issue 21): the same files, the
	# same HTTPS fake with 1 s builds, five rounds each running every
	# implementation once (about eight minutes, most of it the Deploy CLI's).
	$(GO) test -c -o .bench/interop.test ./interop/
	rm -f .bench/deploycli.txt
	set -o pipefail; for i in 1 2 3 4 5; do \
		(cd interop && DEPLOYCLI_BIN=$(DEPLOYCLI) ../.bench/interop.test -test.run '^$$' -test.bench 'DeployCLI' -test.benchtime 1x) | tee -a .bench/deploycli.txt; \
	done
	$(BENCHSTAT) -col /impl .bench/deploycli.txt | tee .bench/deploycli.benchstat

clean:
	rm -rf $(TOOLS) tools/prism/node_modules tools/deploycli/node_modules
