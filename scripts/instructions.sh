#!/usr/bin/env bash
# Instructions per simulation trial, counted by cachegrind (valgrind): a figure that, unlike
# a time, does not move with the machine's load, so a change to the inner loop can be
# judged on a shared 2-core machine. Runs examples/worker_part.rs --once at N and 2N
# trials (one part, the current rating); the difference over N is the cost of a trial,
# and what is left at N is the cost of compiling the run. Writes
# bench-out/instructions.json. Skipped (with a line saying so) where valgrind is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v valgrind > /dev/null; then
  echo "instructions.sh: valgrind is not installed; skipped"
  exit 0
fi
. scripts/env.sh
cargo build --profile fast --example worker_part
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    target/fast/examples/worker_part --once "$1" 1 2>&1 \
    | sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p' | tr -d ,
}
n=20000
a=$(count $n)
b=$(count $((2 * n)))
per=$(( (b - a) / n ))
fixed=$(( a - per * n ))
mkdir -p bench-out
cat > bench-out/instructions.json <<EOF
{
  "note": "cachegrind instruction counts of examples/worker_part --once (fast profile, native): one part, current rating",
  "instructions_per_trial": $per,
  "instructions_to_load_the_dataset_and_compile_the_run_cold": $fixed,
  "trials": [$n, $((2 * n))]
}
EOF
cat bench-out/instructions.json
