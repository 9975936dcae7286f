"""Which task backend each environment uses, and where request logs are on. Production
queues tasks in the database for the worker; development and tests run them in the
request; TASKS_BACKEND chooses, and a wrong value stops start-up with a message naming the
choices. Request logs are on in production, off in development, never in tests."""

import pytest

from tests.repo_site.test_settings import (
    PRODUCTION,
    SETUP,
    clean_env,
    read_setting,
    run_python,
    strong_secret,
)

BACKEND = "settings.TASKS['default']['BACKEND']"
DATABASE = "'django_tasks_db.DatabaseBackend'"
IMMEDIATE = "'django_tasks.backends.immediate.ImmediateBackend'"


def production(**variables):
    return clean_env(PRODUCTION, SECRET_KEY=strong_secret(), ALLOWED_HOSTS="a.org", **variables)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (production(), DATABASE),
        (production(TASKS_BACKEND="immediate"), IMMEDIATE),
        (clean_env("repo_site.settings.dev"), IMMEDIATE),
        (clean_env("repo_site.settings.dev", TASKS_BACKEND="database"), DATABASE),
        (clean_env("repo_site.settings.test", TASKS_BACKEND="database"), IMMEDIATE),
    ],
)
def test_each_environment_gets_its_task_backend(env, expected):
    assert read_setting(BACKEND, env) == expected


def test_request_logs_are_on_in_production_and_off_in_development_and_tests():
    assert read_setting("settings.REQUEST_LOG", production()) == "True"
    assert read_setting("settings.REQUEST_LOG", production(REQUEST_LOG="false")) == "False"
    assert read_setting("settings.REQUEST_LOG", clean_env("repo_site.settings.dev")) == "False"
    env = clean_env("repo_site.settings.test", REQUEST_LOG="true")
    assert read_setting("settings.REQUEST_LOG", env) == "False"


def test_an_unknown_task_backend_stops_startup_naming_the_choices():
    result = run_python(["-c", SETUP], production(TASKS_BACKEND="celery"))
    assert result.returncode != 0
    assert "TASKS_BACKEND must be one of database, immediate, not 'celery'" in result.stderr
