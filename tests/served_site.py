"""For the tests that serve the site in a process of its own (the browser tests, `make serve`,
the multi-worker search test): a free port, a clean environment and `manage.py` run in it."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(database: Path, media: Path) -> dict[str, str]:
    """A clean environment under the development settings: the site's configuration comes
    only from what is set here (no SEARCH_URL, REDIS_URL or DATABASE_URL of the caller's),
    with its own SQLite file and media folder."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "TMPDIR") if key in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="repo_site.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(media),
        PYTHONUNBUFFERED="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def python_output(script: str, **env: str) -> str:
    """The last line a Python snippet prints, run in a fresh process from the project
    directory with `env` added to this one's; the test fails with its stderr otherwise."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    """Run a management command; its output, or the test fails with its stdout and stderr."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}",
            pytrace=False,
        )
    return result.stdout
