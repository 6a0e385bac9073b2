#!/usr/bin/env bash
# Benchmark 1b: the whole lab headless (`backup-lab run --all --yes`) against a world with small,
# realistic waits, versus the same lab as the AWS CLI script with its waiters
# (bench/lab.aws-cli.sh), and versus the world's own waiting.
#
#   bench/lab_slow_world.sh        # REPEAT=3 rounds; BIN defaults to target/release/backup-lab
#
# moto makes every resource available at once, so against moto alone no waiter ever waits.
# Here bench/slow_world.py sits between the clients and moto and makes them wait as an account
# does, scaled down: the source instance `modifying` for MODIFY_S after ModifyDBInstance, the
# snapshot `creating` for SNAPSHOT_S, the restored instance `creating` for RESTORE_S, the
# rollout IN_PROGRESS (old and new deployment side by side) for ROLLOUT_S. Their sum is the
# world's own waiting: no client can finish the lab sooner.
#
# Each round: reset moto and the proxy, build the world (tests/harness/world.py), start a fresh
# todo app, time backup-lab; reset, rebuild, fresh todo app, time the CLI script. Prints every
# round, the medians, both ratios and a machine-readable `RESULT lab_slow_world …` line.
#
# Environment: REPEAT, VENV (moto_server and a python with boto3; default .venv), AWS_CLI
# (default $VENV/bin/aws), BIN, MODIFY_S SNAPSHOT_S RESTORE_S ROLLOUT_S (default 1 2 3 2),
# KEEP=1 keeps the scratch dir.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

REPEAT=${REPEAT:-3}
VENV=${VENV:-$ROOT/.venv}
AWS_CLI=${AWS_CLI:-$VENV/bin/aws}
BIN=${BIN:-$ROOT/target/release/backup-lab}
PY=$VENV/bin/python
MODIFY_S=${MODIFY_S:-1}
SNAPSHOT_S=${SNAPSHOT_S:-2}
RESTORE_S=${RESTORE_S:-3}
ROLLOUT_S=${ROLLOUT_S:-2}

for need in "$VENV/bin/moto_server" "$PY" "$AWS_CLI" "$BIN"; do
    if [ ! -x "$need" ]; then
        echo "lab_slow_world.sh: missing $need" >&2
        echo "  python3 -m venv .venv && .venv/bin/pip install 'moto[server]>=5.2,<5.3' boto3 awscli" >&2
        echo "  cargo build --release" >&2
        exit 2
    fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/lab_slow_world.XXXXXX")
moto_pid=""
proxy_pid=""
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
    for pid in "$proxy_pid" "$moto_pid"; do
        if [ -n "$pid" ]; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
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
MOTO="http://127.0.0.1:$port"
MOTO_ECS_SERVICE_RUNNING=2 "$VENV/bin/moto_server" -H 127.0.0.1 -p "$port" >"$scratch/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$MOTO/moto-api/data.json" 2>/dev/null; then break; fi
    if ! kill -0 "$moto_pid" 2>/dev/null; then
        echo "moto_server exited:" >&2
        cat "$scratch/moto.log" >&2
        exit 1
    fi
    sleep 0.05
done
: >"$scratch/proxy.port"
"$PY" bench/slow_world.py --upstream "$MOTO" --modify "$MODIFY_S" --snapshot "$SNAPSHOT_S" \
    --restore "$RESTORE_S" --rollout "$ROLLOUT_S" >"$scratch/proxy.port" 2>"$scratch/proxy.log" &
proxy_pid=$!
for _ in $(seq 1 400); do
    if [ -s "$scratch/proxy.port" ]; then break; fi
    sleep 0.05
done
ENDPOINT="http://127.0.0.1:$(head -n1 "$scratch/proxy.port")"
WORLD_S=$("$PY" bench/slow_world.py --upstream "$MOTO" --modify "$MODIFY_S" --snapshot "$SNAPSHOT_S" \
    --restore "$RESTORE_S" --rollout "$ROLLOUT_S" --print-wait)

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# A fresh world (moto and the proxy reset) and a fresh todo app; sets APP_URL.
fresh_world() {
    stop_app
    curl -fsS -X POST -o /dev/null "$MOTO/moto-api/reset"
    curl -fsS -X POST -o /dev/null "$ENDPOINT/slow-world/reset"
    "$PY" tests/harness/world.py --endpoint "$MOTO" >"$scratch/world.json"
    : >"$scratch/app.port"
    "$PY" tests/harness/todo_app.py --endpoint "$MOTO" >"$scratch/app.port" 2>"$scratch/app.log" &
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
    t0=$(now)
    if ! AWS_ENDPOINT_URL="$ENDPOINT" "$BIN" --lang en --state-dir "$state" --app-url "$APP_URL" \
        run --all --yes >"$scratch/product.$1.out" 2>"$scratch/product.$1.err"; then
        echo "backup-lab run --all failed (round $1):" >&2
        cat "$scratch/product.$1.err" "$scratch/product.$1.out" >&2
        exit 1
    fi
    t1=$(now)
    product_s=$(elapsed "$t0" "$t1")
    product_calls=$({ cat "$state"/journal/*.calls.jsonl 2>/dev/null || true; } | wc -l)
    product_aws=$({ cat "$state"/journal/*.calls.jsonl 2>/dev/null || true; } | grep -vc '"operation":"Todo' || true)
}

run_cli() {
    local t0 t1
    t0=$(now)
    if ! PATH="$(dirname "$AWS_CLI"):$VENV/bin:$PATH" AWS_ENDPOINT_URL="$ENDPOINT" bash bench/lab.aws-cli.sh \
        3>"$scratch/cli.$1.calls" >"$scratch/cli.$1.out" 2>"$scratch/cli.$1.err"; then
        echo "lab.aws-cli.sh failed (round $1):" >&2
        cat "$scratch/cli.$1.err" >&2
        exit 1
    fi
    t1=$(now)
    cli_s=$(elapsed "$t0" "$t1")
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "machine: $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg); moto $("$PY" -c 'import moto; print(moto.__version__)'); $("$AWS_CLI" --version 2>&1)"
echo "world: modify ${MODIFY_S} s, snapshot ${SNAPSHOT_S} s, restore ${RESTORE_S} s, rollout ${ROLLOUT_S} s = ${WORLD_S} s of waiting"
printf '%-6s %12s %10s %12s %12s %12s\n' round backup-lab calls aws-cli cli/lab lab/world
products=()
clis=()
for round in $(seq 1 "$REPEAT"); do
    fresh_world
    run_product "$round"
    fresh_world
    run_cli "$round"
    products+=("$product_s")
    clis+=("$cli_s")
    printf '%-6s %11ss %10s %11ss %11sx %11sx\n' "$round" "$product_s" "$product_aws+$((product_calls - product_aws))" "$cli_s" \
        "$(ratio "$cli_s" "$product_s")" "$(ratio "$product_s" "$WORLD_S")"
done
stop_app

p=$(printf '%s\n' "${products[@]}" | median)
c=$(printf '%s\n' "${clis[@]}" | median)
vs_cli=$(ratio "$c" "$p")
vs_world=$(ratio "$p" "$WORLD_S")
echo
echo "median backup-lab run --all --yes : ${p} s  (last round: $product_aws AWS calls, $((product_calls - product_aws)) todo app requests)"
echo "median bench/lab.aws-cli.sh       : ${c} s"
echo "the world's own waiting           : ${WORLD_S} s"
echo "aws-cli / backup-lab              : ${vs_cli}x   (target >= 8x)"
echo "backup-lab / world's waiting      : ${vs_world}x   (target <= 1.5x)"
verdict=$(awk -v a="$vs_cli" -v b="$vs_world" 'BEGIN { print (a >= 8 && b <= 1.5) ? "met" : "MISSED" }')
echo "RESULT lab_slow_world product_s=$p cli_s=$c world_s=$WORLD_S cli_ratio=$vs_cli world_ratio=$vs_world target_cli=8 target_world=1.5 $verdict"
