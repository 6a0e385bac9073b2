#!/usr/bin/env bash
# Runs every benchmark of BENCHMARKS.md and prints a summary of the RESULT lines.
#
#   bench/run-all.sh             # ≈ 8 minutes on 2 cores, after the release build
#
# Builds first (`cargo build --release`, `cargo bench --no-run` of both bench targets). Every benchmark's full output
# goes to bench-out/<name>.txt (git-ignored); the summary is also written to
# bench-out/summary.txt. Options are passed on through the environment (see each script).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out=bench-out
mkdir -p "$out"

echo "== build"
cargo build --release --locked
cargo bench --locked --no-run --bench render --bench polling

run() {
    local name=$1
    shift
    echo "== $name: $*"
    if ! "$@" 2>&1 | tee "$out/$name.txt"; then
        echo "RESULT $name FAILED (see $out/$name.txt)" | tee -a "$out/$name.txt"
    fi
}

run render cargo bench --locked --bench render
run polling cargo bench --locked --bench polling
run idle_cpu bench/idle_cpu.sh
run lab_vs_cli bench/lab_vs_cli.sh
run lab_slow_world bench/lab_slow_world.sh

{
    echo "== summary ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load average $(cut -d' ' -f1-3 /proc/loadavg))"
    grep -h '^RESULT' "$out"/render.txt "$out"/polling.txt "$out"/idle_cpu.txt "$out"/lab_vs_cli.txt "$out"/lab_slow_world.txt || true
} | tee "$out/summary.txt"
