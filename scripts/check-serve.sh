#!/usr/bin/env bash
# Runs the README's serve command (scripts/serve.sh) from the checkout on a spare port,
# waits for the page, fetches it and the files it loads, and stops the server.
# Fails if the serve command dies or never serves the app.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-18080}"
LOG=target/serve-check.log
mkdir -p target
setsid env PORT="$PORT" bash scripts/serve.sh >"$LOG" 2>&1 &
PID=$!
stop() { kill -TERM -- "-$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
trap stop EXIT
URL="http://127.0.0.1:$PORT/"
for _ in $(seq 1 600); do
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "serve check: scripts/serve.sh stopped before serving the app; its output:" >&2
    tail -40 "$LOG" >&2
    exit 1
  fi
  if curl -fsS "$URL" -o target/serve-check.html 2>/dev/null && grep -q 'app.*\.js' target/serve-check.html; then
    break
  fi
  sleep 1
done
grep -q "<title>Risk Explorer" target/serve-check.html || { echo "serve check: no Risk Explorer page at $URL" >&2; tail -40 "$LOG" >&2; exit 1; }
# Every script, wasm and stylesheet the page names must be served too.
# Addresses are relative (Trunk.toml public_url = "./"), written ./name or /name.
files=$(grep -oE '(href|src)="\.?/[^"]+\.(js|wasm|css)"' target/serve-check.html | sed -E 's/.*="\.?\/([^"]+)"/\1/' | sort -u)
[ -n "$files" ] || { echo "serve check: the page names no script, wasm or stylesheet" >&2; exit 1; }
for f in $files; do
  curl -fsS "$URL$f" -o /dev/null || { echo "serve check: $URL$f is not served" >&2; exit 1; }
done
# The release build's post-build step ran: the service worker, its manifest, no unhashed inline script.
for f in sw.js manifest.webmanifest worker_loader.js; do
  curl -fsS "$URL$f" -o /dev/null || { echo "serve check: $URL$f is not served (did scripts/post-build.mjs run?)" >&2; exit 1; }
done
grep -q "script-src 'self' 'sha256-" target/serve-check.html || { echo "serve check: the page's Content-Security-Policy does not pin its inline scripts by hash" >&2; exit 1; }
if grep -q "__trunk_address__\|trunk/ws" target/serve-check.html; then
  echo "serve check: the served page carries trunk's live-reload script (the page's CSP refuses its socket)" >&2
  exit 1
fi
echo "serve check: scripts/serve.sh served the app and its $(echo "$files" | wc -w) files at $URL"
