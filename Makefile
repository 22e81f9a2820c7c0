# ClusterPlot — build, test, demo and benchmarks.
SHELL := /bin/bash
APT_PACKAGES := libcairo2-dev libpng-dev libdeflate-dev libgif-dev libfreetype-dev libfontconfig-dev fonts-dejavu-core pkg-config poppler-utils
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release test demo bench fuzz clean

## deps: install missing system packages with apt (does nothing when all are present)
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build

## release: optimised build with the Swift runtime linked statically (halves process start-up:
## about 22 -> 12 ms for `clusterplot --version`, which every whole-process timing pays)
RELEASE_FLAGS := -c release --static-swift-stdlib
release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product clusterplot

## test: build and run every XCTest suite; ends with a plain "N passed, N failed" line
test: deps
	$(SWIFT) build --build-tests
	@set -o pipefail; $(SWIFT) test --skip-build --disable-swift-testing 2>&1 | tee .build/test.log; status=$$?; \
	  line=$$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with ([0-9]+ tests? skipped and )?[0-9]+ failures?" .build/test.log | tail -1); \
	  total=$$(echo "$$line" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/'); \
	  failed=$$(echo "$$line" | sed -E 's/.* ([0-9]+) failures?.*/\1/'); \
	  skipped=$$(echo "$$line" | grep -oE '[0-9]+ tests? skipped' | grep -oE '^[0-9]+' || echo 0); \
	  echo "$$((total - failed - skipped)) passed, $$failed failed, $${skipped:-0} skipped"; exit $$status

## demo: release build, then render the seed gallery, the handout, the slide deck and the animation into out/
demo: release
	@mkdir -p out
	.build/release/clusterplot render Fixtures/configs --out out --format png,pdf,svg
	.build/release/clusterplot handout Fixtures/handouts/clustering-handout.yaml -o out/clustering-handout.pdf
	.build/release/clusterplot handout Fixtures/handouts/clustering-slides.yaml -o out/clustering-slides.pdf
	.build/release/clusterplot animate Fixtures/configs/iterations.yaml -o out/iterations-animation.png

## bench: timings against the baselines named in the issues (uses ../shared/bench when present)
bench: release
	@$(SWIFT) build $(RELEASE_FLAGS) --product cpbench >/dev/null
	@bash Benchmarks/run.sh

## fuzz: libFuzzer + ASan targets (YAML→spec, CSV reader, document loader, PNG decoder), each run for
## FUZZ_SECONDS (default 180) one after another; not part of CI. See docs/fuzzing.md.
FUZZ_SECONDS ?= 180
fuzz: deps
	@bash Fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build .build-fuzz out
