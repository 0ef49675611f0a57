# The two commands: `make run` and `make test`. Both install missing Debian packages first.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
SAMPLE ?= data/sample
OUTPUT ?= output

.PHONY: all deps configure build run test bench clean

all: build

deps:
	@bash packaging/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/app/clv-etl $(SAMPLE) --output $(OUTPUT) --top 10

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@bash tests/bench/run-benchmark.sh --build $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
