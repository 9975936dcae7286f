"""The work index follows changes incrementally: after each publish, unpublish,
translation, delete, move, view restriction and taxonomy edit, the index a process
updated from the change log gives the same totals, hits (in order) and facet counts as
one built afresh from the database; only the "everything" changes rebuild it."""

import uuid

import pytest

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from materials.models import Discipline, HomePage, MaterialIndexPage, MaterialPage
from search import work_index
from search.engines import database
from search.engines.database import DatabaseEngine
from search.models import SearchChange, SearchGeneration
from search.query import SearchRequest
from tests.factories import MaterialPageFactory

# The work index is compared over the materials of tests/search/corpus.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("corpus")]

REQUESTS = [
    SearchRequest(language="en"),
    SearchRequest(language="de"),
    SearchRequest(language="en", sort="title"),
    SearchRequest(language="de", sort="title", page=2),
    SearchRequest(language="en", sort="downloads"),
    SearchRequest(language="en", sort="newest", page=2),
    SearchRequest(language="en", pupil_age=12),
    SearchRequest(language="en", query="material"),
    SearchRequest(language="de", query="material", all_languages=True),
    SearchRequest(language="en", selections={"country": ("DE", "NL"), "age": ("12-15",)}),
    SearchRequest(language="en", selections={"discipline": ("physics", "mathematics")}),
    SearchRequest(language="de", selections={"licence": ("cc-by",)}, sort="title"),
]


def outcomes(index, monkeypatch) -> list:
    engine = DatabaseEngine(get_search_backend())
    with monkeypatch.context() as patch:
        patch.setattr(database, "current_work_index", lambda token=None: index)
        return [engine.search(request) for request in REQUESTS]


@pytest.fixture
def builds(monkeypatch):
    """Counts the full builds the cache makes."""
    made = []
    real = work_index.build_work_index

    def counting(token):
        made.append(token)
        return real(token)

    monkeypatch.setattr(work_index, "build_work_index", counting)
    return made


def assert_same_as_fresh(monkeypatch) -> None:
    updated = work_index.current_work_index()
    fresh = work_index._cache._builder(SearchGeneration.current())  # not counted in builds
    assert updated.all_mask.bit_count() == fresh.all_mask.bit_count()
    assert outcomes(updated, monkeypatch) == outcomes(fresh, monkeypatch)
    # The publication order holds every material once, and each knows its place in it.
    order = updated.newest_order
    assert sorted(order) == work_index.positions(updated.all_mask)
    assert [updated.published_index[position] for position in order] == list(range(len(order)))
    assert order == sorted(order, key=updated.newest_key)
    holes = set(range(updated.size)) - set(order)
    assert all(updated.published_index[position] == work_index.HOLE for position in holes)


@pytest.fixture
def english_index(db):
    return MaterialIndexPage.objects.get(locale__language_code="en")


def publish(parent, **fields) -> MaterialPage:
    page = MaterialPageFactory(parent=parent, **fields)
    page.save_revision().publish()
    return page


def test_tracked_changes_update_in_place_and_agree_with_a_fresh_build(
    english_index, builds, monkeypatch
):
    work_index.current_work_index()  # warm, whatever the previous test left
    builds.clear()

    first = publish(english_index, title="Material Alpha", country="DE", age_min=12, age_max=14)
    assert_same_as_fresh(monkeypatch)
    second = publish(english_index, title="Material Beta", licence="cc-by-sa")
    second.disciplines.set(Discipline.objects.filter(locale__language_code="en")[:2])
    second.save_revision().publish()
    assert_same_as_fresh(monkeypatch)

    german = first.copy_for_translation(Locale.objects.get(language_code="de"))
    german.title = "Material Alpha auf Deutsch"
    german.save_revision().publish()
    assert_same_as_fresh(monkeypatch)

    first.unpublish()
    assert_same_as_fresh(monkeypatch)
    MaterialPage.objects.get(pk=first.pk).save_revision().publish()  # back, same key
    assert_same_as_fresh(monkeypatch)

    second.delete()
    assert_same_as_fresh(monkeypatch)

    private_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Private section", slug=f"private-{uuid.uuid4().hex[:8]}")
    )
    private_index = private_home.add_child(
        instance=MaterialIndexPage(title="Private materials", slug="materials")
    )
    PageViewRestriction.objects.create(
        page=private_home, restriction_type=PageViewRestriction.LOGIN
    )
    assert_same_as_fresh(monkeypatch)
    MaterialPage.objects.get(pk=first.pk).move(private_index, pos="last-child")
    assert_same_as_fresh(monkeypatch)
    MaterialPage.objects.get(pk=first.pk).move(english_index, pos="last-child")
    assert_same_as_fresh(monkeypatch)

    third = publish(english_index, title="Material Gamma")
    restriction = PageViewRestriction.objects.create(
        page=third, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert_same_as_fresh(monkeypatch)
    restriction.delete()
    assert_same_as_fresh(monkeypatch)

    assert builds == []  # every change above was applied without a full build
    assert work_index.current_work_index().holes > 0  # the deleted material's position


def test_a_taxonomy_edit_rebuilds_and_agrees(english_index, builds, monkeypatch):
    work_index.current_work_index()
    builds.clear()
    term = Discipline.objects.filter(locale__language_code="en").first()
    term.slug = f"{term.slug}-renamed"
    term.save()
    assert_same_as_fresh(monkeypatch)
    assert len(builds) == 1
    term.delete()
    assert_same_as_fresh(monkeypatch)
    assert len(builds) == 2


def test_a_vanished_change_forces_a_rebuild(english_index, builds, monkeypatch):
    """A rolled-back transaction takes its log rows with it (and SQLite reuses their
    ids): the index must not trust positions it updated from them."""
    publish(english_index, title="Material Delta")
    work_index.current_work_index()
    builds.clear()
    SearchChange.objects.filter(pk=work_index.current_work_index().change_id).delete()
    SearchChange.record(())  # a token change, no material named
    assert_same_as_fresh(monkeypatch)
    assert len(builds) == 1


def test_nothing_changed_costs_one_query(english_index, django_assert_num_queries):
    work_index.current_work_index()
    with django_assert_num_queries(1):
        work_index.current_work_index()


def test_a_publish_costs_a_fixed_handful_of_queries(english_index, django_assert_max_num_queries):
    work_index.current_work_index()
    publish(english_index, title="Material Epsilon")
    # token, change log, the material's rows (+ the view restrictions), three taxonomies,
    # and whether it has PD uses (the "used in PD" filter)
    with django_assert_max_num_queries(8):
        work_index.current_work_index()
