"""The live engine's index follows every change that alters what a visitor may find:
publish, unpublish, move, delete, a translation's publish, a taxonomy label edit and a
view restriction. Drafts, private and restricted materials are never found.

Each case searches for a word only its own material carries, so the suite's own changes
(which the database rolls back but the index keeps) never disturb another case.
Before each case the index is put back to the database's state, so totals stay exact.
"""

import uuid

import pytest

from wagtail.models import Locale, Page, PageViewRestriction

from materials.models import Discipline, HomePage, MaterialIndexPage, MaterialPage
from search.query import SearchRequest
from tests.factories import MaterialPageFactory, PDUseFactory
from tests.search.live import live_engine, require_live_search
from translation.machine_metadata import reindex_source
from translation.models import MachineMetadata

require_live_search()
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def engine(corpus, django_db_setup, django_db_blocker):
    """The live engine over the materials of tests/search/corpus.py."""
    with live_engine("_contract_changes", django_db_blocker) as engine:
        yield engine


@pytest.fixture(autouse=True)
def index_matches_the_database(engine, django_db_blocker):
    """The database rolls each case back, the index does not: before a case, drop the
    documents of pages that no longer exist and re-index the live materials."""
    backend, index = engine.backend, engine.backend.get_index_for_model(MaterialPage).name
    with django_db_blocker.unblock():
        backend.es.indices.refresh(index=index)
        indexed = backend.es.search(
            index=index, body={"query": {"match_all": {}}, "_source": False, "size": 10_000}
        )
        indexed_ids = {int(hit["_id"]) for hit in indexed["hits"]["hits"]}
        stale = indexed_ids - set(
            Page.objects.filter(pk__in=indexed_ids).values_list("pk", flat=True)
        )
        for page_id in stale:
            backend.es.delete(index=index, id=page_id)
        live = MaterialPage.objects.live().prefetch_related(
            "disciplines", "resource_languages", "diversity_dimensions"
        )
        backend.add_bulk(MaterialPage, list(live))
        backend.es.indices.refresh(index=index)


def unique_word() -> str:
    return "zq" + uuid.uuid4().hex[:10]


def refreshed(engine):
    """Writes become searchable at the engine's next refresh (about a second); a test
    asks for it at once."""
    engine.backend.es.indices.refresh(index=engine.backend.get_index_for_model(MaterialPage).name)
    return engine


def found(engine, word: str, language: str = "en", **request) -> set:
    refreshed(engine)
    outcome = engine.search(SearchRequest(language=language, query=word, **request))
    return {hit.page_id for hit in outcome.hits}


def browse_total(engine, language: str = "en") -> int:
    refreshed(engine)
    return engine.search(SearchRequest(language=language)).total


def published_material(index: MaterialIndexPage, word: str, **fields) -> MaterialPage:
    material = MaterialPageFactory(parent=index, title=f"Material {word}", **fields)
    material.save_revision().publish()
    return material


@pytest.fixture
def english_index(db):
    return MaterialIndexPage.objects.get(locale__language_code="en")


def test_publish_makes_a_material_findable_and_counted(engine, english_index):
    word, before = unique_word(), browse_total(engine)
    material = published_material(english_index, word)
    assert found(engine, word) == {material.pk}
    assert found(engine, word, all_languages=True) == {material.pk}
    assert browse_total(engine) == before + 1


def test_a_draft_is_never_found(engine, english_index):
    word, before = unique_word(), browse_total(engine)
    draft = MaterialPageFactory(parent=english_index, title=f"Material {word}", live=False)
    draft.save_revision()
    assert found(engine, word) == set()
    assert found(engine, word, all_languages=True) == set()
    assert browse_total(engine) == before


def test_a_live_material_with_a_new_draft_is_found_by_its_live_text(engine, english_index):
    live_word, draft_word = unique_word(), unique_word()
    material = published_material(english_index, live_word)
    material.title = f"Material {draft_word}"
    material.save_revision()  # not published
    assert found(engine, live_word) == {material.pk}
    assert found(engine, draft_word) == set()


def test_unpublish_removes_a_material(engine, english_index):
    word, before = unique_word(), browse_total(engine)
    material = published_material(english_index, word)
    material.unpublish()
    assert found(engine, word) == set()
    assert browse_total(engine) == before


def test_delete_removes_a_material(engine, english_index):
    word, before = unique_word(), browse_total(engine)
    material = published_material(english_index, word)
    material.delete()
    assert found(engine, word) == set()
    assert browse_total(engine) == before


@pytest.mark.parametrize("restriction_type", ["password", "login"])
def test_a_view_restriction_hides_a_material_until_it_is_removed(
    engine, english_index, restriction_type
):
    word, before = unique_word(), browse_total(engine)
    material = published_material(english_index, word)
    restriction = PageViewRestriction.objects.create(
        page=material, restriction_type=restriction_type, password="secret"
    )
    assert found(engine, word) == set()
    assert found(engine, word, all_languages=True) == set()
    assert browse_total(engine) == before
    restriction.delete()
    assert found(engine, word) == {material.pk}
    assert browse_total(engine) == before + 1


def test_a_restriction_on_an_ancestor_hides_every_material_below_it(engine, english_index):
    before = browse_total(engine)
    restriction = PageViewRestriction.objects.create(
        page=english_index, restriction_type=PageViewRestriction.LOGIN
    )
    assert browse_total(engine) == 0  # every English material is below it
    restriction.delete()
    assert browse_total(engine) == before


def test_moving_into_a_private_section_hides_a_material_and_back_shows_it(engine, english_index):
    word = unique_word()
    material = published_material(english_index, word)
    private_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Private section", slug=f"private-{word}")
    )
    private_index = private_home.add_child(
        instance=MaterialIndexPage(title="Private materials", slug="materials")
    )
    PageViewRestriction.objects.create(
        page=private_home, restriction_type=PageViewRestriction.LOGIN
    )
    material.move(private_index, pos="last-child")
    assert found(engine, word) == set()
    MaterialPage.objects.get(pk=material.pk).move(english_index, pos="last-child")
    assert found(engine, word) == {material.pk}


def test_a_translation_replaces_the_fallback_once_published(engine, english_index):
    english_word, german_word = unique_word(), unique_word()
    material = published_material(english_index, english_word)
    assert found(engine, english_word, "de") == {material.pk}  # the English fallback

    german = material.copy_for_translation(Locale.objects.get(language_code="de"))
    german.title = f"Material {german_word}"
    german.save_revision()
    assert found(engine, german_word, "de") == set()  # a draft translation
    german.get_latest_revision().publish()

    assert found(engine, german_word, "de") == {german.pk}
    assert found(engine, english_word, "de") == set()  # no longer in the German scope
    assert found(engine, english_word, "en") == {material.pk}
    outcome = engine.search(SearchRequest(language="en", query=english_word))
    assert outcome.hits[0].languages == ("de", "en")  # the other version was re-indexed


@pytest.mark.parametrize("withdraw", ["unpublish", "delete", "delete its section"])
def test_a_withdrawn_translation_brings_the_fallback_back(engine, english_index, withdraw):
    """The source version's document holds the languages its material is live in: the
    scope filter and the hits' languages read them, so withdrawing a translation must
    re-index it."""
    word = unique_word()
    material = published_material(english_index, word)
    german = material.copy_for_translation(Locale.objects.get(language_code="de"))
    german.save_revision().publish()
    assert found(engine, word, "de") == {german.pk}

    german = MaterialPage.objects.get(pk=german.pk)
    if withdraw == "delete its section":
        german.get_parent().delete()  # the German material index, with every page below
    else:
        getattr(german, withdraw)()

    assert found(engine, word, "de") == {material.pk}
    outcome = engine.search(SearchRequest(language="de", query=word))
    assert (outcome.hits[0].languages, outcome.hits[0].is_fallback) == (("en",), True)


def test_a_label_edit_in_any_language_finds_the_materials_using_the_term(engine):
    canonical = Discipline.objects.filter(locale__language_code="en").first()
    german = Discipline.objects.get(
        locale__language_code="de", translation_key=canonical.translation_key
    )
    users = set(
        MaterialPage.objects.live()
        .filter(locale__language_code="en", disciplines=canonical)
        .values_list("translation_key", flat=True)
    )
    assert users
    word = unique_word()
    german.name = f"Fach {word}"
    german.save()
    outcome = refreshed(engine).search(SearchRequest(language="en", query=word))
    assert {hit.translation_key for hit in outcome.hits} == users
    assert outcome.total == len(users)


def test_labels_in_every_language_find_the_same_materials(engine):
    canonical = Discipline.objects.filter(locale__language_code="en").first()
    labels = Discipline.objects.filter(translation_key=canonical.translation_key)
    totals = {
        label.locale.language_code: engine.search(
            SearchRequest(language="en", query=label.name, selections={})
        ).total
        for label in labels.select_related("locale")
    }
    users = (
        MaterialPage.objects.live()
        .filter(locale__language_code="en", disciplines=canonical)
        .count()
    )
    assert len(totals) > 1
    for language, total in totals.items():
        assert total >= users, language


def store_machine_text(page, language: str, title: str) -> None:
    MachineMetadata.objects.update_or_create(
        translation_key=page.translation_key,
        locale=Locale.objects.get(language_code=language),
        defaults={"title": title, "source_fingerprint": "-", "provider": "test"},
    )
    reindex_source(page.translation_key)


def test_machine_text_finds_an_untranslated_material_until_a_human_translation_is_live(
    engine, english_index
):
    word, machine_word = unique_word(), unique_word()
    material = published_material(english_index, word)
    assert found(engine, f"ενέργεια {machine_word}", language="el") == set()
    store_machine_text(material, "el", f"Εξοικονόμηση ενέργειας {machine_word}")
    # The genitive was stored, the nominative typed: the visitor's stemmer meets both.
    assert found(engine, f"ενέργεια {machine_word}", language="el") == {material.pk}
    store_machine_text(material, "de", f"Gezeiten {machine_word}")
    assert found(engine, machine_word, language="de") == {material.pk}
    german = material.copy_for_translation(Locale.objects.get(language_code="de"))
    german.title = f"Material {word}"
    german.save_revision().publish()  # replaces the German machine text
    assert found(engine, f"Gezeiten {machine_word}", language="de") == set()
    assert found(engine, f"ενέργεια {machine_word}", language="el") == {material.pk}


def test_recording_and_deleting_a_pd_use_moves_a_material_in_and_out_of_used_in_pd(
    engine, english_index
):
    word = unique_word()
    material = published_material(english_index, word)
    used = {"selections": {"used": ("yes",)}}
    assert found(engine, word, **used) == set()
    use = PDUseFactory(material=material)
    assert found(engine, word, **used) == {material.pk}
    use.delete()
    assert found(engine, word, **used) == set()
