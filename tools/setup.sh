#!/usr/bin/env bash
# Installs what building, running and testing Afterdesk needs, from package registries only.
# Idempotent: each step checks first and does nothing when the right version is already there.
#   tools/setup.sh run   toolchain, cargo-leptos, wasm-bindgen, wasm-opt, C toolchain for RocksDB
#   tools/setup.sh test  the same without wasm-opt (tests build in debug), plus Chromium and Playwright
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-run}"
RUST_VERSION=1.97.0
CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=0.2.117   # must equal the wasm-bindgen crate pinned in Cargo.toml
WASM_OPT_VERSION=0.116.1       # binaryen 116 built from source; Debian's binaryen breaks the bundle

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=()
need_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || apt_packages+=("$1"); }
need_pkg clang
need_pkg libclang-dev
need_pkg pkg-config
if [ "$mode" = test ]; then
  need_pkg chromium
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  say "Installing Debian packages: ${apt_packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}"
fi

if ! rustup run "$RUST_VERSION" rustc --version >/dev/null 2>&1 \
  || ! rustup target list --installed --toolchain "$RUST_VERSION" | grep -q wasm32-unknown-unknown; then
  say "Installing Rust $RUST_VERSION with the wasm32 target"
  rustup toolchain install "$RUST_VERSION" --profile minimal --component rustfmt,clippy \
    --target wasm32-unknown-unknown
  rustup target add --toolchain "$RUST_VERSION" wasm32-unknown-unknown
fi

cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$cargo_bin:$PATH"
has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"; }

if ! has_version cargo-leptos "$CARGO_LEPTOS_VERSION"; then
  say "Building cargo-leptos $CARGO_LEPTOS_VERSION (about 13 minutes on 2 cores)"
  cargo "+$RUST_VERSION" install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi
if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  say "Building wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo "+$RUST_VERSION" install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked
fi
if [ "$mode" = run ] && ! has_version wasm-opt "version 116"; then
  say "Building wasm-opt (binaryen 116, about 8 minutes)"
  cargo "+$RUST_VERSION" install wasm-opt --version "$WASM_OPT_VERSION" --locked
fi

if [ "$mode" = test ]; then
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules ]; then
    say "Installing end-to-end test packages (Playwright uses Debian's Chromium; no browser download)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
    touch end2end/node_modules
  fi
fi
say "Setup complete ($mode)"
