#!/usr/bin/env bash
# Installs everything, builds the release site and runs the benchmarks; figures go to
# bench-out/native.json, bench-out/web.json, bench-out/page.json, bench-out/sizes.json and
# bench-out/instructions.json (the README quotes them).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
cargo bench --profile fast --bench native
trunk build --release
node scripts/sizes.mjs
node tests/e2e/bench.mjs
node tests/e2e/bench-page.mjs
bash scripts/instructions.sh
