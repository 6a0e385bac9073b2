#!/usr/bin/env bash
# Benchmark 3b and 4: idle CPU of the TUI and peak memory.
#
#   bench/idle_cpu.sh              # needs target/release/backup-lab and tmux
#
# 1. Starts `backup-lab --sim --reset` in a detached tmux session (SIZE, 200×60 by default, on
#    a tmux server of its own), waits WARM s, then reads utime+stime of the process (/proc/PID/stat, all
#    threads) at the start and end of each WINDOW s window and prints CPU % of one core, the
#    context switches per second (all threads) and VmHWM / VmRSS.
#    Window 1 (WARM … WARM+WINDOW) is what the target is about; it overlaps the worker's first
#    minute, during which every part is polled every 3 s (worker::HOT). Window 2 follows
#    straight on, when only the slow schedule remains (WINDOWS=1 skips it).
#    The app is quit with `q` afterwards (or killed by its pid if it does not go).
# 2. Peak memory of the headless lab in the simulation: `backup-lab --sim --reset --speed
#    SPEED run --all --yes` under /usr/bin/time -v (else VmHWM polled every 50 ms).
#
# Environment: BIN, SIZE (200x60), WARM (5), WINDOW (60), WINDOWS (2), SPEED (100), KEEP=1,
# SKIP_HEADLESS=1 (only the TUI).
# The last lines are machine-readable (`RESULT idle_cpu …`, `RESULT memory …`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BIN=${BIN:-$ROOT/target/release/backup-lab}
WARM=${WARM:-5}
WINDOW=${WINDOW:-60}
WINDOWS=${WINDOWS:-2}
SPEED=${SPEED:-100}
SIZE=${SIZE:-200x60}
COLS=${SIZE%x*}
ROWS=${SIZE#*x}
TARGET_CPU=0.5
TARGET_RSS_MB=40

for need in tmux awk; do
    command -v "$need" >/dev/null || { echo "idle_cpu.sh: needs $need" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "idle_cpu.sh: missing $BIN (cargo build --release)" >&2; exit 2; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/idle_cpu.XXXXXX")
sock="backup-lab-bench-$$"
pid=""
finish() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
    tmux -L "$sock" kill-server 2>/dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then echo "scratch kept: $scratch" >&2; else rm -rf "$scratch"; fi
}
trap finish EXIT

hz=$(getconf CLK_TCK)
# utime + stime in clock ticks: fields 14 and 15, counted after the ")" that ends the name.
ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
# Voluntary + involuntary context switches of every thread: how often the process wakes up.
switches() {
    cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { n += $2 } END { print n + 0 }'
}
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

echo "machine: $(nproc) cores, $(uname -sr), CLK_TCK=$hz; $("$BIN" --version 2>/dev/null || echo backup-lab)"

# --- 1. the TUI, idle ------------------------------------------------------------------------
tmux -L "$sock" -f /dev/null new-session -d -s idle -x "$COLS" -y "$ROWS" \
    "exec env TERM=xterm-256color LANG=C.UTF-8 '$BIN' --sim --reset --lang en --state-dir '$scratch/state'"
pid=$(tmux -L "$sock" list-panes -t idle -F '#{pane_pid}')
sleep 0.5
comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
if [ "$comm" != "backup-lab" ]; then
    echo "idle_cpu.sh: pane process is '$comm', not backup-lab" >&2
    tmux -L "$sock" capture-pane -p -t idle >&2 || true
    exit 1
fi
sleep "$WARM"
cpu1=""
for w in $(seq 1 "$WINDOWS"); do
    t0=$(ticks "$pid"); s0=$(switches "$pid"); c0=$EPOCHREALTIME
    sleep "$WINDOW"
    t1=$(ticks "$pid"); s1=$(switches "$pid"); c1=$EPOCHREALTIME
    read -r cpu wake secs < <(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v x="$s0" -v y="$s1" -v p="$c0" -v q="$c1" \
        'BEGIN { d = q - p; printf "%.3f %.1f %.1f\n", (b - a) / hz / d * 100, (y - x) / d, d }')
    start=$(( WARM + (w - 1) * WINDOW ))
    echo "TUI idle, window $w (${start}–$(( start + WINDOW )) s after start): CPU ${cpu} % of one core over ${secs} s ($(( t1 - t0 )) ticks), ${wake} context switches/s"
    [ -n "$cpu1" ] || cpu1=$cpu
done
hwm=$(status_kb "$pid" VmHWM); rss=$(status_kb "$pid" VmRSS)
threads=$(status_kb "$pid" Threads)
echo "TUI memory: VmHWM $(mb "$hwm") MB, VmRSS $(mb "$rss") MB, $threads threads"
tmux -L "$sock" capture-pane -p -t idle >"$scratch/screen.txt" 2>/dev/null || true
tmux -L "$sock" send-keys -t idle q
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$pid" 2>/dev/null; then
    echo "note: the TUI did not quit on q within 2 s; killed" >&2
    kill "$pid" 2>/dev/null || true
fi
pid=""

if [ "${SKIP_HEADLESS:-0}" = 1 ]; then
    echo "RESULT idle_cpu cpu_percent=$cpu1 window_s=$WINDOW size=$SIZE target_percent=$TARGET_CPU $(awk -v c="$cpu1" -v t="$TARGET_CPU" 'BEGIN { print (c <= t) ? "met" : "MISSED" }')"
    exit 0
fi

# --- 2. the headless lab in the simulation ---------------------------------------------------
run_state="$scratch/run"
headless=("$BIN" --sim --reset --speed "$SPEED" --lang en --state-dir "$run_state" run --all --yes)
if [ -x /usr/bin/time ]; then
    t0=$EPOCHREALTIME
    /usr/bin/time -v "${headless[@]}" >"$scratch/run.out" 2>"$scratch/run.err" || {
        echo "headless run failed:" >&2; tail -20 "$scratch/run.err" >&2; exit 1; }
    t1=$EPOCHREALTIME
    run_hwm=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$scratch/run.err")
    how="/usr/bin/time -v"
else
    t0=$EPOCHREALTIME
    "${headless[@]}" >"$scratch/run.out" 2>"$scratch/run.err" &
    rpid=$!
    run_hwm=0
    while kill -0 "$rpid" 2>/dev/null; do
        v=$(status_kb "$rpid" VmHWM 2>/dev/null || echo 0)
        [ "${v:-0}" -gt "$run_hwm" ] && run_hwm=$v
        sleep 0.05
    done
    wait "$rpid"
    t1=$EPOCHREALTIME
    how="VmHWM polled every 50 ms"
fi
run_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
echo "headless 'run --all --yes' in the simulation at speed ×$SPEED: ${run_s} s wall, peak RSS $(mb "$run_hwm") MB ($how)"

cpu_verdict=$(awk -v c="$cpu1" -v t="$TARGET_CPU" 'BEGIN { print (c <= t) ? "met" : "MISSED" }')
peak=$(( hwm > run_hwm ? hwm : run_hwm ))
mem_verdict=$(awk -v k="$peak" -v t="$TARGET_RSS_MB" 'BEGIN { print (k / 1024 <= t) ? "met" : "MISSED" }')
echo "RESULT idle_cpu cpu_percent=$cpu1 window_s=$WINDOW size=$SIZE target_percent=$TARGET_CPU $cpu_verdict"
echo "RESULT memory tui_hwm_mb=$(mb "$hwm") headless_sim_hwm_mb=$(mb "$run_hwm") target_mb=$TARGET_RSS_MB $mem_verdict"
