"""Tasks on the database backend, as in production, for the worker tests.

The tests here build their own pages and teams with `tests.factories`."""

import pytest
from django_tasks_db.management.commands import db_worker

from repo_site.settings.tasks import task_settings


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """Tasks queued as rows of the database backend, as in production. The worker's
    between-task `close_old_connections` would close the test's transaction, so it is
    left out here (the served-site test runs the real command)."""
    settings.TASKS = task_settings("database")
    settings.TASK_MAX_ATTEMPTS = 3
    settings.TASK_RETRY_DELAY = 30
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
