"""Running the site: /healthz for load balancers, the answer to a database outage (503
with Retry-After on the JSON APIs, the translated 500 page elsewhere), error reports.
(`check --deploy` with the production settings: tests/repo_site/test_settings.py.)"""

import json
import os
import subprocess
import sys
from unittest import mock

import pytest

import django
from django.core import mail
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client, override_settings

import wagtail

from tests.search.helpers import closed_port, engine_settings
from tests.served_site import PROJECT_DIR, python_output

pytestmark = pytest.mark.django_db

ADMINS = [("Site operations", "ops@example.org")]


def database_down(error=OperationalError):
    return mock.patch.object(
        CursorWrapper, "execute", side_effect=error("could not connect to server")
    )


# -- database outage --------------------------------------------------------------------------


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
@pytest.mark.parametrize(
    "url",
    ["/api/search/?q=light", "/api/v2/pages/", "/api/v2/pages/?type=materials.MaterialPage"],
)
def test_json_apis_answer_503_with_retry_after(url, error):
    client = Client(raise_request_exception=False)
    with database_down(error):
        response = client.get(url)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert int(response["Retry-After"]) > 0
    assert "temporarily unavailable" in response.json()["error"]
    assert "could not connect" not in response.content.decode()


@override_settings(ADMINS=ADMINS)
def test_html_pages_get_the_translated_500_page_and_admins_get_mail():
    client = Client(raise_request_exception=False)
    with database_down():
        german = client.get("/de/")
        english = client.get("/en/materials/")
    assert german.status_code == english.status_code == 500
    assert "Etwas ist schiefgelaufen" in german.content.decode()
    assert 'lang="de"' in german.content.decode()
    assert "Something went wrong" in english.content.decode()
    assert "could not connect" not in german.content.decode()
    assert [message.to for message in mail.outbox] == [["ops@example.org"]] * 2
    assert "OperationalError" in mail.outbox[0].body


class Bug(Exception):
    pass


def test_other_errors_on_the_api_stay_500s():
    """Only database outages become 503s: a bug must not look like a passing outage."""
    client = Client(raise_request_exception=False)
    with mock.patch.object(CursorWrapper, "execute", side_effect=Bug("a bug")):
        response = client.get("/api/v2/pages/")
    assert response.status_code == 500
    assert "Retry-After" not in response


# -- /healthz ----------------------------------------------------------------------------------


def assert_report_shape(payload):
    assert set(payload) == {"status", "services"}
    assert set(payload["services"]) == {"database", "cache", "search"}
    for service in payload["services"].values():
        assert set(service) == {"ok", "latency_ms"}
        assert isinstance(service["latency_ms"], int | float) and service["latency_ms"] >= 0


def assert_no_secrets_or_versions(body: str, settings):
    for secret in (
        settings.SECRET_KEY,
        str(settings.DATABASES["default"]["NAME"]),
        django.get_version(),
        wagtail.__version__,
    ):
        assert secret not in body


def test_healthz_reports_each_service_with_its_latency(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    payload = response.json()
    assert_report_shape(payload)
    assert payload["status"] == "ok"
    assert all(service["ok"] for service in payload["services"].values())
    assert "no-cache" in response["Cache-Control"]
    assert_no_secrets_or_versions(response.content.decode(), settings)


def test_healthz_is_not_redirected_or_written_to(client):
    assert client.get("/healthz/").status_code == 404  # no language redirect
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_healthz_with_the_search_engine_down_is_503(client, settings):
    port = closed_port()
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_settings("opensearch2", port)):
        response = client.get("/healthz")
    assert response.status_code == 503
    payload = response.json()
    assert_report_shape(payload)
    assert payload["status"] == "unavailable"
    services = payload["services"]
    assert (services["database"]["ok"], services["cache"]["ok"]) == (True, True)
    assert services["search"]["ok"] is False
    assert str(port) not in response.content.decode()


HEALTHZ_SCRIPT = """
import json, django
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


@pytest.mark.parametrize(
    "database_url",
    [
        "postgres://healthz:s3cret-word@127.0.0.1:1/healthz_missing",
        "sqlite:////nonexistent-directory/healthz.sqlite3",
    ],
)
def test_healthz_with_the_database_unusable_is_503(database_url):
    output = python_output(
        HEALTHZ_SCRIPT, DJANGO_SETTINGS_MODULE="repo_site.settings.test", DATABASE_URL=database_url
    )
    answer = json.loads(output)
    assert answer["status"] == 503
    assert_report_shape(answer["body"])
    services = answer["body"]["services"]
    assert services["database"]["ok"] is False
    assert services["cache"]["ok"] is True
    assert "s3cret-word" not in output


# -- production settings -----------------------------------------------------------------------


def production_env(**extra) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SENTRY_DSN", "ADMINS", "DATABASE_URL", "SEARCH_URL"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "repo_site.settings.production",
            "SECRET_KEY": "a-production-secret-key-for-the-check-" + "x7Qp2Lm9" * 4,
            "ALLOWED_HOSTS": "materials.example.org",
            "ADMINS": "Site operations <ops@example.org>",
            **extra,
        }
    )
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


SENTRY_PROBE = (
    "import sentry_sdk; from django.conf import settings; "
    "print('sentry active:', sentry_sdk.get_client().is_active(), settings.ADMINS)"
)


def sentry_active(output: str) -> str:
    return output.split("sentry active:", 1)[1].split()[0]


def test_sentry_starts_only_when_a_dsn_is_set():
    without = manage(production_env(), "shell", "-c", SENTRY_PROBE)
    assert without.returncode == 0, without.stderr
    assert sentry_active(without.stdout) == "False"
    assert "ops@example.org" in without.stdout

    dsn = "https://publickey@127.0.0.1:9/42"
    with_dsn = manage(production_env(SENTRY_DSN=dsn), "shell", "-c", SENTRY_PROBE)
    assert with_dsn.returncode == 0, with_dsn.stderr
    assert sentry_active(with_dsn.stdout) == "True"


def test_malformed_admins_are_refused_with_a_clear_message():
    result = manage(production_env(ADMINS="ops at example dot org"), "check")
    assert result.returncode != 0
    assert "ADMINS must be e-mail addresses" in result.stderr


HEALTHZ_OVER_HTTP = (
    "from django.test import Client; "
    "response = Client(HTTP_HOST='materials.example.org').get('/healthz'); "
    "print('healthz answered', response.status_code)"
)


def test_healthz_is_not_redirected_to_https_in_production(tmp_path):
    """Load balancers probe the backend over plain HTTP, which production redirects."""
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    result = manage(env, "shell", "-c", HEALTHZ_OVER_HTTP)
    assert result.returncode == 0, result.stderr
    status = int(result.stdout.split("healthz answered", 1)[1].split()[0])
    assert status in (200, 503)  # the empty database has no search tables: 503, not 301
    home = manage(env, "shell", "-c", HEALTHZ_OVER_HTTP.replace("/healthz", "/en/"))
    assert int(home.stdout.split("healthz answered", 1)[1].split()[0]) == 301
