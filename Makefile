# The two commands of the README: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
# Leptos reads this at compile time (it names the wasm bundle). cargo-leptos sets it; setting it for
# `cargo test` as well keeps both builds identical, so neither rebuilds what the other just built.
export LEPTOS_OUTPUT_NAME := afterdesk
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
# cargo-leptos writes the site (wasm bundle, CSS, favicon) to ./target/site even when CARGO_TARGET_DIR
# points elsewhere.
SITE_ROOT := $(CURDIR)/target/site

.PHONY: run test setup-run setup-test unit e2e build-debug bench lint

## Build a release and serve it on http://127.0.0.1:3000 with the embedded database in ./data and demo data.
run: setup-run
	cargo leptos build --release --precompress
	AFTERDESK_DEMO_DATA=true LEPTOS_SITE_ROOT=$(SITE_ROOT) $(TARGET_DIR)/release/server

## Run every test: Rust unit and HTTP integration tests, then the browser tests.
test: setup-test unit e2e

setup-run:
	tools/setup.sh run

setup-test:
	tools/setup.sh test

unit:
	cargo test -p app -p server --features app/ssr

build-debug:
	cargo leptos build

e2e: build-debug
	cd end2end && SERVER_BIN=$(TARGET_DIR)/debug/server SITE_ROOT=$(SITE_ROOT) npx playwright test

## Benchmarks (see README): the live path (latency to 1/100/1,000 SSE subscribers, memory per
## stream) and the dashboard with 100,000 tickets.
bench:
	# 1,000 streams are 2,000 sockets in one process.
	ulimit -n 8192 2>/dev/null || true; cargo run --release -p server --example live_bench
	cargo run --release -p server --example dashboard_bench

lint:
	cargo fmt --all --check
	cargo clippy -p app -p server --features app/ssr --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
