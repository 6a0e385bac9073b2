#!/usr/bin/env bash
# Benchmark 1: the whole lab headless (`backup-lab run --all --yes`) against moto, versus the
# same lab as a plain AWS CLI script (bench/lab.aws-cli.sh) against the same moto, in one run.
#
#   bench/lab_vs_cli.sh            # REPEAT=3 rounds by default; needs target/release/backup-lab
#
# Each round: reset moto, build the world (tests/harness/world.py), start a fresh todo app
# (tests/harness/todo_app.py), time backup-lab; reset, rebuild, fresh todo app, time the CLI
# script. The world set-up is outside both timings. Prints every round, the medians and the
# ratio; the last line is machine-readable (`RESULT lab_vs_cli …`).
#
# Both sides talk to the same todo app harness; it sets TCP_NODELAY on its sockets, so a client
# that keeps its connection (backup-lab) and one that opens a new one per request (curl) get
# the answer equally soon.
#
# Environment: REPEAT (rounds), VENV (default .venv: moto_server, python with boto3, aws),
# BIN (default target/release/backup-lab), KEEP=1 keeps the scratch dir.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

REPEAT=${REPEAT:-3}
VENV=${VENV:-$ROOT/.venv}
BIN=${BIN:-$ROOT/target/release/backup-lab}
PY=$VENV/bin/python

for need in "$VENV/bin/moto_server" "$PY" "$VENV/bin/aws" "$BIN"; do
    if [ ! -x "$need" ]; then
        echo "lab_vs_cli.sh: missing $need" >&2
        echo "  python3 -m venv .venv && .venv/bin/pip install 'moto[server]>=5.2,<5.3' boto3 awscli" >&2
        echo "  cargo build --release" >&2
        exit 2
    fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/lab_vs_cli.XXXXXX")
moto_pid=""
app_pid=""
stop_app() {
    if [ -n "$app_pid" ]; then
        kill "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
        app_pid=""
    fi
}
finish() {
    stop_app
    if [ -n "$moto_pid" ]; then
        kill "$moto_pid" 2>/dev/null || true
        wait "$moto_pid" 2>/dev/null || true
    fi
    if [ "${KEEP:-0}" = 1 ]; then echo "scratch kept: $scratch" >&2; else rm -rf "$scratch"; fi
}
trap finish EXIT

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Dummy credentials for moto; nothing here may reach a real account.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN=testing
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE AWS_ENDPOINT_URL

port=$(free_port)
ENDPOINT="http://127.0.0.1:$port"
MOTO_ECS_SERVICE_RUNNING=2 "$VENV/bin/moto_server" -H 127.0.0.1 -p "$port" >"$scratch/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$ENDPOINT/moto-api/data.json" 2>/dev/null; then break; fi
    if ! kill -0 "$moto_pid" 2>/dev/null; then
        echo "moto_server exited:" >&2
        cat "$scratch/moto.log" >&2
        exit 1
    fi
    sleep 0.05
done

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# A fresh world and a fresh todo app; sets APP_URL.
fresh_world() {
    stop_app
    curl -fsS -X POST -o /dev/null "$ENDPOINT/moto-api/reset"
    "$PY" tests/harness/world.py --endpoint "$ENDPOINT" >"$scratch/world.json"
    : >"$scratch/app.port"
    "$PY" tests/harness/todo_app.py --endpoint "$ENDPOINT" >"$scratch/app.port" 2>"$scratch/app.log" &
    app_pid=$!
    for _ in $(seq 1 400); do
        if [ -s "$scratch/app.port" ]; then break; fi
        sleep 0.05
    done
    APP_URL="http://127.0.0.1:$(head -n1 "$scratch/app.port")"
    export APP_URL
}

run_product() {
    local state="$scratch/state.$1"
    rm -rf "$state"
    local t0 t1
    # Peak RSS through GNU time when there is one (its fork/exec adds about a millisecond).
    local timer=()
    if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -f %M -o "$scratch/product.$1.rss"); fi
    t0=$(now)
    if ! AWS_ENDPOINT_URL="$ENDPOINT" "${timer[@]}" "$BIN" --lang en --state-dir "$state" --app-url "$APP_URL" \
        run --all --yes >"$scratch/product.$1.out" 2>"$scratch/product.$1.err"; then
        echo "backup-lab run --all failed (round $1):" >&2
        cat "$scratch/product.$1.err" "$scratch/product.$1.out" >&2
        exit 1
    fi
    t1=$(now)
    product_s=$(elapsed "$t0" "$t1")
    product_rss_mb=$(awk '{ v = $1 } END { if (v) printf "%.1f", v / 1024; else print "?" }' "$scratch/product.$1.rss" 2>/dev/null || echo "?")
    # One line per call, besides the run's start and end marks (no operation).
    product_calls=$({ cat "$state"/journal/*.calls.jsonl 2>/dev/null || true; } | "$PY" -c '
import json, sys
print(sum(1 for line in sys.stdin if "operation" in json.loads(line)))')
    # Where the product's time went: the recorded duration of each call, AWS API vs todo app.
    product_split=$({ cat "$state"/journal/*.calls.jsonl 2>/dev/null || true; } | "$PY" -c '
import json, sys
aws = [0, 0]; app = [0, 0]
for line in sys.stdin:
    call = json.loads(line)
    if "operation" not in call:
        continue
    side = app if call["operation"].startswith("Todo") else aws
    side[0] += 1; side[1] += call["millis"]
print(f"{aws[0]} AWS API calls {aws[1] / 1000:.2f} s, {app[0]} todo app requests {app[1] / 1000:.2f} s")')
}

run_cli() {
    local t0 t1
    t0=$(now)
    if ! PATH="$VENV/bin:$PATH" AWS_ENDPOINT_URL="$ENDPOINT" bash bench/lab.aws-cli.sh \
        3>"$scratch/cli.$1.calls" >"$scratch/cli.$1.out" 2>"$scratch/cli.$1.err"; then
        echo "lab.aws-cli.sh failed (round $1):" >&2
        cat "$scratch/cli.$1.err" >&2
        exit 1
    fi
    t1=$(now)
    cli_s=$(elapsed "$t0" "$t1")
    cli_procs=$(cat "$scratch/cli.$1.calls")
    cli_calls=$(tr ' ' '\n' <"$scratch/cli.$1.calls" | awk -F= '$1 == "aws" { print $2 }')
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "machine: $(nproc) cores, $(uname -sr); moto $("$PY" -c 'import moto; print(moto.__version__)'); $("$VENV/bin/aws" --version 2>&1)"
printf '%-6s %12s %8s %12s %8s %8s\n' round backup-lab calls aws-cli aws-runs ratio
products=()
clis=()
for round in $(seq 1 "$REPEAT"); do
    fresh_world
    run_product "$round"
    fresh_world
    run_cli "$round"
    products+=("$product_s")
    clis+=("$cli_s")
    printf '%-6s %11ss %8s %11ss %8s %7sx\n' "$round" "$product_s" "$product_calls" "$cli_s" "$cli_calls" \
        "$(awk -v a="$cli_s" -v b="$product_s" 'BEGIN { printf "%.1f", a / b }')"
done
# What one request to the todo app costs (it asks moto 3–4 things before it answers).
todo=()
for _ in 1 2 3 4 5; do
    t0=$(now)
    curl -fsS -o /dev/null "$APP_URL/api/v1/todos"
    todo+=("$(elapsed "$t0" "$(now)")")
done
stop_app

# What one AWS CLI process costs before it sends anything: interpreter and botocore start-up.
startup=()
for _ in 1 2 3; do
    t0=$(now)
    "$VENV/bin/aws" --version >/dev/null 2>&1
    startup+=("$(elapsed "$t0" "$(now)")")
done
t0=$(now)
"$VENV/bin/aws" --endpoint-url "$ENDPOINT" sts get-caller-identity >/dev/null
one_call=$(elapsed "$t0" "$(now)")

p=$(printf '%s\n' "${products[@]}" | median)
c=$(printf '%s\n' "${clis[@]}" | median)
s=$(printf '%s\n' "${startup[@]}" | median)
t=$(printf '%s\n' "${todo[@]}" | median)
ratio=$(awk -v a="$c" -v b="$p" 'BEGIN { printf "%.1f", a / b }')
echo
echo "median backup-lab run --all --yes : ${p} s  (last round: $product_split; peak RSS $product_rss_mb MB)"
echo "median bench/lab.aws-cli.sh       : ${c} s  (processes started: ${cli_procs% })"
echo "aws --version (process start-up)  : ${s} s;  one 'aws sts get-caller-identity' against moto: ${one_call} s"
echo "one todo app request (curl)       : ${t} s"
echo "ratio (aws-cli / backup-lab)      : ${ratio}x   (target >= 20x)"
verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 20) ? "met" : "MISSED" }')
echo "RESULT lab_vs_cli product_s=$p cli_s=$c ratio=$ratio aws_startup_s=$s todo_request_s=$t product_rss_mb=$product_rss_mb target_ratio=20 $verdict"
