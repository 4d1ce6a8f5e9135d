# paicha — the two commands a newcomer needs: `make demo` and `make test`.
GO      ?= go
# Build tags: the driver's Arrow interface (-tags duckdb_arrow) loads rows as
# typed Arrow batches (pipeline/load/session_arrow.go); without the tag, plain
# `go build` loads them as CSV chunks that DuckDB reads (session.go), slower
# (README, Performance). `make test` tests both.
TAGS    ?= duckdb_arrow
export TAGS
BIN     ?= ./paicha
SHARED  ?= ../shared
FUZZTIME ?= 10s

.PHONY: build demo test test-race test-render fuzz vet conformance bench bench-large bench-region clean

build:
	$(GO) build -tags '$(TAGS)' -o $(BIN) ./cmd/paicha

# Runs the main job on the sample county that ships in fixtures/, and the
# work before the survey (paicha prepare) on the same county.
demo: build
	$(BIN) compare --out out/demo
	$(BIN) prepare --out out/demo-prepare

vet:
	$(GO) vet -tags '$(TAGS)' ./...
	$(GO) vet ./pipeline/load/
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }

# Unit, golden and end-to-end tests (the conformance scenarios run when ../shared is there;
# cmd/paicha runs the real binary over the bad-input corpus, signals, kill -9 and a full disk),
# then the pipeline under the race detector, then each fuzz target for FUZZTIME
# (a target that finds a failing input stops the run and shows it).
test: vet
	$(GO) test -tags '$(TAGS)' -count=1 ./...
	$(GO) test -count=1 ./pipeline/load/ ./pipeline/
	$(MAKE) test-race
	$(MAKE) fuzz

# The render test alone (it also runs in `make test`): LibreOffice prints a
# village notice and a township workbook to PDF, and the pages are read back
# (one page wide, title whole, header repeated, page numbers). It needs
# libreoffice-calc-nogui, poppler-utils and fonts-noto-cjk, which .ci/run
# installs; without them it is skipped, except in CI (CI=true), where it fails.
test-render:
	$(GO) test -tags '$(TAGS)' -count=1 -run '^TestRender$$' -v ./pipeline/write/

test-race:
	$(GO) test -tags '$(TAGS)' -race -count=1 ./pipeline/...

fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -tags '$(TAGS)' -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f ($(FUZZTIME))"; \
	    for try in 1 2; do \
	      if $(GO) test -tags '$(TAGS)' -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 1x $$pkg > /tmp/paicha-fuzz.log 2>&1; then break; fi; \
	      if [ $$try = 1 ] && grep -q 'context deadline exceeded' /tmp/paicha-fuzz.log && ! grep -q 'Failing input written' /tmp/paicha-fuzz.log; then \
	        echo "  (an input was still running when the time ran out: go test's own hiccup, trying once more)"; continue; fi; \
	      echo "FAIL fuzz $$f"; tail -30 /tmp/paicha-fuzz.log; exit 1; \
	    done; \
	  done; \
	done

# The public conformance set (../shared/conformance), both scenarios.
conformance: build
	cd $(SHARED)/conformance && rm -rf /tmp/paicha-conf1 /tmp/paicha-conf2 && \
	  $(abspath $(BIN)) compare --survey inputs/survey --card inputs/card --medical inputs/medical --out /tmp/paicha-conf1; \
	  python3 check.py expected.json /tmp/paicha-conf1 && \
	  $(abspath $(BIN)) compare --in inputs --as-of 2023-03-01 --config params.toml --out /tmp/paicha-conf2; \
	  python3 check.py expected-asof-20230301.json /tmp/paicha-conf2

bench: build
	$(GO) test -tags '$(TAGS)' -run TestCountyBench -count=1 -timeout 3h -v ./pipeline/ -args -county.households 130000 -county.lists -county.bin $(abspath $(BIN))

bench-large: build
	$(GO) test -tags '$(TAGS)' -run TestCountyBench -count=1 -timeout 3h -v ./pipeline/ -args -county.households 1300000 -county.baseline 130000 -county.bin $(abspath $(BIN))

# A 盟市 or the region in one run (docs/scale.md): 3M households, next to the
# 1.3M county in the same run, with the default memory limit; both cached in bench/.
bench-region: build
	$(GO) test -tags '$(TAGS)' -run TestRegionBench -count=1 -timeout 3h -v ./pipeline/ -args -region.households 3000000 -region.baseline 1300000 -county.bin $(abspath $(BIN))

clean:
	rm -rf $(BIN) out

# ---- Release archives and the other platforms (SPEC §8; README, Install) ----
# `make dist` writes dist/paicha-<version>-linux-amd64.tar.gz, -linux-arm64.tar.gz
# and -windows-amd64.zip (the program, duckdb.dll on Windows, README.md and
# LICENSES/), each with a .sha256. It cross-compiles with Debian's
# gcc-aarch64-linux-gnu, libc6-dev-arm64-cross, libstdc++-12-dev-arm64-cross and
# gcc-mingw-w64-x86-64, and fetches duckdb.dll with npm (.ci/run installs them).
# Windows links against duckdb.dll (the driver's duckdb_use_lib): the driver's
# static Windows library needs the UCRT runtime, which Debian's MinGW lacks.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null)
# expanded once, so that every archive of one `make dist` has the same name
VERSION := $(VERSION)
COMMIT  := $(COMMIT)
DIST    ?= dist
STAGE    = $(DIST)/.stage
# DuckDB 1.5.6, the version the Go driver (duckdb-go-bindings v0.10506.0) is built for.
DUCKDB_DLL_NPM ?= @duckdb/node-bindings-win32-x64@1.5.6-r.1
DUCKDB_DLL = $(DIST)/.duckdb-win/duckdb.dll
VERSION_LDFLAGS = -X main.version=$(VERSION) -X main.commit=$(COMMIT)

.PHONY: dist dist-linux-amd64 dist-linux-arm64 dist-windows-amd64 test-platforms

dist: dist-linux-amd64 dist-linux-arm64 dist-windows-amd64

# $(call dist-one,os-arch,program file,tags,DuckDB's license (empty: the driver's library's),command adding files)
define dist-one
	rm -rf $(STAGE)/$(1) && mkdir -p $(STAGE)/$(1)
	$(GO) build -tags '$(3)' -ldflags '$(VERSION_LDFLAGS)' -o $(STAGE)/$(1)/$(2) ./cmd/paicha
	TAGS='$(3)' build/licenses.sh $(STAGE)/$(1)/LICENSES $(4)
	cp README.md $(STAGE)/$(1)/
	$(5)
	build/package.sh paicha-$(VERSION)-$(1) $(STAGE)/$(1) $(DIST)
endef

dist-linux-amd64: export CGO_ENABLED = 1
dist-linux-amd64: export GOOS = linux
dist-linux-amd64: export GOARCH = amd64
dist-linux-amd64:
	$(call dist-one,linux-amd64,paicha,$(TAGS))

dist-linux-arm64: export CGO_ENABLED = 1
dist-linux-arm64: export GOOS = linux
dist-linux-arm64: export GOARCH = arm64
dist-linux-arm64: export CC = aarch64-linux-gnu-gcc
dist-linux-arm64:
	$(call dist-one,linux-arm64,paicha,$(TAGS))

$(DUCKDB_DLL):
	rm -rf $(@D) && mkdir -p $(@D)
	cd $(@D) && npm pack --silent $(DUCKDB_DLL_NPM) >/dev/null && tar -xzf *.tgz && mv package/duckdb.dll package/LICENSE . && rm -rf package *.tgz

dist-windows-amd64: export CGO_ENABLED = 1
dist-windows-amd64: export GOOS = windows
dist-windows-amd64: export GOARCH = amd64
dist-windows-amd64: export CC = x86_64-w64-mingw32-gcc
dist-windows-amd64: export CGO_LDFLAGS = -L$(abspath $(dir $(DUCKDB_DLL)))
dist-windows-amd64: $(DUCKDB_DLL)
	$(call dist-one,windows-amd64,paicha.exe,$(TAGS) duckdb_use_lib,$(dir $(DUCKDB_DLL))LICENSE,cp $(DUCKDB_DLL) $(STAGE)/windows-amd64/)

# The release archives run where the bureau works: the Windows build under
# Wine, the arm64 one under qemu-user, over the public conformance set (both
# scenarios through check.py, CSVs byte-identical to Linux amd64's), nightly
# twice, explain, paths with Chinese characters and output on another drive;
# and the Windows builds of the lock and file-system tests.
test-platforms: dist
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc CGO_LDFLAGS=-L$(abspath $(dir $(DUCKDB_DLL))) \
	  $(GO) test -c -tags '$(TAGS) duckdb_use_lib' -o $(STAGE)/tests-windows/nightly.test.exe ./pipeline/nightly
	GOOS=windows GOARCH=amd64 $(GO) test -c -o $(STAGE)/tests-windows/osfs.test.exe ./pipeline/osfs
	cp $(DUCKDB_DLL) $(STAGE)/tests-windows/
	build/test-platforms.sh $(DIST) $(VERSION) $(SHARED) $(STAGE)/tests-windows
