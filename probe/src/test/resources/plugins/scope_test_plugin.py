"""A Scope probe plugin for tests: HTTP over a UNIX socket, like Scope's example plugins.

Usage: scope_test_plugin.py <socket path> <request log> <host node id> [slow]

GET /report answers a report with one Host node (a metric, a legacy latestControls entry) and a
"ping" control; POST /control answers the control and a shortcut report. Every request line,
Host header and body is appended to the request log, so a test can check what the probe sent.
"""
import json
import os
import socketserver
import sys
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler

SOCKET, LOG, HOST_NODE = sys.argv[1], sys.argv[2], sys.argv[3]
SLOW = len(sys.argv) > 4 and sys.argv[4] == "slow"
PLUGIN_ID = os.path.splitext(os.path.basename(SOCKET))[0]
SPEC = {"id": PLUGIN_ID, "label": "Test plugin", "description": "answers pings",
        "interfaces": ["reporter", "controller"], "api_version": "1"}
CONTROLS = {"ping": {"id": "ping", "human": "Ping", "icon": "fa-bell", "rank": 1}}
pings = 0


def now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def report(extra_latest):
    ts = now()
    latest = {k: {"timestamp": ts, "value": v} for k, v in extra_latest.items()}
    return {
        "Host": {
            "nodes": {HOST_NODE: {
                "latest": latest,
                "metrics": {"pings": {"samples": [{"date": ts, "value": pings}], "min": 0, "max": 100}},
                "latestControls": {"ping": {"timestamp": ts, "value": {"dead": False}}},
            }},
            "metric_templates": {"pings": {"id": "pings", "label": "Pings", "format": "integer", "priority": 0.1}},
            "controls": CONTROLS,
        },
        "Plugins": [SPEC],
    }


class Handler(BaseHTTPRequestHandler):
    def record(self, body=b""):
        with open(LOG, "a") as log:
            log.write("%s\nHost: %s\n%s\n\n" % (self.requestline, self.headers.get("Host"), body.decode()))

    def answer(self, payload):
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.record()
        if SLOW:
            time.sleep(2)
        if self.path.startswith("/report"):
            self.answer(report({"test_plugin_pings": str(pings)}))
        else:
            self.send_error(404)

    def do_POST(self):
        global pings
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.record(body)
        request = json.loads(body)
        pings += 1
        self.answer({"value": {"pinged": request["NodeID"], "args": request["ControlArgs"]},
                     "shortcutReport": report({"test_plugin_pings": str(pings)})})

    def address_string(self):
        return "unix"

    def log_message(self, *args):
        pass


if os.path.exists(SOCKET):
    os.unlink(SOCKET)
os.makedirs(os.path.dirname(SOCKET), exist_ok=True)
with socketserver.UnixStreamServer(SOCKET, Handler) as server:
    print("listening", flush=True)
    server.serve_forever()
