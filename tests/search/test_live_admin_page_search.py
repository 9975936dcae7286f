"""The admin's page search against a live OpenSearch/Elasticsearch: the permission matrix,
an engine whose `index.max_terms_count` is lowered below the pages a translator may explore
(Wagtail's own filter fails there, the project's does not: the 100,000-material failure in
miniature), and the indexed tree paths following moves, which the engine's filter reads.

The move cases search for words only their own pages carry, so the index's leftovers of
other cases (the database rolls back, the index does not) never match.
"""

import uuid

import pytest
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.search.backends import get_search_backend

from materials.models import HomePage
from tests import factories
from tests.conftest import shared_data
from tests.search.admin_search import (
    ENGLISH_ONLY_TEXT,
    ROLES,
    SEARCHES,
    WORD,
    build_pages,
    expected,
    found,
    role_finds_what_it_may_explore,
    search_urls,
    type_use_url,
)
from tests.search.helpers import BAD_INPUT
from tests.search.live import live_engine, require_live_search

require_live_search()
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, build_pages) as built:
        yield built


@pytest.fixture(scope="module")
def engine(pages, django_db_blocker):
    with live_engine("_contract_admin", django_db_blocker) as engine:
        yield engine


@pytest.fixture
def backend(engine) -> ElasticsearchBaseSearchBackend:
    return engine.backend


def page_index(backend) -> str:
    return backend.get_index_for_model(Page).name


def refreshed(backend):
    backend.es.indices.refresh(index=page_index(backend))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", SEARCHES)
def test_each_role_finds_the_pages_it_may_explore_and_no_other(client, pages, engine, role, where):
    role_finds_what_it_may_explore(client, pages, role, search_urls(pages)[where])


@pytest.fixture
def few_terms_allowed(backend):
    """The page index accepts at most 3 terms in a terms query, as OpenSearch accepts at
    most 65,536: fewer than the pages a German translator may explore here."""
    index = page_index(backend)
    backend.es.indices.put_settings(index=index, body={"index": {"max_terms_count": 3}})
    yield 3
    backend.es.indices.put_settings(index=index, body={"index": {"max_terms_count": None}})


@pytest.mark.parametrize("role", ROLES)
def test_the_search_works_where_an_id_list_is_refused(client, pages, few_terms_allowed, role):
    make_user, scope = ROLES[role]
    client.force_login(make_user())
    for where in SEARCHES:
        assert found(client.get(search_urls(pages)[where])) == expected(pages, scope), where


def test_wagtails_own_filter_is_refused_there(pages, few_terms_allowed):
    """The failure this replaces, shown on the same engine: Wagtail's filter lists every
    page the translator may explore, more than the index accepts."""
    translator = factories.team_member("translators", "de")
    explorable = PagePermissionPolicy().explorable_instances(translator)
    assert explorable.count() > few_terms_allowed
    wagtails = Page.objects.filter(pk__in=explorable.values_list("pk", flat=True))
    with pytest.raises(Exception, match="max_terms_count"):
        list(get_search_backend().autocomplete(WORD, wagtails))


@pytest.mark.parametrize("query", BAD_INPUT + ['"a phrase" ' + WORD, "live:yes " + WORD])
def test_odd_queries_answer_200(client, pages, engine, query):
    client.force_login(factories.team_member("translators", "de"))
    for where, url in search_urls(pages, query).items():
        response = client.get(url)
        assert response.status_code == 200, where
        assert ENGLISH_ONLY_TEXT not in response.content.decode(), where


# The indexed paths follow moves.


def unique_word() -> str:
    return "zq" + uuid.uuid4().hex[:10]


def admin_finds(client, backend, user, word: str) -> set[int]:
    refreshed(backend)
    client.force_login(user)
    return found(client.get("/admin/pages/search/", {"q": word}))


def section_with_pages(parent: Page, word: str) -> tuple[Page, set[int]]:
    """A material index with a published material and a draft below it, both titled with
    `word`; the index itself is not."""
    section = factories.publish(
        factories.MaterialIndexPageFactory(parent=parent, title="Archive", slug=unique_word())
    )
    material = factories.publish(
        factories.MaterialPageFactory(parent=section, title=f"{word} material")
    )
    draft = factories.MaterialPageFactory(parent=section, title=f"{word} draft", live=False)
    draft.save_revision()
    return section, {material.pk, draft.pk}


def test_pages_moved_under_a_translators_home_are_found_by_them(client, pages, backend):
    word, translator = unique_word(), factories.team_member("translators", "de")
    english_home = HomePage.objects.get(pk=pages.english_home)
    section, below = section_with_pages(english_home, word)
    assert admin_finds(client, backend, translator, word) == set()
    section.move(Page.objects.get(pk=pages.german_home), pos="last-child")
    assert admin_finds(client, backend, translator, word) == below


def test_pages_moved_out_of_a_translators_home_are_no_longer_found(client, pages, backend):
    word, translator = unique_word(), factories.team_member("translators", "de")
    section, below = section_with_pages(HomePage.objects.get(pk=pages.german_home), word)
    assert admin_finds(client, backend, translator, word) == below
    section.move(Page.objects.get(pk=pages.english_home), pos="last-child")
    assert admin_finds(client, backend, translator, word) == set()
    assert admin_finds(client, backend, ROLES["superuser"][0](), word) == below


def test_siblings_a_move_makes_room_for_keep_their_own_visibility(client, pages, backend):
    """Putting a page before a sibling gives that sibling (and every later one) a new path:
    the page put in front takes the old one. Those who may edit the sibling still find
    what is below it, and those who may edit the page put in front find only its own."""
    english_home = HomePage.objects.get(pk=pages.english_home)
    kept_word, moved_word = unique_word(), unique_word()
    kept, below_kept = section_with_pages(english_home, kept_word)
    put_in_front, below_moved = section_with_pages(english_home, moved_word)
    kept_editor = factories.page_permission_user({kept: ("change",)})
    old_path = Page.objects.get(pk=kept.pk).path
    put_in_front.move(Page.objects.get(pk=kept.pk), pos="left")
    assert Page.objects.get(pk=put_in_front.pk).path == old_path  # the sibling moved on
    moved_editor = factories.page_permission_user(
        {Page.objects.get(pk=put_in_front.pk): ("change",)}
    )
    assert admin_finds(client, backend, kept_editor, kept_word) == below_kept
    assert admin_finds(client, backend, moved_editor, kept_word) == set()
    assert admin_finds(client, backend, moved_editor, moved_word) == below_moved


def test_the_first_move_case_fails_without_the_reindex(client, pages, backend, monkeypatch):
    """The move cases above depend on the re-index of the pages below a moved one: without
    it, the engine keeps their old paths and the translator does not find them."""
    monkeypatch.setattr("search.signals.reindex_after_move", lambda moved: None)
    word, translator = unique_word(), factories.team_member("translators", "de")
    section, below = section_with_pages(HomePage.objects.get(pk=pages.english_home), word)
    section.move(Page.objects.get(pk=pages.german_home), pos="last-child")
    assert admin_finds(client, backend, translator, word) == set()


@pytest.mark.parametrize("role", ROLES)
def test_the_page_type_listing_search_finds_only_permitted_materials(client, pages, engine, role):
    """Wagtail's filter there is `pk__in` on a page subclass, which the engine drops without
    a word: the engine counts every language's materials, and the database then drops the
    rows the user may not see, so the count and the pages of results disagree."""
    response = role_finds_what_it_may_explore(
        client, pages, role, type_use_url(), materials_only=True
    )
    assert response.context["page_obj"].paginator.count == len(found(response))
