"""`make serve` runs the site as in production: its script (repo_site/serve.sh, what the
make target runs) migrates, collects static files and compiles messages, then serves
with gunicorn under the production settings, over plain http on a free port
(SECURE_SSL_REDIRECT=false), with the task worker beside it and JSON request logs on.
The home page, a material, the search, a file and a static file answer; a publish's
tasks are queued in the database and run by the worker; SIGTERM stops every process.
The site serves its own copy of the session's seeded demo (tests/seeded_demo.py): the
script's own `migrate` finds it migrated, and the publish changes no other test's copy."""

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from urllib.error import HTTPError

import pytest

from tests.served_site import PROJECT_DIR, free_port, manage

BOOT_SECONDS = 240  # migrate, collectstatic and compilemessages first, on a busy machine
STOP_SECONDS = 30
TASK_SECONDS = 90

TASK_STATES = """
import json
from django_tasks_db.models import DBTaskResult
print(json.dumps(sorted(DBTaskResult.objects.values_list("task_path", "status"))))
"""
PUBLISH = """
from materials.models import MaterialPage
page = MaterialPage.objects.live().filter(locale__language_code="en").first()
page.save_revision().publish()
"""


def fetch(port: int, path: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except HTTPError as error:
        return error.code, dict(error.headers), error.read()


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def served(seeded_demo, tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    # The demo content, loaded as `make run` does (the production site has its own).
    demo = seeded_demo.copy_into(folder)
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SEARCH_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "TASKS_BACKEND")
    }
    base |= {
        "DATABASE_URL": demo.database_url,
        "MEDIA_ROOT": str(demo.media),
        "STATIC_ROOT": str(folder / "static"),
    }

    port = free_port()
    production = {
        **base,
        "DJANGO_SETTINGS_MODULE": "repo_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "2",
        "PYTHON": sys.executable,
    }
    log_path = folder / "serve.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            ["bash", "repo_site/serve.sh"],
            cwd=PROJECT_DIR,
            env=production,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole below
        )
    try:
        deadline = time.monotonic() + BOOT_SECONDS
        while True:
            assert server.poll() is None, log_path.read_text()[-4000:]
            try:
                fetch(port, "/en/")
                break
            except OSError:
                assert time.monotonic() < deadline, log_path.read_text()[-4000:]
                time.sleep(1)
        yield {"port": port, "env": production, "server": server, "log": log_path}
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def test_pages_search_files_and_static_files_answer(served):
    port = served["port"]
    status, headers, home = fetch(port, "/en/")
    assert status == 200
    status, headers, _ = fetch(port, "/admin/login/")
    assert status == 200
    assert "Secure" in headers["Set-Cookie"]  # production settings: cookies only over HTTPS

    css = re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', home)
    assert css, "no hashed stylesheet: collectstatic's manifest is not in use"
    status, headers, _ = fetch(port, css.group(1).decode())
    assert status == 200 and headers["Content-Type"].startswith("text/css")

    status, _, listing = fetch(port, "/en/materials/")
    assert status == 200
    material = re.search(rb'href="(/en/materials/[\w-]+/)"', listing).group(1).decode()
    status, _, page = fetch(port, material)
    assert status == 200

    file_url = re.search(rb'href="(/en/materials/[\w-]+/files/\d+/[^"]+)"', page)
    assert file_url, "the material lists no file"
    status, headers, body = fetch(port, file_url.group(1).decode())
    assert status == 200
    assert headers["Content-Disposition"]
    assert len(body) == int(headers["Content-Length"]) > 0

    status, _, results = fetch(port, "/en/search/?q=energy")
    assert status == 200
    assert b"/en/materials/" in results

    assert fetch(port, "/en/no-such-page/")[0] == 404


def test_each_request_is_logged_as_a_json_line(served):
    fetch(served["port"], "/en/search/?q=light")
    time.sleep(1)
    entries = [
        json.loads(line) for line in served["log"].read_text().splitlines() if line.startswith("{")
    ]
    search = [e for e in entries if e["path"] == "/en/search/"]
    assert search, entries[-5:]
    assert search[-1]["status"] == 200 and search[-1]["method"] == "GET"
    assert search[-1]["queries"] > 0 and search[-1]["duration_ms"] > 0


def test_the_worker_runs_the_tasks_a_publish_queues(served):
    env = served["env"]
    manage(env, "shell", "-c", PUBLISH)
    deadline = time.monotonic() + TASK_SECONDS
    while True:
        # The last line: `shell` may print its automatic imports first.
        states = json.loads(manage(env, "shell", "-c", TASK_STATES).splitlines()[-1])
        waiting = [path for path, status in states if status in ("READY", "RUNNING")]
        if states and not waiting:
            break
        assert time.monotonic() < deadline, f"tasks not run by the worker: {states}"
        time.sleep(2)
    paths = {path for path, _ in states}
    assert "translation.tasks.machine_translate_metadata" in paths
    assert {status for _, status in states} == {"SUCCESSFUL"}, states


def test_sigterm_stops_the_server_and_the_worker(served):
    server = served["server"]
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=STOP_SECONDS)
    deadline = time.monotonic() + STOP_SECONDS
    while group_alive(server.pid):
        assert time.monotonic() < deadline, "a process of `make serve` outlived it"
        time.sleep(0.5)
    with pytest.raises(OSError):
        fetch(served["port"], "/en/")
