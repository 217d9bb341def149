# HaiLong - the README's commands. Each target installs what it needs first (idempotent).
SWIFT ?= swift
PORT ?= 8080
# Build and run-time libraries: libqrencode for QR codes, SQLite for GRDB, zlib for PNG.
APT_RUN := libqrencode-dev libsqlite3-dev zlib1g-dev pkg-config
# Test tools: zbarimg decodes QR images, headless Chromium takes page screenshots,
# nginx checks the reverse-proxy file in deploy/.
APT_TEST := zbar-tools chromium chromium-driver nginx-light curl python3-pip
# The accessibility check runs axe-core (4.x) in that Chromium: the engine's axe.min.js comes
# inside this PyPI package (Playwright, its dependency, is installed but never started).
PIP_TEST := axe-playwright-python==0.1.8
# Benchmarks: wrk drives load.
APT_BENCH := wrk

.PHONY: run test bench build deps test-deps bench-deps release clean

run: deps
	$(SWIFT) build --product hailong
	.build/debug/hailong serve --demo --port $(PORT)

build: deps
	$(SWIFT) build

test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	deploy/check

bench: deps bench-deps
	bench/run.sh

release: deps
	$(SWIFT) build -c release --product hailong

deps:
	@scripts/apt-ensure $(APT_RUN)

test-deps:
	@scripts/apt-ensure $(APT_TEST)
	@scripts/pip-ensure $(PIP_TEST)

bench-deps:
	@scripts/apt-ensure $(APT_BENCH)

clean:
	rm -rf .build
