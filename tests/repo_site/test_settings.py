"""Configuration comes from the environment only, and production refuses to run misconfigured.

Settings are read once per process, so each scenario starts a fresh interpreter with a clean
environment (nothing inherited from the developer's shell or CI) and a timeout.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.exceptions import ImproperlyConfigured

from repo_site.settings.environment import env_bool, env_int, env_list, env_required

PROJECT_DIR = Path(__file__).resolve().parents[2]
TIMEOUT_SECONDS = 60
PRODUCTION = "repo_site.settings.production"
SETUP = "import django; django.setup()"
# Reading a setting needs only the settings module, not the app registry: much faster.
PRINT_SETTING = "from django.conf import settings; print(repr({}))"


def clean_env(settings_module: str, **variables: str) -> dict[str, str]:
    """Only what an interpreter needs, plus the variables the scenario sets."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONDONTWRITEBYTECODE": "1"}
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    env.update(variables)
    return env


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )


def read_setting(expression: str, env: dict[str, str]) -> str:
    result = run_python(["-c", PRINT_SETTING.format(expression)], env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def strong_secret() -> str:
    return secrets.token_urlsafe(64)


# -- production refuses to start misconfigured ------------------------------------------------


def test_production_refuses_to_start_without_secret_key():
    result = run_python(["-c", SETUP], clean_env(PRODUCTION, ALLOWED_HOSTS="example.org"))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_blank_secret_key():
    env = clean_env(PRODUCTION, SECRET_KEY="   ", ALLOWED_HOSTS="example.org")
    result = run_python(["-c", SETUP], env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_python(["-c", SETUP], clean_env(PRODUCTION, SECRET_KEY=strong_secret()))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "ALLOWED_HOSTS" in result.stderr


@pytest.mark.parametrize("hosts", ["", " , ", ","], ids=["empty", "blanks", "comma"])
def test_production_refuses_allowed_hosts_that_name_no_host(hosts):
    """A value that parses to no host would start a site that answers every request with 400."""
    env = clean_env(PRODUCTION, SECRET_KEY=strong_secret(), ALLOWED_HOSTS=hosts)
    result = run_python(["-c", SETUP], env)

    assert result.returncode != 0, f"started with ALLOWED_HOSTS={hosts!r}: {result.stdout}"
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_starts_when_configured_and_ignores_debug_from_the_environment():
    env = clean_env(PRODUCTION, SECRET_KEY=strong_secret(), ALLOWED_HOSTS="a.org, b.org", DEBUG="1")

    assert read_setting("(settings.DEBUG, settings.ALLOWED_HOSTS)", env) == (
        "(False, ['a.org', 'b.org'])"
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = clean_env(
        PRODUCTION,
        SECRET_KEY=strong_secret(),
        ALLOWED_HOSTS="example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
    )
    result = run_python(["manage.py", "check", "--deploy"], env)
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "WARNINGS" not in output, output
    assert "System check identified no issues" in output, output


# -- the environment readers -------------------------------------------------------------------


def test_debug_that_is_not_a_boolean_stops_startup_with_a_clear_message():
    result = run_python(["-c", SETUP], clean_env("repo_site.settings.dev", DEBUG="maybe"))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG must be a boolean" in result.stderr
    assert "'maybe'" in result.stderr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("TRUE", True), (" yes ", True), ("on", True)]
    + [("0", False), ("False", False), ("no", False), ("off", False), ("", False)],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("STEM_TEST_FLAG", raw)

    assert env_bool("STEM_TEST_FLAG", default=not expected) is expected


def test_env_bool_uses_the_default_only_when_unset(monkeypatch):
    monkeypatch.delenv("STEM_TEST_FLAG", raising=False)

    assert env_bool("STEM_TEST_FLAG", True) is True
    assert env_bool("STEM_TEST_FLAG", False) is False


@pytest.mark.parametrize("raw", ["maybe", "2", "tru", "y e s"])
def test_env_bool_rejects_anything_else_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("STEM_TEST_FLAG", raw)

    with pytest.raises(ImproperlyConfigured, match=r"STEM_TEST_FLAG must be a boolean") as error:
        env_bool("STEM_TEST_FLAG")
    assert repr(raw) in str(error.value)


def test_env_list_splits_on_commas_and_trims(monkeypatch):
    monkeypatch.setenv("STEM_TEST_LIST", " example.org ,www.example.org,, ,  api.example.org ")

    assert env_list("STEM_TEST_LIST") == ["example.org", "www.example.org", "api.example.org"]


def test_env_list_default_only_when_unset_and_never_shared(monkeypatch):
    monkeypatch.delenv("STEM_TEST_LIST", raising=False)
    default = ["localhost"]

    result = env_list("STEM_TEST_LIST", default)
    result.append("mutated")

    assert env_list("STEM_TEST_LIST", default) == ["localhost"]
    assert env_list("STEM_TEST_LIST") == []
    monkeypatch.setenv("STEM_TEST_LIST", "")
    assert env_list("STEM_TEST_LIST", default) == []


@pytest.mark.parametrize(("raw", "expected"), [("12", 12), (" 7 ", 7), ("-3", -3), ("", 5)])
def test_env_int_reads_integers(monkeypatch, raw, expected):
    monkeypatch.setenv("STEM_TEST_NUMBER", raw)

    assert env_int("STEM_TEST_NUMBER", 5) == expected


@pytest.mark.parametrize("raw", ["ten", "1.5", "10MB", "0x10"])
def test_env_int_rejects_non_integers_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("STEM_TEST_NUMBER", raw)

    with pytest.raises(ImproperlyConfigured, match=r"STEM_TEST_NUMBER must be an integer") as error:
        env_int("STEM_TEST_NUMBER", 5)
    assert repr(raw) in str(error.value)


def test_a_non_integer_upload_limit_stops_startup():
    result = run_python(
        ["-c", SETUP], clean_env("repo_site.settings.dev", DOCUMENT_MAX_UPLOAD_MB="5MB")
    )

    assert result.returncode != 0
    assert "DOCUMENT_MAX_UPLOAD_MB must be an integer" in result.stderr


def test_env_required_names_the_missing_variable(monkeypatch):
    monkeypatch.delenv("STEM_TEST_REQUIRED", raising=False)

    with pytest.raises(ImproperlyConfigured, match="STEM_TEST_REQUIRED"):
        env_required("STEM_TEST_REQUIRED")
    monkeypatch.setenv("STEM_TEST_REQUIRED", "  value ")
    assert env_required("STEM_TEST_REQUIRED") == "value"


# -- DATABASE_URL ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "settings_module",
    ["repo_site.settings.dev", "repo_site.settings.test", PRODUCTION],
)
def test_database_url_is_honoured(settings_module):
    env = clean_env(
        settings_module,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/x",
        SECRET_KEY=strong_secret(),
        ALLOWED_HOSTS="example.org",
    )
    database = "{k: settings.DATABASES['default'][k] for k in ('ENGINE', 'NAME', 'HOST', 'PORT')}"

    assert read_setting(database, env) == repr(
        {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "x",
            "HOST": "127.0.0.1",
            "PORT": 5432,
        }
    )


def test_without_database_url_the_embedded_sqlite_database_is_used():
    engine_and_name = (
        "(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])"
    )

    assert read_setting(engine_and_name, clean_env("repo_site.settings.dev")) == repr(
        ("django.db.backends.sqlite3", str(PROJECT_DIR / "db.sqlite3"))
    )
