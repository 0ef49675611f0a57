# The two commands: `make run` and `make test`. Both install missing Debian packages first.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
SAMPLE ?= data/sample
OUTPUT ?= output

.PHONY: all deps configure build run screenshots test bench clean

all: build

deps:
	@bash packaging/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null

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
screenshots: build
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BUILD_DIR)/app/clv-studio --screenshots resources/screenshots $(SAMPLE)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@bash tests/bench/run-benchmark.sh --build $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
