"""The request the admin's page search sends to Elasticsearch/OpenSearch, captured without a
server: the search client's `search` and `count` record their bodies and answer empty.

Wagtail's own filter is a `terms` query of every explorable page id, which the engine
refuses past `index.max_terms_count` (65,536). The project's sends no filter for those who
may explore every page, and a prefix per permitted subtree plus a handful of ancestor paths
for the others: nothing that grows with the site.
"""

import pytest
from opensearchpy import OpenSearch

from django.test import override_settings

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.search.backends import get_search_backend

from search.backends.elasticsearch import FoldingMapping
from tests import factories
from tests.conftest import shared_data
from tests.search.admin_search import ROLES, WORD, build_pages, search_urls, type_use_url
from tests.search.helpers import closed_port, engine_settings

pytestmark = pytest.mark.django_db

EMPTY_ANSWER = {
    "hits": {"hits": [], "total": {"value": 0, "relation": "eq"}},
    "aggregations": {"content_type_id": {"buckets": []}},
}


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, build_pages) as built:
        yield built


@pytest.fixture
def sent(monkeypatch):
    """The bodies of every search and count request, sent to a client that never connects."""
    bodies: list[dict] = []

    def record(answer):
        def method(client, *args, body=None, **kwargs):
            bodies.append(body if body is not None else {"query": kwargs.get("query")})
            return answer

        return method

    monkeypatch.setattr(OpenSearch, "search", record(EMPTY_ANSWER))
    monkeypatch.setattr(OpenSearch, "count", record({"count": 0}))
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_settings("opensearch2", closed_port())):
        yield bodies


def columns() -> dict[str, str]:
    mapping = FoldingMapping(Page)
    return {
        field.field_name: mapping.get_field_column_name(field)
        for field in Page.search_fields
        if field.field_name in ("id", "path")
    }


def clauses(body: dict, kind: str):
    """Every `kind` clause ("terms", "prefix", ...) of a request's query (its aggregations,
    such as the content-type facet, are not filters)."""
    return list(within(body["query"], kind))


def within(node, kind: str):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == kind:
                yield value
            yield from within(value, kind)
    elif isinstance(node, list):
        for value in node:
            yield from within(value, kind)


@pytest.mark.parametrize("role", ["superuser", "editor", "moderator"])
@pytest.mark.parametrize("where", ["page search", "explorer, whole tree"])
def test_no_permission_filter_for_those_who_may_explore_every_page(
    client, pages, sent, role, where
):
    client.force_login(ROLES[role][0]())
    assert client.get(search_urls(pages)[where]).status_code == 200
    assert sent, "no request reached the engine"
    for body in sent:
        assert (clauses(body, "terms")) == []
        assert (clauses(body, "prefix")) == []


@pytest.mark.parametrize("role", ["german translator", "german reviewer"])
@pytest.mark.parametrize("where", ["page search", "explorer, whole tree"])
def test_a_translator_sends_their_subtree_and_the_root_path_only(client, pages, sent, role, where):
    client.force_login(ROLES[role][0]())
    assert client.get(search_urls(pages)[where]).status_code == 200
    column = columns()
    home_path = Page.objects.get(pk=pages.german_home).path
    assert sent, "no request reached the engine"
    for body in sent:
        assert {column["path"]: home_path} in (clauses(body, "prefix"))
        assert (clauses(body, "terms")) == [{column["path"]: [Page.get_first_root_node().path]}]


def test_the_explorer_below_a_page_sends_prefixes_only(client, pages, sent):
    """Searching below the German materials: the listing's own subtree and the
    translator's, as prefixes; no ids."""
    client.force_login(factories.team_member("translators", "de"))
    response = client.get(f"/admin/pages/{pages.german_materials}/", {"q": WORD})
    assert response.status_code == 200
    id_column = columns()["id"]
    assert sent
    for body in sent:
        assert all(id_column not in terms for terms in clauses(body, "terms"))


def test_wagtails_own_filter_would_send_every_explorable_page_id(pages, sent):
    """What the project replaces: Wagtail's filter, compiled by the same backend, is a list
    as long as the pages a translator may explore."""
    translator = factories.team_member("translators", "de")
    explorable = PagePermissionPolicy().explorable_instances(translator)
    wagtails = Page.objects.filter(pk__in=explorable.values_list("pk", flat=True))
    get_search_backend().autocomplete(WORD, wagtails).count()
    (terms,) = clauses(sent[0], "terms")
    assert len(terms[columns()["id"]]) == explorable.count()


@pytest.mark.parametrize("role", ["superuser", "german translator"])
def test_an_engine_that_cannot_answer_gives_a_503_with_a_message(client, pages, role):
    client.force_login(ROLES[role][0]())
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_settings("opensearch2", closed_port())):
        for where, url in search_urls(pages).items():
            response = client.get(url)
            assert response.status_code == 503, where
            assert response["Retry-After"].isdigit()
            assert "Search is temporarily unavailable" in response.content.decode(), where
        browsing = client.get(f"/admin/pages/{pages.german_materials}/")
        assert browsing.status_code == 200  # listing without a search asks no engine


def test_the_page_type_listing_sends_the_same_filter(client, pages, sent):
    client.force_login(factories.team_member("translators", "de"))
    assert client.get(type_use_url()).status_code == 200
    column = columns()
    home_path = Page.objects.get(pk=pages.german_home).path
    assert sent
    for body in sent:
        assert {column["path"]: home_path} in clauses(body, "prefix")
        assert all(column["id"] not in terms for terms in clauses(body, "terms"))
