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

# Runs the main job on the sample county that ships in fixtures/.
demo: build
	$(BIN) compare --out out/demo

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
	$(GO) test -tags '$(TAGS)' -run TestCountyBench -count=1 -timeout 3h -v ./pipeline/ -args -county.households 130000 -county.bin $(abspath $(BIN))

bench-large: build
	$(GO) test -tags '$(TAGS)' -run TestCountyBench -count=1 -timeout 3h -v ./pipeline/ -args -county.households 1300000 -county.baseline 130000 -county.bin $(abspath $(BIN))

# A 盟市 or the region in one run (docs/scale.md): 3M households, next to the
# 1.3M county in the same run, with the default memory limit; both cached in bench/.
bench-region: build
	$(GO) test -tags '$(TAGS)' -run TestRegionBench -count=1 -timeout 3h -v ./pipeline/ -args -region.households 3000000 -region.baseline 1300000 -county.bin $(abspath $(BIN))

clean:
	rm -rf $(BIN) out
