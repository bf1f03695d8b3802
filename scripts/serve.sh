#!/usr/bin/env bash
# Installs everything, builds the release site and serves it on http://127.0.0.1:8080
# (PORT=NNNN to use another port). scripts/test.sh runs this very script from the
# checkout and fetches the page from it, so the README's first command cannot break unseen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
# trunk refuses to start if a path in Trunk.toml's [watch] ignore list does not exist
# (it takes each one's canonical path); on a fresh clone some of them do not yet.
mkdir -p target bench-out tests/e2e/out
PORT="${PORT:-8080}"
echo
echo "Serving Risk Explorer on http://127.0.0.1:$PORT  (Ctrl+C to stop)"
# No auto-reload: its live-reload socket is refused by the page's Content-Security-Policy
# (connect-src 'self'), and the served page should be the one people get. Trunk's
# post_build hook (scripts/post-build.mjs) writes the final files on every build: the strict
# Content-Security-Policy, the service worker (so after a rebuild the open page offers
# "Switch now" rather than changing by itself) and dist/risk-explorer-<version>.html.
exec trunk serve --release --no-autoreload --port "$PORT"
