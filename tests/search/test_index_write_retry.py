"""A publish never waits for Elasticsearch/OpenSearch: with the engine down, publishing,
unpublishing and deleting succeed, the failed index writes are logged and kept, and they
are applied once the engine answers again, by the next successful write or by
`manage.py retry_index_writes`.

"The engine is back" is a small local HTTP server answering as OpenSearch does and
recording what it is sent; with SEARCH_URL set (CI), also the live node, in indices
prefixed `<SEARCH_INDEX>_pending` that the test removes afterwards."""

import io
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import override_settings

from wagtail.search.backends import get_search_backend

from materials.models import MaterialPage
from search.models import PendingIndexWrite
from tests.factories import MaterialPageFactory
from tests.materials.builders import publish
from tests.search.helpers import closed_port, engine_settings
from tests.search.live import live_backends, require_live_search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("material_indexes")]

ENGINE = "opensearch3"


class RecordingEngine(BaseHTTPRequestHandler):
    """Answers document writes as OpenSearch does and records them as (method, path)."""

    requests: list[tuple[str, str]]

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.requests.append((self.command, self.path))
        if self.path.startswith("/_bulk"):
            actions = [line for line in body.splitlines() if b'"index"' in line]
            payload = {
                "took": 1,
                "errors": False,
                "items": [{"index": {"status": 201}} for _ in actions],
            }
        else:
            payload = {"result": "deleted" if self.command == "DELETE" else "created"}
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def recording_engine():
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordingEngine)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def document_writes(server, page_id: int, method: str) -> list[str]:
    return [
        path
        for verb, path in server.requests
        if verb == method and path.split("?")[0].endswith(f"/_doc/{page_id}")
    ]


def pending_for(page) -> PendingIndexWrite | None:
    return PendingIndexWrite.objects.filter(
        content_type=ContentType.objects.get_for_model(MaterialPage), object_id=str(page.pk)
    ).first()


def down():
    return override_settings(WAGTAILSEARCH_BACKENDS=engine_settings(ENGINE, closed_port()))


def published_while_down(material_index, title: str, caplog) -> MaterialPage:
    with down(), caplog.at_level(logging.WARNING, logger="search.pending"):
        page = MaterialPageFactory(parent=material_index, title=title, live=False)
        publish(page)
    return MaterialPage.objects.get(pk=page.pk)


def test_publish_with_the_engine_down_succeeds_and_is_logged_and_queued(material_index, caplog):
    page = published_while_down(material_index, "Tidal energy models", caplog)
    assert MaterialPage.objects.get(pk=page.pk).live
    write = pending_for(page)
    assert write is not None and write.action == PendingIndexWrite.ADD
    assert write.attempts >= 1 and write.last_error
    assert "queued for retry" in caplog.text and str(page.pk) in caplog.text


def test_unpublish_and_delete_with_the_engine_down_succeed(material_index, caplog):
    page = published_while_down(material_index, "Wave tank experiments", caplog)
    with down():
        page.unpublish()
        assert not MaterialPage.objects.get(pk=page.pk).live
        page_id = page.pk
        page.delete()
    assert not MaterialPage.objects.filter(pk=page_id).exists()
    write = PendingIndexWrite.objects.get(object_id=str(page_id))
    assert write.action == PendingIndexWrite.DELETE


def test_the_command_applies_pending_writes_once_the_engine_is_back(
    material_index, caplog, recording_engine
):
    page = published_while_down(material_index, "Solar cookers", caplog)
    with down(), pytest.raises(CommandError, match="still pending"):
        call_command("retry_index_writes", stdout=io.StringIO())
    assert pending_for(page) is not None  # kept while the engine is down

    back = engine_settings(ENGINE, recording_engine.server_port)
    with override_settings(WAGTAILSEARCH_BACKENDS=back):
        call_command("retry_index_writes", stdout=io.StringIO())
    assert document_writes(recording_engine, page.pk, "PUT")
    assert pending_for(page) is None
    assert not PendingIndexWrite.objects.exists()


def test_the_next_successful_write_applies_pending_ones(material_index, caplog, recording_engine):
    gone = published_while_down(material_index, "Kites and wind", caplog)
    gone_id = gone.pk
    with down():
        gone.delete()
    waiting = published_while_down(material_index, "Rain gauges", caplog)

    back = engine_settings(ENGINE, recording_engine.server_port)
    with override_settings(WAGTAILSEARCH_BACKENDS=back):
        get_search_backend().add(MaterialPage.objects.live().first())
    assert document_writes(recording_engine, waiting.pk, "PUT")
    assert document_writes(recording_engine, gone_id, "DELETE")
    assert not PendingIndexWrite.objects.exists()


@pytest.fixture
def live_engine():
    require_live_search()
    backends = live_backends("_pending")
    prefix = backends["default"]["INDEX"]
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        backend = get_search_backend()
        yield backend
        for name in backend.es.indices.get(index=f"{prefix}_*"):
            backend.es.indices.delete(index=name)  # by name: only this test's indices


def test_a_live_engine_receives_the_pending_write(material_index, caplog, live_engine):
    page = published_while_down(material_index, "Sundials", caplog)
    call_command("retry_index_writes", stdout=io.StringIO())
    index = live_engine.get_index_for_model(MaterialPage).name
    live_engine.es.indices.refresh(index=index)
    assert live_engine.es.exists(index=index, id=str(page.pk))
    assert pending_for(page) is None
