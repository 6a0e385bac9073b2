#!/usr/bin/env python3
"""A loopback proxy in front of moto that gives the lab's resources the waits a real account has,
scaled down: moto makes everything available at once, so no waiter ever waits there.

    python bench/slow_world.py --upstream http://127.0.0.1:MOTO_PORT [--port 0] \
        [--modify 1] [--snapshot 2] [--restore 3] [--rollout 2]

Prints its port on the first line of stdout, then serves until killed. Every request is sent
on to moto; the answers are changed as time since the change asks:

- ModifyDBInstance: the instance is `modifying` for --modify seconds.
- CreateDBSnapshot: the snapshot is `creating` (PercentProgress rising) for --snapshot seconds.
- RestoreDBInstanceFromDBSnapshot: the new instance is `creating`, without an endpoint, for
  --restore seconds.
- UpdateService: for --rollout seconds the service has two deployments, the new PRIMARY one
  IN_PROGRESS with its tasks starting and the old one ACTIVE with its two tasks; then the new
  one alone, COMPLETED (moto itself keeps one deployment with the old task definition).

The waits add up to what the world makes any client wait (`--print-wait` prints the sum).
`POST /slow-world/reset` forgets every change (with moto's own reset). Binds 127.0.0.1 only.
"""

import argparse
import http.client
import http.server
import json
import re
import sys
import threading
import time
import urllib.parse

CHANGES = {}  # (kind, id) -> time of the change
LOCK = threading.Lock()
ARGS = None


def since(kind, ident):
    with LOCK:
        at = CHANGES.get((kind, ident))
    return None if at is None else time.monotonic() - at


def note(kind, ident):
    with LOCK:
        CHANGES[(kind, ident)] = time.monotonic()


def tag(block, name):
    m = re.search(rf"<{name}>([^<]*)</{name}>", block)
    return m.group(1) if m else None


def instance_block(m):
    block = m.group(0)
    ident = tag(block, "DBInstanceIdentifier")
    restored = since("restore", ident)
    modified = since("modify", ident)
    status = None
    if restored is not None and restored < ARGS.restore:
        status = "creating"
        block = re.sub(r"<Endpoint>.*?</Endpoint>", "", block, flags=re.S)
    elif modified is not None and modified < ARGS.modify:
        status = "modifying"
    if status:
        block = re.sub(
            r"<DBInstanceStatus>[^<]*</DBInstanceStatus>",
            f"<DBInstanceStatus>{status}</DBInstanceStatus>",
            block,
        )
    return block


def snapshot_block(m):
    block = m.group(0)
    ident = tag(block, "DBSnapshotIdentifier")
    taken = since("snapshot", ident)
    if taken is not None and taken < ARGS.snapshot:
        percent = int(100 * taken / ARGS.snapshot)
        block = re.sub(r"<Status>[^<]*</Status>", "<Status>creating</Status>", block)
        block = re.sub(
            r"<PercentProgress>[^<]*</PercentProgress>",
            f"<PercentProgress>{percent}</PercentProgress>",
            block,
        )
    return block


def rds_answer(body):
    text = body.decode("utf-8")
    text = re.sub(r"<DBInstance>.*?</DBInstance>", instance_block, text, flags=re.S)
    text = re.sub(r"<DBSnapshot>.*?</DBSnapshot>", snapshot_block, text, flags=re.S)
    return text.encode("utf-8")


def service_view(service):
    rolled = since("rollout", service.get("serviceName"))
    deployments = service.get("deployments") or []
    if rolled is None or not deployments:
        return service
    old = dict(deployments[0])
    new = dict(old)
    desired = service.get("desiredCount", 2)
    new.update(
        {
            "id": old["id"] + "-new",
            "status": "PRIMARY",
            "taskDefinition": service["taskDefinition"],
        }
    )
    if rolled < ARGS.rollout:
        running = min(desired, int(desired * rolled / ARGS.rollout))
        new.update(
            {
                "runningCount": running,
                "pendingCount": desired - running,
                "rolloutState": "IN_PROGRESS",
                "rolloutStateReason": "ECS deployment in progress.",
            }
        )
        old.update({"status": "ACTIVE", "runningCount": desired, "pendingCount": 0})
        service["deployments"] = [new, old]
        service["runningCount"] = desired + running
        service["pendingCount"] = desired - running
    else:
        new.update(
            {
                "runningCount": desired,
                "pendingCount": 0,
                "rolloutState": "COMPLETED",
                "rolloutStateReason": "ECS deployment completed.",
            }
        )
        service["deployments"] = [new]
        service["runningCount"] = desired
        service["pendingCount"] = 0
    return service


def ecs_answer(body):
    try:
        doc = json.loads(body)
    except ValueError:
        return body
    if isinstance(doc.get("services"), list):
        doc["services"] = [service_view(s) for s in doc["services"]]
    if isinstance(doc.get("service"), dict):
        doc["service"] = service_view(doc["service"])
    return json.dumps(doc).encode("utf-8")


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def handle_one(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path == "/slow-world/reset":
            with LOCK:
                CHANGES.clear()
            self.answer(200, "text/plain", b"reset")
            return
        target = self.headers.get("X-Amz-Target", "")
        form = {}
        if not target and body:
            form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace")).items()}
        action = form.get("Action", "")
        upstream = urllib.parse.urlsplit(ARGS.upstream)
        conn = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "host")}
        headers["Host"] = upstream.netloc
        conn.request(method, self.path, body=body, headers=headers)
        reply = conn.getresponse()
        answer = reply.read()
        status = reply.status
        kind = reply.getheader("Content-Type", "application/octet-stream")
        conn.close()
        if status < 300:
            if action == "ModifyDBInstance":
                note("modify", form.get("DBInstanceIdentifier"))
            elif action == "CreateDBSnapshot":
                note("snapshot", form.get("DBSnapshotIdentifier"))
            elif action == "RestoreDBInstanceFromDBSnapshot":
                note("restore", form.get("DBInstanceIdentifier"))
            elif target.endswith(".UpdateService"):
                try:
                    name = json.loads(body).get("service", "").split("/")[-1]
                except ValueError:
                    name = ""
                note("rollout", name)
            if action.startswith("Describe") or action in (
                "ModifyDBInstance",
                "CreateDBSnapshot",
                "RestoreDBInstanceFromDBSnapshot",
            ):
                answer = rds_answer(answer)
            elif target.endswith(".DescribeServices") or target.endswith(".UpdateService"):
                answer = ecs_answer(answer)
        self.answer(status, kind, answer)

    def answer(self, status, kind, body):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.handle_one("GET")

    def do_POST(self):
        self.handle_one("POST")


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--modify", type=float, default=1.0)
    parser.add_argument("--snapshot", type=float, default=2.0)
    parser.add_argument("--restore", type=float, default=3.0)
    parser.add_argument("--rollout", type=float, default=2.0)
    parser.add_argument("--print-wait", action="store_true")
    ARGS = parser.parse_args()
    if ARGS.print_wait:
        print(ARGS.modify + ARGS.snapshot + ARGS.restore + ARGS.rollout)
        return
    server = http.server.ThreadingHTTPServer(("127.0.0.1", ARGS.port), Proxy)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
