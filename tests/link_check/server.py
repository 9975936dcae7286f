"""A local web server for the link check's tests: every answer a partner's site may give,
on 127.0.0.1 and a free port, so no test touches the network.

- /ok: 200;                       /moved: 301 -> /ok;       /moved-twice: 308 -> /moved
- /temporary: 302 -> /ok;         /loop: 301 -> /loop       /missing: 404
- /error: 500;                    /no-head: HEAD 405, GET 200
- /slow: answers after SLOW_SECONDS, longer than the tests' timeout
- /flaky: 503 for the first `flaky_failures` requests, then 200
- /switch: `switch_status` (tests change it between runs)

`hits` counts requests by (method, path), so tests see attempts and fallbacks.
"""

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 2.0

REDIRECTS = {
    "/moved": (301, "/ok"),
    "/moved-twice": (308, "/moved"),
    "/temporary": (302, "/ok"),
    "/loop": (301, "/loop"),
}
STATUSES = {"/ok": 200, "/missing": 404, "/error": 500}


class LinkServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a /slow handler may still sleep when the tests are done

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter = Counter()
        self.flaky_failures = 0
        self.switch_status = 200
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def reset(self) -> None:
        with self.lock:
            self.hits.clear()
        self.flaky_failures = 0
        self.switch_status = 200


class Handler(BaseHTTPRequestHandler):
    server: LinkServer

    def log_message(self, format, *args):  # keep the test output clean
        pass

    def do_HEAD(self):
        self.answer("HEAD")

    def do_GET(self):
        self.answer("GET")

    def answer(self, method: str) -> None:
        path = self.path.split("?")[0]
        with self.server.lock:
            self.server.hits[(method, path)] += 1
            flaky_count = self.server.hits[("HEAD", "/flaky")]
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
            return self.respond(200)
        if path in REDIRECTS:
            status, target = REDIRECTS[path]
            return self.respond(status, {"Location": self.server.url(target)})
        if path == "/no-head":
            return self.respond(405 if method == "HEAD" else 200, {"Allow": "GET"})
        if path == "/flaky":
            return self.respond(503 if flaky_count <= self.server.flaky_failures else 200)
        if path == "/switch":
            return self.respond(self.server.switch_status)
        return self.respond(STATUSES.get(path, 404))

    def respond(self, status: int, headers: dict | None = None) -> None:
        body = b"" if self.command == "HEAD" else f"status {status}\n".encode()
        try:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass


def start() -> LinkServer:
    server = LinkServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
