#!/usr/bin/env bash
# Installs everything, builds the release site and runs the benchmarks; figures go to
# bench-out/native.json, bench-out/web.json, bench-out/page.json and bench-out/sizes.json (the README quotes them).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
cargo bench --profile fast --bench native
trunk build --release
node scripts/sizes.mjs
node tests/e2e/bench.mjs
node tests/e2e/bench-page.mjs
