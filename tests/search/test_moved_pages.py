"""Which pages a move gives new tree paths, and that each is re-indexed as its own page
type: the engine filters the admin's page search on the paths it holds (search.admin_pages),
so none may stay stale. The live engine's side is in test_live_admin_page_search.py."""

import pytest

from wagtail.models import Page

from materials.models import MaterialIndexPage, MaterialPage, StandardPage
from search import moved_pages
from tests import factories

pytestmark = pytest.mark.django_db


class RecordingBackend:
    """Stands in for an auto-updated search backend: keeps what it is asked to index."""

    def __init__(self):
        self.writes: list[tuple[type, list]] = []

    def add_bulk(self, model, objects):
        self.writes.append((model, list(objects)))

    def add(self, obj):
        self.writes.append((type(obj), [obj]))

    def delete(self, obj):
        pass

    def indexed(self) -> dict[int, type]:
        return {obj.pk: type(obj) for _, objects in self.writes for obj in objects}


@pytest.fixture
def recorder(monkeypatch):
    backend = RecordingBackend()
    monkeypatch.setattr(moved_pages, "get_search_backends", lambda **kwargs: [backend])
    return backend


@pytest.fixture
def tree(db):
    """Under the English home: three sections, each a material index with a material."""
    home = factories.site_tree("en").home
    sections = []
    for number in range(3):
        section = factories.MaterialIndexPageFactory(parent=home, slug=f"section-{number}")
        factories.MaterialPageFactory(parent=section, title=f"In section {number}")
        sections.append(section)
    return home, sections


def subtree(page) -> set[int]:
    return set(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))


def test_a_move_to_the_end_re_indexes_the_moved_pages_only(tree, recorder):
    home, (first, second, third) = tree
    german = Page.objects.get(pk=factories.site_tree("de").home.pk)  # current numchild
    before = {page.pk: page.path for page in Page.objects.all()}
    first.move(german, pos="last-child")
    changed = {pk for pk, path in Page.objects.values_list("pk", "path") if before[pk] != path}
    assert changed == subtree(first)
    assert set(recorder.indexed()) == subtree(first)


def test_a_reorder_re_indexes_every_sibling_that_got_a_new_path(tree, recorder):
    home, (first, second, third) = tree
    before = {page.pk: page.path for page in Page.objects.all()}
    third.move(Page.objects.get(pk=second.pk), pos="left")
    changed = {pk for pk, path in Page.objects.values_list("pk", "path") if before[pk] != path}
    assert changed >= subtree(Page.objects.get(pk=second.pk))  # the sibling made room
    assert changed <= set(recorder.indexed())
    assert not set(recorder.indexed()) & subtree(first)  # an earlier sibling kept its path


def test_every_page_type_is_indexed_as_itself(tree, recorder):
    home, (first, *_) = tree
    factories.StandardPageFactory(parent=first, title="Guidelines")
    first.move(Page.objects.get(pk=factories.site_tree("de").home.pk), pos="last-child")
    types = set(recorder.indexed().values())
    assert {MaterialIndexPage, MaterialPage, StandardPage} <= types
    assert Page not in types
    assert all(model is type(objects[0]) for model, objects in recorder.writes)


def test_large_moves_are_written_in_batches(tree, recorder, monkeypatch):
    home, (first, *_) = tree
    for number in range(5):
        factories.MaterialPageFactory(parent=first, title=f"More {number}")
    monkeypatch.setattr(moved_pages, "BATCH", 2)
    recorder.writes.clear()
    moved_pages.reindex_pages(MaterialPage.objects.child_of(first))
    assert [len(objects) for _, objects in recorder.writes] == [2, 2, 2]
