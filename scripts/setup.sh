#!/usr/bin/env bash
# Installs everything Risk Explorer needs to build, serve and test, from the package
# registries only (crates.io, npm, Debian). Tools already present at the right version
# are reused. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
say() { printf '\n==> %s\n' "$*"; }
die() { printf '\nsetup: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo is not installed. Install Rust (rustup) first."
command -v npm >/dev/null || die "npm is not installed. Install Node.js 18 or later first."
export PATH="$HOME/.cargo/bin:$PATH"

say "Rust target wasm32-unknown-unknown"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

say "trunk $TRUNK_VERSION"
have_trunk=$(trunk --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_trunk" != "$TRUNK_VERSION" ]; then
  # 0.22 needs a newer rustc than this machine has; --locked keeps its tested deps.
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The wasm-bindgen CLI must equal the crate version in Cargo.lock, or the build fails
# with a schema mismatch. Read the version from Cargo.lock (generate it if missing).
say "wasm-bindgen-cli (must match Cargo.lock)"
[ -f Cargo.lock ] || cargo generate-lockfile
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
[ -n "$WB_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock"
have_wb=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_wb" != "$WB_VERSION" ]; then
  # Without --locked: the CLI's own lockfile wants a crate version this registry lacks.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

say "npm tools (wasm-opt from binaryen, playwright-core)"
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || ! cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null; then
  npm ci --no-audit --no-fund
fi

say "Chromium and ChromeDriver (Debian packages, for the browser tests)"
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  APT_UPDATED=1
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver
fi

# WebKitGTK, the engine Safari shares (the board reads on iPads and Macs): its WebDriver
# starts the MiniBrowser that comes with libwebkit2gtk; xvfb-run (xvfb + xauth) gives it a
# virtual display. The fonts come with its dependencies. About 30 s when absent.
say "WebKitGTK WebDriver and Xvfb (Debian packages, for the WebKit smoke journey)"
if [ ! -x /usr/bin/WebKitWebDriver ] || [ ! -x /usr/bin/xvfb-run ] || [ ! -x /usr/bin/xauth ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  [ -n "${APT_UPDATED:-}" ] || $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends webkit2gtk-driver xvfb xauth
fi

# poppler-utils: the board pack journey reads its PDF with pdftotext and looks at its pages
# with pdftoppm.
say "poppler-utils (Debian package, for the board pack's PDF)"
if [ ! -x /usr/bin/pdftotext ] || [ ! -x /usr/bin/pdftoppm ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  [ -n "${APT_UPDATED:-}" ] || $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends poppler-utils
fi

say "Checking versions"
export PATH="$PWD/node_modules/.bin:$PATH"
got_trunk=$(trunk --version | awk '{print $2}')
got_wb=$(wasm-bindgen --version | awk '{print $2}')
got_opt=$(wasm-opt --version | awk '{print $3}')
[ "$got_trunk" = "$TRUNK_VERSION" ] || die "trunk is $got_trunk, need $TRUNK_VERSION"
[ "$got_wb" = "$WB_VERSION" ] || die "wasm-bindgen CLI is $got_wb but Cargo.lock has $WB_VERSION; run: cargo install wasm-bindgen-cli --version $WB_VERSION"
[ "$got_opt" = "132" ] || die "wasm-opt is version $got_opt, need 132 (npm ci installs it)"
command -v wasm-bindgen-test-runner >/dev/null || die "wasm-bindgen-test-runner is missing (it comes with wasm-bindgen-cli)"
command -v WebKitWebDriver >/dev/null || die "WebKitWebDriver is missing; install the Debian package webkit2gtk-driver"
command -v xvfb-run >/dev/null || die "xvfb-run is missing; install the Debian packages xvfb and xauth"
echo "trunk $got_trunk, wasm-bindgen $got_wb, wasm-opt $got_opt, $(/usr/bin/chromium --version 2>/dev/null | head -1)," \
  "WebKitGTK $(dpkg-query -W -f '${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo '(version unknown)')"
