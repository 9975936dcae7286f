"""Structured request logs: with REQUEST_LOG on, every request writes one JSON line with
its method, path (no query string), status, duration and query count; off, none."""

import json
import logging

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

FIELDS = {"time", "method", "path", "status", "duration_ms", "queries"}


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def request_log():
    """The lines the request logger writes (it does not propagate to the root logger)."""
    handler = Lines()
    logger = logging.getLogger("repo_site.requests")
    logger.addHandler(handler)
    yield handler.lines
    logger.removeHandler(handler)


@pytest.fixture
def logging_on(settings):
    settings.REQUEST_LOG = True


def only_entry(lines: list[str]) -> dict:
    assert len(lines) == 1, lines
    assert "\n" not in lines[0]
    entry = json.loads(lines[0])
    assert set(entry) == FIELDS
    return entry


def test_a_page_request_is_one_json_line(client, logging_on, request_log, home):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/")
    assert response.status_code == 200
    entry = only_entry(request_log)
    assert entry["method"] == "GET"
    assert entry["path"] == "/en/"
    assert entry["status"] == 200
    assert entry["queries"] == len(queries) > 0
    assert isinstance(entry["duration_ms"], float) and entry["duration_ms"] > 0
    assert entry["time"].endswith("+00:00")


def test_the_query_string_stays_out_and_errors_keep_their_status(
    client, logging_on, request_log, home
):
    client.get("/en/search/?q=private-words")
    client.post("/api/search/", {"q": "x"})
    client.get("/en/no-such-page/")
    entries = [json.loads(line) for line in request_log]
    assert [(e["method"], e["path"]) for e in entries] == [
        ("GET", "/en/search/"),
        ("POST", "/api/search/"),
        ("GET", "/en/no-such-page/"),
    ]
    assert entries[0]["status"] == 200
    assert entries[1]["status"] == 405
    assert entries[2]["status"] == 404
    assert not any("private-words" in line for line in request_log)


def test_off_by_default_in_tests(client, request_log, home):
    client.get("/en/")
    assert request_log == []
