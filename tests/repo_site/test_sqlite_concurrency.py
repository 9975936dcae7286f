"""The embedded default holds a small team: 20 publishes at the same moment through the ORM,
and 20 through the admin's page editor, all succeed on a file-based SQLite database, and
the page tree stays sound (`fixtree`). Before IMMEDIATE transactions and a busy timeout,
19 of 20 ORM publishes and every admin publish failed with "database is locked"."""

import json
import os
import subprocess
import sys

from django.conf import settings

from tests.served_site import PROJECT_DIR

SCRIPT = PROJECT_DIR / "tests" / "repo_site" / "concurrent_publish.py"


def run(*args: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "repo_site.settings.test"}
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


def test_the_sqlite_settings_queue_writers_instead_of_failing():
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        assert options["transaction_mode"] == "IMMEDIATE"
        assert options["timeout"] >= 5


def test_twenty_concurrent_publishes_through_the_orm_and_the_admin_all_succeed(tmp_path):
    database = tmp_path / "concurrent.sqlite3"
    run("setup", str(database))

    outcome = json.loads(run("publish", str(database)).strip().splitlines()[-1])

    assert outcome["orm_errors"] == []
    assert outcome["orm_revised"] == 20
    assert outcome["admin_errors"] == []
    assert outcome["admin_published"] == 20
    assert outcome["fixtree"].count("No problems found.") == 2, outcome["fixtree"]
