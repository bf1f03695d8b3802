#!/usr/bin/env bash
# Installs everything, then runs every test layer against a release build:
#   lint, native model tests, browser component tests (headless Chromium),
#   end-to-end journeys against the built site (headless Chromium via Playwright),
#   and a smoke journey through every view in WebKitGTK (the engine Safari shares).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh

step() { printf '\n==> %s\n' "$1"; shift; "$@"; }

step "Format check" cargo fmt --check
step "Lint (host)" cargo clippy --all-targets --quiet -- -D warnings
step "Lint (wasm32)" cargo clippy --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
step "Native tests: model, state, codecs, chart geometry, dataset quotes" cargo test --quiet
# The serve command builds into dist/ too; the release build below replaces it.
step "The README's serve command serves the app (scripts/serve.sh, fetched and stopped)" bash scripts/check-serve.sh
step "Release build of the site into dist/" trunk build --release
# The runner's default 20 s budget covers the whole suite; a busy machine needs more.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-240}"
step "Browser tests (wasm-bindgen-test in headless Chromium)" \
  cargo test --release --target wasm32-unknown-unknown --test browser
step "End-to-end journeys (Playwright, headless Chromium, against dist/)" node tests/e2e/run.mjs
step "WebKit smoke journey (WebKitGTK via WebKitWebDriver under Xvfb)" node tests/webkit/smoke.mjs
echo
echo "All test layers passed."
