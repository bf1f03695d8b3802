# Sourced by the other scripts: the tool paths and quiet settings they share.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The environment may set RUST_BACKTRACE=1, which makes trunk's errors enormous.
export RUST_BACKTRACE=0
export CHROMEDRIVER=/usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
