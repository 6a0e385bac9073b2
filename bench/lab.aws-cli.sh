#!/usr/bin/env bash
# The lab's core steps (enable-backups … verify) as a plain AWS CLI script: what a learner
# or instructor would type without backup-lab. Used by bench/lab_vs_cli.sh as the baseline.
#
# Needs: `aws` (AWS CLI), curl, and jq or python3 on PATH; APP_URL (the todo app, e.g.
# http://127.0.0.1:PORT); the usual AWS environment (AWS_ENDPOINT_URL for moto, region and
# credentials). Every RDS/ECS wait uses the CLI's own waiters (RDS: every 30 s, ECS
# services-stable: every 15 s; each waiter polls once at once, then sleeps).
#
# Prints nothing but errors (and how many processes of each kind it started on fd 3 when that is
# open, e.g. `aws=11 curl=12 jq=1 python3=2`), exits
# non-zero when a step fails or the 5 todos do not come back.
set -euo pipefail

: "${APP_URL:?APP_URL must name the todo app}"
INSTANCE=${INSTANCE:-workshop-db}
SNAPSHOT=${SNAPSHOT:-ondemandbackup}
RESTORED=${RESTORED:-workshop-db-restore}
CLUSTER=${CLUSTER:-workshop-cluster}
SERVICE=${SERVICE:-backend-service}
FAMILY=${FAMILY:-workshop-backend}
CONTAINER=${CONTAINER:-container-backend}
# The course's 03:00-03:30 in Swiss local (winter) time, in UTC as the API wants it.
WINDOW_UTC=${WINDOW_UTC:-02:00-02:30}

# Processes started, one line per process (`aws`, `curl`, `python3`, `jq`), kept in a file
# because command substitutions run in subshells.
tally() { echo "$1" >>"$tmp/tally"; }
# Some AWS CLI v1 releases ignore AWS_ENDPOINT_URL; pass it explicitly when it is set.
endpoint_flag=()
if [ -n "${AWS_ENDPOINT_URL:-}" ]; then endpoint_flag=(--endpoint-url "$AWS_ENDPOINT_URL"); fi
aws_() {
    tally aws
    aws "${endpoint_flag[@]}" "$@"
}
curl_() {
    tally curl
    curl -fsS "$@"
}
py_() {
    tally python3
    python3 "$@"
}
json_edit() {
    # stdin: describe-task-definition --include TAGS output; $1: new DB_HOST.
    # Drops the read-only fields RegisterTaskDefinition rejects, keeps everything else.
    if command -v jq >/dev/null 2>&1; then
        tally jq
        jq --arg host "$1" --arg c "$CONTAINER" '
            (.taskDefinition | del(.taskDefinitionArn, .revision, .status, .requiresAttributes,
                .compatibilities, .registeredAt, .registeredBy, .deregisteredAt)
             | .containerDefinitions |= map(if .name == $c
                 then .environment |= map(if .name == "DB_HOST" then .value = $host else . end)
                 else . end))
            + (if (.tags // []) | length > 0 then {tags: .tags} else {} end)'
    else
        tally python3
        python3 -c '
import json, sys
doc = json.load(sys.stdin)
td = doc["taskDefinition"]
for k in ("taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
          "registeredAt", "registeredBy", "deregisteredAt"):
    td.pop(k, None)
for c in td.get("containerDefinitions", []):
    if c.get("name") == sys.argv[2]:
        for kv in c.get("environment", []):
            if kv.get("name") == "DB_HOST":
                kv["value"] = sys.argv[1]
if doc.get("tags"):
    td["tags"] = doc["tags"]
print(json.dumps(td))' "$1" "$CONTAINER"
    fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 2. Automated backups: retention 1 day, a window, apply immediately.
aws_ rds modify-db-instance --db-instance-identifier "$INSTANCE" --backup-retention-period 1 \
    --preferred-backup-window "$WINDOW_UTC" --apply-immediately >/dev/null
# The instance is modifying (and then taking its first backup) for a while; a snapshot needs
# it available again.
aws_ rds wait db-instance-available --db-instance-identifier "$INSTANCE"

# 3. Five todos.
for title in "Buy milk" "Prepare the lab" "Read about RPO" "Read about RTO" "Take a snapshot"; do
    curl_ -X POST -H 'Content-Type: application/json' \
        -d "{\"title\": \"$title\", \"completed\": false}" "$APP_URL/api/v1/todos" >/dev/null
done

# 4. Manual snapshot, wait until available.
aws_ rds create-db-snapshot --db-instance-identifier "$INSTANCE" --db-snapshot-identifier "$SNAPSHOT" >/dev/null
aws_ rds wait db-snapshot-available --db-snapshot-identifier "$SNAPSHOT"

# 5. The disaster: delete every todo.
for id in $(curl_ "$APP_URL/api/v1/todos" | py_ -c 'import json,sys; print(" ".join(str(t["id"]) for t in json.load(sys.stdin)))'); do
    curl_ -X DELETE "$APP_URL/api/v1/todos/$id" >/dev/null
done

# 6. Restore into a new instance with the source's security group and subnet group, Multi-AZ.
read -r sg subnet < <(aws_ rds describe-db-instances --db-instance-identifier "$INSTANCE" \
    --query 'DBInstances[0].[VpcSecurityGroups[0].VpcSecurityGroupId, DBSubnetGroup.DBSubnetGroupName]' --output text)
aws_ rds restore-db-instance-from-db-snapshot --db-instance-identifier "$RESTORED" \
    --db-snapshot-identifier "$SNAPSHOT" --db-instance-class db.t3.micro --multi-az \
    --vpc-security-group-ids "$sg" --db-subnet-group-name "$subnet" \
    --tags "Key=restored-from,Value=$SNAPSHOT" >/dev/null
aws_ rds wait db-instance-available --db-instance-identifier "$RESTORED"
endpoint=$(aws_ rds describe-db-instances --db-instance-identifier "$RESTORED" \
    --query 'DBInstances[0].Endpoint.Address' --output text)

# 7. New task definition revision with DB_HOST = the new endpoint, roll the service onto it.
aws_ ecs describe-task-definition --task-definition "$FAMILY" --include TAGS >"$tmp/current.json"
json_edit "$endpoint" <"$tmp/current.json" >"$tmp/td.json"
revision=$(aws_ ecs register-task-definition --cli-input-json "file://$tmp/td.json" \
    --query 'taskDefinition.revision' --output text)
aws_ ecs update-service --cluster "$CLUSTER" --service "$SERVICE" --task-definition "$FAMILY:$revision" >/dev/null
aws_ ecs wait services-stable --cluster "$CLUSTER" --services "$SERVICE"

# 8. The todos are back.
count=$(curl_ "$APP_URL/api/v1/todos" | py_ -c 'import json,sys; print(len(json.load(sys.stdin)))')
if [ "$count" -ne 5 ]; then
    echo "lab.aws-cli.sh: expected 5 todos after the restore, found $count" >&2
    exit 1
fi
{ sort "$tmp/tally" | uniq -c | awk '{ printf "%s=%s ", $2, $1 } END { print "" }' >&3; } 2>/dev/null || true
