#!/usr/bin/env bash
# Installs everything, builds the release site and serves it on http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
echo
echo "Serving Risk Explorer on http://127.0.0.1:8080  (Ctrl+C to stop)"
exec trunk serve --release
