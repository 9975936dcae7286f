"""A local OAI-PMH repository for the harvest tests: a threading http.server on a free
port, answering each query string with a recorded response kept in `responses/`.

Routes are set per test: the query's parameters (as a dict) -> a file name, raw bytes, an
HTTP status or a delay, so the harvester meets real HTTP (sockets, status codes,
timeouts) without leaving the machine. Every request is kept for the test to read.
"""

import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RESPONSES = Path(__file__).resolve().parent / "responses"


@dataclass
class Answer:
    body: bytes
    status: int = 200
    delay: float = 0.0
    location: str = ""  # a redirect's target


def response(name: str) -> bytes:
    return (RESPONSES / name).read_bytes()


class OAIServer:
    def __init__(self):
        self.routes: dict[tuple, Answer] = {}
        self.requests: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                query = urllib.parse.urlsplit(self.path).query
                params = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
                server.requests.append(params)
                # A route without `from` answers with or without it (the page is the same).
                without_from = {k: v for k, v in params.items() if k != "from"}
                answer = (
                    server.routes.get(_key(params))
                    or server.routes.get(_key(without_from))
                    or server.routes.get(_key({}))
                )
                if answer is None:
                    answer = Answer(b"<html><body>Not Found</body></html>", status=404)
                if answer.delay:
                    time.sleep(answer.delay)
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "text/xml; charset=utf-8")
                    self.send_header("Content-Length", str(len(answer.body)))
                    if answer.location:
                        self.send_header("Location", answer.location)
                    self.end_headers()
                    self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the harvester gave up waiting (the timeout test)

            def log_message(self, format, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/oai/request"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def route(
        self,
        params: dict,
        body: bytes | str,
        status: int = 200,
        delay: float = 0.0,
        location: str = "",
    ):
        """Answer requests with these parameters, or with these and a `from` ({} answers
        any other request)."""
        if isinstance(body, str):
            body = response(body)
        self.routes[_key(params)] = Answer(body, status, delay, location)

    def list_records(self, *pages: str, metadata_prefix="oai_dc", **first):
        """Route a list: the first page by its arguments, each next page by the token the
        page before it ends with."""
        self.route({"verb": "ListRecords", "metadataPrefix": metadata_prefix, **first}, pages[0])
        tokens = [_token(response(name)) for name in pages[:-1]]
        for token, name in zip(tokens, pages[1:], strict=True):
            self.route({"verb": "ListRecords", "resumptionToken": token}, name)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def _key(params: dict) -> tuple:
    return tuple(sorted(params.items()))


def _token(body: bytes) -> str:
    text = body.decode()
    start = text.index(">", text.index("<resumptionToken")) + 1
    return text[start : text.index("</resumptionToken>")]
