# The single entry point: `make run` and `make test` work on a fresh Debian 12
# machine; they install what is missing first.
SHELL := bash
.DEFAULT_GOAL := help

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
GO_LDFLAGS := -s -w -X main.version=$(VERSION)
BIN := bin/noaber
NPM_CI := npm ci --no-audit --no-fund --loglevel=error

.PHONY: help deps deps-browser webapp build run test test-go test-webapp test-e2e lint lint-go lint-openapi bench-feed bench-suggestions clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

deps: webapp/node_modules/.installed tools/node_modules/.installed ## install missing system packages (PostgreSQL) and Node packages
	@scripts/install-deps.sh

# Node packages are (re)installed from the lock file whenever it changes.
%/node_modules/.installed: %/package-lock.json
	@scripts/install-deps.sh
	cd $* && $(NPM_CI)
	@touch $@

deps-browser: deps ## also install Chromium for the browser tests
	@scripts/install-deps.sh --browser

webapp: deps ## build the PWA into webapp/dist
	cd webapp && npm run --silent build

build: webapp ## build bin/noaber with the PWA embedded
	CGO_ENABLED=0 go build -trimpath -ldflags '$(GO_LDFLAGS)' -o $(BIN) ./cmd/noaber

run: build ## run Noaber with demo data on the embedded database at http://localhost:8080
	$(BIN) seed demo
	$(BIN) serve

test: deps-browser lint test-go test-webapp test-e2e ## run every test: Go on real PostgreSQL, front end, browser, OpenAPI lint
	@echo "All tests passed."

test-go: deps ## Go tests against real PostgreSQL (one database per test)
	go test -race -count=1 ./...

test-webapp: deps ## front-end unit tests
	cd webapp && npm test --silent

test-e2e: build deps-browser ## browser tests in Chromium against the real binary
	scripts/e2e.sh

lint: lint-go lint-openapi ## static checks

GOLANGCI_LINT := github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0

lint-go: ## gofmt, go vet and golangci-lint (errcheck, bodyclose, staticcheck…; see .golangci.yml)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)
	go vet ./...
	go run $(GOLANGCI_LINT) run ./...

lint-openapi: deps ## the OpenAPI document against the NLGov API Design Rules
	cd tools && npm run --silent lint-openapi

bench-feed: ## load test of the feed and post creation on a synthetic city (wrk, pgbench; ~4 min)
	bench/feed.sh

bench-suggestions: ## load test of the suggestion endpoints on a synthetic city (wrk, pgbench; ~5 min)
	bench/suggestions.sh

clean:
	rm -rf bin webapp/dist/assets test-output
