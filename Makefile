# ClusterPlot — build, test, demo and benchmarks.
SHELL := /bin/bash
APT_PACKAGES := libcairo2-dev libpng-dev libdeflate-dev libgif-dev libfreetype-dev libfontconfig-dev fonts-dejavu-core pkg-config poppler-utils
# Only for `make test`: JUnit (xmllint) and JSON Schema validation, the GIF played in a browser.
TEST_APT_PACKAGES := libxml2-utils python3-jsonschema python3-yaml chromium
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps apt-install build release test demo bench fuzz clean install uninstall man completions examples install-check

## deps: install missing system packages with apt (does nothing when all are present)
deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"

## test-deps: deps and the packages only the tests use
test-deps: deps
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_APT_PACKAGES)"

apt-install:
	@missing=""; for p in $(PACKAGES); do \
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
test: test-deps
	$(SWIFT) build --build-tests
	@$(MAKE) --no-print-directory examples install-check
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

## install: the clusterplot binary, its man page (swift-argument-parser's generate-manual plugin) and
## bash/zsh/fish completions under PREFIX (default /usr/local; DESTDIR for staging). CONFIGURATION=debug
## installs the debug build (what `make install-check` uses).
PREFIX ?= /usr/local
CONFIGURATION ?= release
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
BUILT = $(if $(filter debug,$(CONFIGURATION)),.build/debug/clusterplot,.build/release/clusterplot)
MANPAGE = .build/plugins/GenerateManual/outputs/clusterplot/clusterplot.1

$(BUILT):
	@if [ "$(CONFIGURATION)" = debug ]; then $(SWIFT) build --product clusterplot; else $(SWIFT) build $(RELEASE_FLAGS) --product clusterplot; fi

## man: the man page, from the command's own help (the debug build is enough: the text is the same),
## dated by the last commit so the same sources give the same page
MANDATE := $(shell git log -1 --format=%cs 2>/dev/null || date +%F)
man: deps
	$(SWIFT) package plugin generate-manual --configuration debug --date $(MANDATE) >/dev/null

## completions: bash, zsh and fish scripts into .build/completions
completions: $(BUILT)
	@mkdir -p .build/completions
	$(BUILT) --generate-completion-script bash > .build/completions/clusterplot.bash
	$(BUILT) --generate-completion-script zsh > .build/completions/_clusterplot
	$(BUILT) --generate-completion-script fish > .build/completions/clusterplot.fish

install: deps
	@if [ "$(CONFIGURATION)" = debug ]; then $(SWIFT) build --product clusterplot; else $(SWIFT) build $(RELEASE_FLAGS) --product clusterplot; fi
	@$(MAKE) --no-print-directory man completions
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 $(BUILT) $(BINDIR)/clusterplot
	install -m 644 $(MANPAGE) $(MANDIR)/clusterplot.1
	install -m 644 .build/completions/clusterplot.bash $(BASHDIR)/clusterplot
	install -m 644 .build/completions/_clusterplot $(ZSHDIR)/_clusterplot
	install -m 644 .build/completions/clusterplot.fish $(FISHDIR)/clusterplot.fish
	@echo "installed $(BINDIR)/clusterplot (man clusterplot; completions for bash, zsh, fish)"

uninstall:
	rm -f $(BINDIR)/clusterplot $(MANDIR)/clusterplot.1 $(BASHDIR)/clusterplot $(ZSHDIR)/_clusterplot $(FISHDIR)/clusterplot.fish

## examples: build and test the example package that depends on ClusterPlot (Examples/FigureReport)
examples:
	@set -o pipefail; $(SWIFT) build --package-path Examples/FigureReport --build-tests 2>&1 | tail -1 && \
	  $(SWIFT) test --package-path Examples/FigureReport --skip-build 2>&1 | grep -E "^(error|.*Executed [0-9]+ tests?)" | tail -1

## install-check: install into a temporary PREFIX, run the README's commands with it on PATH, run the
## CI recipes of docs/ci-recipes.md in a throwaway git repository, uninstall
install-check:
	@bash scripts/test-readme.sh
	@bash scripts/test-ci-recipe.sh
