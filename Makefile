# The two commands: `make run` and `make test`. Both install missing Debian packages first.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
SAMPLE ?= data/sample
OUTPUT ?= output

.PHONY: all deps deps-test configure build run screenshots test test-asan fuzz fuzz-build package bench clean \
	format format-check tidy

# clang's libFuzzer builds the fuzzing harnesses; `make test` runs them briefly when it is there.
FUZZ_CXX ?= clang++-14
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 600
ASAN_DIR ?= build-asan

# Formatting and static analysis, with the versions the .clang-format and .clang-tidy are written for.
FORMAT ?= clang-format-14
TIDY ?= clang-tidy-14
RUN_TIDY ?= run-clang-tidy-14
FORMAT_DIRS ?= core ui app tests
TIDY_DIRS ?= core ui app tests

all: build

deps:
	@bash packaging/install-deps.sh

# What the tests need besides: clang and its runtime for the fuzzers, dpkg-dev for the package.
deps-test:
	@bash packaging/install-deps.sh test

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CONFIGURE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# The desktop window on the bundled sample; without a display, the same job headless.
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  $(BUILD_DIR)/app/clv-studio $(SAMPLE); \
	else \
	  echo "No display found (DISPLAY is not set), so the window cannot open here."; \
	  echo "  With a virtual display:  xvfb-run -a $(BUILD_DIR)/app/clv-studio $(SAMPLE)"; \
	  echo "  Headless, same analysis: $(BUILD_DIR)/app/clv-etl $(SAMPLE) --top 10"; \
	  echo "Running the headless one now:"; \
	  $(BUILD_DIR)/app/clv-etl $(SAMPLE) --output $(OUTPUT) --top 10; \
	fi

# Pictures of every tab for the README, taken under a virtual X display.
# Every tab on the bundled sample, and again (with the Predict tab's fit of all four models) on
# the CDNOW purchases read as a transaction table.
screenshots: build
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BUILD_DIR)/app/clv-studio --screenshots resources/screenshots $(SAMPLE)
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BUILD_DIR)/app/clv-studio --screenshots resources/screenshots/cdnow \
	  --transactions 1,2,4 tests/data/cdnow/CDNOW_master.txt

# Every test, after the formatting check; with clang present, the fuzzers are built too and
# run 30 s each as CTest tests. (clang is looked for when the recipe runs, after deps-test may
# have installed it.)
test: deps-test format-check
	@if command -v $(FUZZ_CXX) >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory fuzz-build && \
	  $(MAKE) --no-print-directory build CONFIGURE_FLAGS="-DCLV_FUZZ_DIR=$(abspath $(FUZZ_DIR))"; \
	else \
	  echo "No $(FUZZ_CXX): the fuzzers are left out of this run."; \
	  $(MAKE) --no-print-directory build CONFIGURE_FLAGS="-DCLV_FUZZ_DIR="; \
	fi
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# The whole suite built with AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps-test
	@cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCLV_SANITIZERS=address,undefined >/dev/null
	@cmake --build $(ASAN_DIR) -j $(JOBS)
	@cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(abspath tests/sanitizers/lsan.supp):print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

fuzz-build: deps-test
	@cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCLV_FUZZ=ON \
	  -DCMAKE_CXX_COMPILER=$(FUZZ_CXX) >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS)

# make fuzz FUZZ_SECONDS=600: each harness for that long.
fuzz: fuzz-build
	@bash tests/fuzz/run-fuzzers.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

# The Debian package of clv-studio and clv-etl, in $(BUILD_DIR)/packages/.
package: build deps-test
	@cd $(BUILD_DIR) && cpack -G DEB -B $(abspath $(BUILD_DIR))/packages >/dev/null
	@ls -1 $(BUILD_DIR)/packages/*.deb

bench: build
	@bash tests/bench/run-benchmark.sh --build $(BUILD_DIR)

# The C++ sources as .clang-format wants them: `format` rewrites them in place,
# `format-check` lists those it would change and fails if there are any.
format: deps-test
	@find $(FORMAT_DIRS) \( -name '*.h' -o -name '*.cpp' \) -print0 | sort -z | xargs -0 $(FORMAT) -i

format-check: deps-test
	@out=$$(find $(FORMAT_DIRS) \( -name '*.h' -o -name '*.cpp' \) -print0 | sort -z | \
	  xargs -0 $(FORMAT) --dry-run --Werror 2>&1); status=$$?; \
	changed=$$(printf '%s\n' "$$out" | sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' | uniq); \
	if [ -n "$$changed" ]; then \
	  echo "Not formatted as .clang-format says ($(FORMAT)); \`make format\` rewrites them:"; \
	  printf '%s\n' "$$changed" | sed 's/^/  /'; \
	  exit 1; \
	elif [ $$status -ne 0 ]; then \
	  printf '%s\n' "$$out" >&2; exit 1; \
	fi

# clang-tidy with .clang-tidy over the project's sources (not part of `make test`: it takes
# minutes). It needs the build's compile_commands.json and moc output, hence `build`.
tidy: deps-test build
	@log=$(BUILD_DIR)/clang-tidy.log; \
	$(RUN_TIDY) -clang-tidy-binary $(TIDY) -p $(BUILD_DIR) -quiet -j $(JOBS) \
	  '^$(CURDIR)/($(subst $() ,|,$(strip $(TIDY_DIRS))))/' >$$log 2>&1; status=$$?; \
	grep -v -e '^$(TIDY) ' -e '[0-9] warnings\? generated\.$$' $$log | \
	  if [ -t 1 ]; then cat; else sed 's/\x1b\[[0-9;]*m//g'; fi; \
	if [ $$status -eq 0 ]; then echo "clang-tidy: no findings."; else echo "clang-tidy found problems (full log: $$log)."; fi; \
	exit $$status

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_DIR) $(ASAN_DIR)
