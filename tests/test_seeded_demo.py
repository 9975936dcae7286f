"""Each served site works on its own copy of the session's seeded demo: a write to one copy
(a publish, an upload) reaches neither the seeded demo nor another copy. Checked on a small
stand-in for the demo, so no seeding is needed."""

import sqlite3
from contextlib import closing
from pathlib import Path

from tests.seeded_demo import SeededDemo


def stand_in(folder: Path) -> SeededDemo:
    """A database with one page and a media folder with one image, where seeding puts them."""
    folder.mkdir()
    demo = SeededDemo(database=folder / "demo.sqlite3", media=folder / "media")
    with closing(sqlite3.connect(demo.database)) as connection:
        connection.execute("CREATE TABLE page (title TEXT)")
        connection.execute("INSERT INTO page VALUES ('Home')")
        connection.commit()
    (demo.media / "original_images").mkdir(parents=True)
    (demo.media / "original_images" / "cover.png").write_bytes(b"cover")
    return demo


def titles(database: Path) -> list[str]:
    with closing(sqlite3.connect(database)) as connection:
        return [title for (title,) in connection.execute("SELECT title FROM page ORDER BY title")]


def media_files(media: Path) -> list[str]:
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


def test_a_copy_holds_the_database_and_the_media_in_its_own_folder(tmp_path):
    demo = stand_in(tmp_path / "seeded")
    workdir = tmp_path / "consumer"
    workdir.mkdir()

    copy = demo.copy_into(workdir)

    assert copy.database.parent == workdir and copy.media.parent == workdir
    assert copy.database_url == f"sqlite:///{copy.database}"
    assert titles(copy.database) == ["Home"]
    assert media_files(copy.media) == ["original_images/cover.png"]
    assert (copy.media / "original_images" / "cover.png").read_bytes() == b"cover"


def test_writes_to_one_copy_reach_neither_the_demo_nor_another_copy(tmp_path):
    demo = stand_in(tmp_path / "seeded")
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    writer, reader = demo.copy_into(first), demo.copy_into(second)

    with closing(sqlite3.connect(writer.database)) as connection:
        connection.execute("INSERT INTO page VALUES ('Published')")
        connection.commit()
    (writer.media / "documents").mkdir()
    (writer.media / "documents" / "upload.pdf").write_bytes(b"%PDF-")
    (writer.media / "original_images" / "cover.png").write_bytes(b"replaced")

    assert titles(writer.database) == ["Home", "Published"]
    for untouched in (demo, reader):
        assert titles(untouched.database) == ["Home"]
        assert media_files(untouched.media) == ["original_images/cover.png"]
        assert (untouched.media / "original_images" / "cover.png").read_bytes() == b"cover"
