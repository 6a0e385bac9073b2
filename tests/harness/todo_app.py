#!/usr/bin/env python3
"""A stand-in for the lab's todo backend, for tests against moto.

Usage:

    python tests/harness/todo_app.py --endpoint http://127.0.0.1:MOTO_PORT [--port 0]

Serves the todo API of lab/FACTS.md on 127.0.0.1 (GET/POST /api/v1/todos,
GET/DELETE /api/v1/todos/<id>) and prints the port it listens on as the first line of stdout.
Stop it by killing its pid. With --exit-with-stdin it also ends when its stdin closes: a test
binary keeps that pipe open, so the app never outlives the binary, however that ends.

moto has no database behind its RDS instances, so this app keeps the rows itself, one table per
DB instance, and before every request looks at the moto world the way the real deployment would:

- which database serves: DB_HOST of container `container-backend` in the task definition that
  service `backend-service` of cluster `workshop-cluster` runs, matched to an instance endpoint;
  no running service or no instance at that address answers 502, as the ALB would;
- a DB snapshot seen for the first time copies the current rows of its source instance (the app
  looks before it handles the request, so a snapshot taken between two requests holds the rows
  of the earlier one);
- answers are written as a MySQL-backed app writes them: `completed` as 0/1 (BOOLEAN is
  TINYINT(1)), ids as strings, and an extra `created_at`, so the tests meet that shape;
- an instance seen for the first time after start-up is seeded from what it was restored from:
  its `restored-from` tag (set by backup-lab) names a snapshot (copy its rows) or a source
  instance (point-in-time restore: copy that instance's current rows); without the tag, the
  snapshot seen last is used.

It is also an AWS endpoint in front of moto, for dump & restore: moto 5.2 cannot run awsvpc
tasks, so ECS `RunTask` and `DescribeTasks` are answered here, every other AWS request (any
path outside /api/) goes on to moto unchanged. A task moves PROVISIONING → PENDING → RUNNING →
STOPPED, one status per DescribeTasks; when it stops it does what the dump task does: the rows
of the database at SOURCE_HOST replace those at TARGET_HOST (exit code 0), provided its task
definition carries DB_USER and MYSQL_PWD; otherwise it exits with code 1, as mysql would.

With `--ecs-lag SECONDS` the ECS API it fronts is eventually consistent, as AWS documents it:
for that long after UpdateService, DescribeServices answers the service as it was right before
the update; a revision RegisterTaskDefinition made is missing from ListTaskDefinitions and
DescribeTaskDefinition answers ClientException for it; DescribeTasks answers a task RunTask
started under `failures` with reason MISSING. The app itself serves from what the service
really runs.
"""

import argparse
import http.client
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3

RESTORED_FROM = "restored-from"


class World:
    def __init__(self, endpoint, region, cluster, service, container):
        kw = dict(
            endpoint_url=endpoint,
            region_name=region,
            aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
            aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
        )
        self.rds = boto3.client("rds", **kw)
        self.ecs = boto3.client("ecs", **kw)
        self.cluster, self.service, self.container = cluster, service, container
        self.lock = threading.Lock()
        self.tables = {}  # instance id -> list of todo dicts
        self.snapshots = {}  # snapshot id -> rows copied when first seen
        self.last_snapshot = None
        self.started = False
        self.next_id = 1
        self.task_definitions = {}  # ARN -> task definition; a revision never changes
        self.endpoint = endpoint
        self.tasks = {}  # task ARN -> {"request": RunTask body, "looks": n, "exit": code}
        self.run_tasks = []  # every RunTask body, in order
        self.ecs_lag = 0.0  # seconds ECS describes lag behind writes (--ecs-lag)
        self.stale_services = None  # (until, DescribeServices body from before the update)
        self.hidden_revisions = {}  # task definition ARN -> until
        self.aws_requests = []  # operation of every AWS request received, in order

    def sync(self):
        """Notices new snapshots and instances; returns {endpoint address: instance id}."""
        for snap in self.rds.describe_db_snapshots()["DBSnapshots"]:
            sid = snap["DBSnapshotIdentifier"]
            if sid not in self.snapshots:
                source = self.tables.get(snap.get("DBInstanceIdentifier"), [])
                self.snapshots[sid] = [dict(row) for row in source]
                self.last_snapshot = sid
        addresses = {}
        for db in self.rds.describe_db_instances()["DBInstances"]:
            iid = db["DBInstanceIdentifier"]
            if iid not in self.tables:
                seed = []
                if self.started:
                    tags = {t["Key"]: t["Value"] for t in db.get("TagList", [])}
                    origin = tags.get(RESTORED_FROM)
                    if origin in self.snapshots:
                        seed = self.snapshots[origin]
                    elif origin in self.tables:
                        seed = self.tables[origin]
                    elif origin is None and self.last_snapshot is not None:
                        seed = self.snapshots[self.last_snapshot]
                self.tables[iid] = [dict(row) for row in seed]
            address = (db.get("Endpoint") or {}).get("Address")
            if address and db.get("DBInstanceStatus") != "deleting":
                addresses[address] = iid
        self.started = True
        return addresses

    def serving_table(self):
        addresses = self.sync()
        services = self.ecs.describe_services(cluster=self.cluster, services=[self.service])["services"]
        if not services or services[0].get("runningCount", 0) == 0:
            return None, "no backend task is running"
        arn = services[0]["taskDefinition"]
        td = self.task_definitions.get(arn)
        if td is None:
            td = self.ecs.describe_task_definition(taskDefinition=arn)["taskDefinition"]
            self.task_definitions[arn] = td
        host = None
        for container in td.get("containerDefinitions", []):
            if container.get("name") == self.container:
                for kv in container.get("environment", []):
                    if kv.get("name") == "DB_HOST":
                        host = kv.get("value")
        iid = addresses.get(host)
        if iid is None:
            return None, f"the backend cannot reach database {host}"
        return self.tables[iid], None


DUMP_CONTAINER = "mysql-dump"
ECS_JSON = "application/x-amz-json-1.1"
ECS_PREFIX = "AmazonEC2ContainerServiceV20141113."


def task_view(arn, task):
    """A task as DescribeTasks shows it after `looks` looks."""
    statuses = ["PROVISIONING", "PENDING", "RUNNING", "STOPPED"]
    status = statuses[min(task["looks"], len(statuses) - 1)]
    container = {"name": DUMP_CONTAINER, "lastStatus": status}
    view = {
        "taskArn": arn,
        "taskDefinitionArn": task["request"]["taskDefinition"],
        "clusterArn": task["request"]["cluster"],
        "lastStatus": status,
        "desiredStatus": "STOPPED" if status == "STOPPED" else "RUNNING",
        "startedBy": task["request"].get("startedBy"),
        "launchType": "FARGATE",
        "createdAt": task["created"],
        "containers": [container],
    }
    if status == "STOPPED":
        container["exitCode"] = task["exit"]
        view["stoppedReason"] = "Essential container in task exited"
        view["stopCode"] = "EssentialContainerExited"
        view["stoppedAt"] = time.time()
    return view


def wire(row):
    """A row as a MySQL-backed backend serializes it."""
    return {
        "id": str(row["id"]),
        "user_id": row["user_id"],
        "title": row["title"],
        "completed": 1 if row["completed"] else 0,
        "created_at": "2026-12-02 10:00:00",
    }


class Handler(BaseHTTPRequestHandler):
    world = None
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; without this, Nagle's algorithm holds the body
    # back until the client's delayed ACK on a kept-alive connection (about 40 ms a request).
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def reply(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_api(self, method):
        match = re.fullmatch(r"/api/v1/todos(?:/(\d+))?/?", self.path.split("?")[0])
        if not match:
            return self.reply(404, {"error": "not found"})
        todo_id = int(match.group(1)) if match.group(1) else None
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        world = self.world
        with world.lock:
            try:
                table, problem = world.serving_table()
            except Exception as exc:  # moto unreachable: what a broken backend would say
                return self.reply(500, {"error": str(exc)})
            if table is None:
                return self.reply(502, {"error": problem})
            if method == "GET" and todo_id is None:
                return self.reply(200, [wire(row) for row in table])
            if method == "GET":
                row = next((r for r in table if r["id"] == todo_id), None)
                return self.reply(200, wire(row)) if row else self.reply(404, {"error": "not found"})
            if method == "POST" and todo_id is None:
                try:
                    data = json.loads(raw or b"{}")
                except ValueError:
                    return self.reply(400, {"error": "invalid JSON"})
                if not isinstance(data.get("title"), str) or not data["title"]:
                    return self.reply(400, {"error": "title is required"})
                row = {
                    "id": world.next_id,
                    "user_id": 1,
                    "title": data["title"],
                    "completed": bool(data.get("completed", False)),
                }
                world.next_id += 1
                table.append(row)
                return self.reply(201, wire(row))
            if method == "DELETE" and todo_id is not None:
                row = next((r for r in table if r["id"] == todo_id), None)
                if row is None:
                    return self.reply(404, {"error": "not found"})
                table.remove(row)
                return self.reply(200, {"deleted": todo_id})
            return self.reply(405, {"error": "method not allowed"})

    def reply_raw(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def forward(self, method, raw, target=None):
        """The request sent on to moto (or, with `target`, a request of that ECS operation
        with `raw` as its body): its status, headers and body."""
        url = urllib.parse.urlsplit(self.world.endpoint)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        if target is None:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
        else:
            headers = {
                "Content-Type": ECS_JSON,
                "X-Amz-Target": target,
                "Authorization": self.headers.get("Authorization", ""),
            }
        conn.request(method, self.path, body=raw, headers=headers)
        answer = conn.getresponse()
        body = answer.read()
        conn.close()
        return answer.status, answer.getheaders(), body

    def handle_aws(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        target = self.headers.get("X-Amz-Target") or ""
        # Every AWS request as it arrives (GET /_harness/aws-requests): the JSON protocols
        # name the operation in X-Amz-Target, the query protocols (RDS, STS) in Action=.
        if target:
            operation = target.rsplit(".", 1)[-1]
        else:
            form = urllib.parse.parse_qs(raw.decode("utf-8", "replace"))
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            operation = (form.get("Action") or query.get("Action") or ["?"])[0]
        with self.world.lock:
            self.world.aws_requests.append(operation)
        if target.endswith(".RunTask"):
            return self.run_task(json.loads(raw or b"{}"))
        if target.endswith(".DescribeTasks"):
            return self.describe_tasks(json.loads(raw or b"{}"))
        if self.world.ecs_lag > 0 and target.startswith(ECS_PREFIX):
            return self.lagging_ecs(method, raw, target)
        status, headers, body = self.forward(method, raw)
        self.send_answer(status, headers, body)

    def send_answer(self, status, headers, body):
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def lagging_ecs(self, method, raw, target):
        """ECS's eventual consistency, `--ecs-lag` seconds long: after UpdateService,
        DescribeServices answers as right before it; a revision RegisterTaskDefinition made
        is not listed and cannot be described; a task RunTask started is MISSING."""
        world = self.world
        op = target.rsplit(".", 1)[-1]
        now = time.time()
        request = json.loads(raw or b"{}")
        with world.lock:
            stale = world.stale_services if world.stale_services and now < world.stale_services[0] else None
            hidden = [arn for arn, until in world.hidden_revisions.items() if now < until]
        if op == "DescribeServices" and stale is not None:
            return self.reply_raw(200, ECS_JSON, stale[1])
        if op == "DescribeTaskDefinition":
            ref = request.get("taskDefinition", "")
            if any(arn == ref or arn.endswith("/" + ref) for arn in hidden):
                return self.ecs_error("ClientException", "Unable to describe task definition.")
        before = None
        if op == "UpdateService":
            if stale is not None:
                before = stale[1]
            else:
                query = json.dumps({"cluster": request.get("cluster"), "services": [request.get("service")]}).encode()
                code, _, body = self.forward(method, query, ECS_PREFIX + "DescribeServices")
                before = body if code == 200 else None
        status, headers, body = self.forward(method, raw)
        if status == 200 and op == "UpdateService" and before is not None:
            with world.lock:
                world.stale_services = (stale[0] if stale else now + world.ecs_lag, before)
        if status == 200 and op == "RegisterTaskDefinition":
            arn = json.loads(body)["taskDefinition"]["taskDefinitionArn"]
            with world.lock:
                world.hidden_revisions[arn] = now + world.ecs_lag
        if status == 200 and op == "ListTaskDefinitions" and hidden:
            answer = json.loads(body)
            answer["taskDefinitionArns"] = [a for a in answer.get("taskDefinitionArns", []) if a not in hidden]
            body = json.dumps(answer).encode()
        self.send_answer(status, headers, body)

    def ecs_error(self, kind, message):
        body = json.dumps({"__type": kind, "message": message}).encode()
        self.reply_raw(400, ECS_JSON, body)

    def run_task(self, request):
        vpc = (request.get("networkConfiguration") or {}).get("awsvpcConfiguration") or {}
        if request.get("launchType") != "FARGATE" or not vpc.get("subnets") or not vpc.get("securityGroups"):
            return self.ecs_error("InvalidParameterException", "Fargate tasks need awsvpc subnets and security groups.")
        world = self.world
        with world.lock:
            td = world.ecs.describe_task_definition(taskDefinition=request["taskDefinition"])["taskDefinition"]
            container = next((c for c in td.get("containerDefinitions", []) if c.get("name") == DUMP_CONTAINER), {})
            names = {kv["name"] for kv in container.get("environment", [])}
            names |= {s["name"] for s in container.get("secrets", [])}
            arn = f"arn:aws:ecs:us-east-1:123456789012:task/{request['cluster']}/{len(world.tasks) + 1:032x}"
            world.tasks[arn] = {
                "request": dict(request, taskDefinition=td["taskDefinitionArn"]),
                "env": {kv["name"]: kv["value"] for kv in container.get("environment", [])},
                "looks": 0,
                "exit": 0 if {"DB_USER", "MYSQL_PWD"} <= names else 1,
                "created": time.time(),
                "visible": time.time() + world.ecs_lag,
            }
            world.run_tasks.append(request)
            view = task_view(arn, world.tasks[arn])
        self.reply_raw(200, ECS_JSON, json.dumps({"tasks": [view], "failures": []}).encode())

    def describe_tasks(self, request):
        world = self.world
        views, failures = [], []
        with world.lock:
            for arn in request.get("tasks", []):
                task = world.tasks.get(arn)
                if task is None or time.time() < task.get("visible", 0):
                    failures.append({"arn": arn, "reason": "MISSING"})
                    continue
                if task["looks"] < 3:
                    task["looks"] += 1
                    if task["looks"] == 3 and task["exit"] == 0:
                        addresses = world.sync()
                        source = addresses.get(task["env"].get("SOURCE_HOST"))
                        target = addresses.get(task["env"].get("TARGET_HOST"))
                        if source is None or target is None:
                            task["exit"] = 1
                        else:
                            world.tables[target][:] = [dict(row) for row in world.tables[source]]
                views.append(task_view(arn, task))
        self.reply_raw(200, ECS_JSON, json.dumps({"tasks": views, "failures": failures}).encode())

    def route(self, method):
        if self.path == "/_harness/aws-requests":
            with self.world.lock:
                seen = list(self.world.aws_requests)
            return self.reply(200, seen)
        if self.path.startswith("/api/"):
            return self.handle_api(method)
        return self.handle_aws(method)

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_DELETE(self):
        self.route("DELETE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True, help="moto server URL")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cluster", default="workshop-cluster")
    parser.add_argument("--service", default="backend-service")
    parser.add_argument("--container", default="container-backend")
    parser.add_argument("--ecs-lag", type=float, default=0.0,
                        help="seconds ECS describes lag behind writes (eventual consistency)")
    parser.add_argument(
        "--exit-with-stdin", action="store_true", help="end when stdin reaches end of file"
    )
    args = parser.parse_args()
    if args.exit_with_stdin:
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    Handler.world = World(args.endpoint, args.region, args.cluster, args.service, args.container)
    Handler.world.ecs_lag = args.ecs_lag
    with Handler.world.lock:
        Handler.world.sync()  # instances existing at start-up begin empty
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
