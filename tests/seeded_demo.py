"""The demo, migrated and seeded once per test session for every test that serves the site
in a process of its own, each of which works on its own copy of it.

`migrate` and `seed_demo` cost over a minute of CPU; five places used to run both into
their own SQLite file. Now the session runs them once, into a temporary folder, and each
consumer copies the database file and the media folder into its own folder, so a test that
writes (publishes, uploads, signs in) never changes what another test sees. The consumers
keep their own servers and settings; they point them at their copy (`DemoCopy.database`,
`DemoCopy.media`).
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.served_site import manage, server_env

DATABASE_NAME = "demo.sqlite3"
MEDIA_NAME = "media"
# Seeding can take several minutes on a busy machine; no test should fail for that alone.
SEED_TIMEOUT_SECONDS = 1200


@dataclass(frozen=True)
class DemoCopy:
    """One consumer's demo: a SQLite file and a media folder that only it uses."""

    database: Path
    media: Path

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database}"


@dataclass(frozen=True)
class SeededDemo:
    """The session's seeded demo. Never served or written: only copied."""

    database: Path
    media: Path

    def copy_into(self, workdir: Path) -> DemoCopy:
        """A copy of the database and the media in `workdir`. The seeding processes have
        exited, so the file is complete (SQLite's rollback journal, no WAL to carry)."""
        copy = DemoCopy(database=workdir / DATABASE_NAME, media=workdir / MEDIA_NAME)
        shutil.copyfile(self.database, copy.database)
        shutil.copytree(self.media, copy.media)
        return copy


@pytest.fixture(scope="session")
def seeded_demo(tmp_path_factory) -> SeededDemo:
    """Migrate and seed the demo once, as `make run` does, under the development settings."""
    folder = tmp_path_factory.mktemp("seeded-demo")
    demo = SeededDemo(database=folder / DATABASE_NAME, media=folder / MEDIA_NAME)
    demo.media.mkdir()
    env = server_env(demo.database, demo.media)
    manage(env, "migrate", "--no-input", timeout=SEED_TIMEOUT_SECONDS)
    manage(env, "seed_demo", timeout=SEED_TIMEOUT_SECONDS)
    return demo
