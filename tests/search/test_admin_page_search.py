"""The admin's page search on the database backend: who finds which pages, the filter
being Wagtail's own rule of explorable pages, and bad input.

Wagtail filters the admin page search with a list of every explorable page id, which a
search engine refuses past 65,536 terms; search.admin_pages sends the same rule as tree-path
clauses. Here it must give exactly Wagtail's answer, for every role of the matrix."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from search.admin_pages.explorable import explorable_filter
from tests import factories
from tests.conftest import shared_data
from tests.search.admin_search import (
    ENGLISH_ONLY_TEXT,
    ROLES,
    SEARCHES,
    WORD,
    build_pages,
    found,
    role_finds_what_it_may_explore,
    search_urls,
    type_use_url,
)
from tests.search.helpers import BAD_INPUT

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, build_pages) as built:
        yield built


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", SEARCHES)
def test_each_role_finds_the_pages_it_may_explore_and_no_other(client, pages, role, where):
    role_finds_what_it_may_explore(client, pages, role, search_urls(pages)[where])


@pytest.mark.parametrize("role", ROLES)
def test_the_explorer_below_a_page_searches_that_subtree_only(client, pages, role):
    make_user, _ = ROLES[role]
    client.force_login(make_user())
    response = client.get(f"/admin/pages/{pages.german_materials}/", {"q": WORD})
    assert found(response) == pages.german


@pytest.mark.parametrize("where", SEARCHES)
def test_a_user_without_page_permissions_is_refused(client, pages, where):
    client.force_login(factories.admin_only_user())
    response = client.get(search_urls(pages)[where])
    assert factories.refused(response) or response.status_code == 302
    assert response.status_code != 200


@pytest.mark.parametrize("where", SEARCHES)
def test_an_anonymous_visitor_is_sent_to_the_login(client, pages, where):
    response = client.get(search_urls(pages)[where])
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_content_type_filter_keeps_the_permission_filter(client, pages):
    client.force_login(factories.team_member("translators", "de"))
    response = client.get(
        "/admin/pages/search/", {"q": WORD, "content_type": "materials.materialpage"}
    )
    assert found(response) == pages.german


def test_a_reviewer_of_another_language_finds_none_of_these_pages(client, pages):
    """The Dutch team's home is a translation of the English one; nothing here is below it."""
    client.force_login(factories.team_member("reviewers", "nl"))
    assert found(client.get("/admin/pages/search/", {"q": WORD})) == set()


# The filter is Wagtail's rule: the same pages as PagePermissionPolicy.explorable_instances.


def users_with_every_kind_of_grant(pages):
    """Roles of the matrix, and users whose permissions sit deeper or in two trees, or are
    only of a kind that lets them see a page's ancestors (view), or are none."""
    page = Page.objects.get
    users = [make_user() for make_user, _ in ROLES.values()]
    users += [
        factories.page_permission_user({page(pk=pages.german_materials): ("change",)}),
        factories.page_permission_user(
            {
                page(pk=pages.german_materials): ("lock",),
                page(pk=pages.english_material): ("publish",),
            }
        ),
        factories.page_permission_user({page(pk=pages.german_materials): ("view",)}),
        factories.page_permission_user(
            {page(pk=pages.english_home): ("add",), page(pk=pages.german_draft): ("view",)}
        ),
        factories.page_permission_user({Page.get_first_root_node(): ("lock",)}),
        factories.admin_only_user(),
    ]
    inactive = factories.translator("de")
    inactive.is_active = False
    return [*users, inactive, AnonymousUser()]


def test_the_filter_gives_wagtails_explorable_pages_for_every_kind_of_user(pages):
    policy = PagePermissionPolicy()
    for user in users_with_every_kind_of_grant(pages):
        user = get_user_model().objects.get(pk=user.pk) if user.pk else user
        condition = explorable_filter(user)
        ours = Page.objects.all() if condition is None else Page.objects.filter(condition)
        wagtails = policy.explorable_instances(user)
        assert set(ours.values_list("pk", flat=True)) == set(
            wagtails.values_list("pk", flat=True)
        ), user


def test_the_filter_grows_with_permissions_not_with_the_site(pages):
    """A translator's filter is their language's subtree and the root's path, however many
    pages the site holds."""
    german_index = Page.objects.get(pk=pages.german_materials)
    german_home = Page.objects.get(pk=pages.german_home)
    translator = factories.team_member("translators", "de")
    expected_filter = Q(path__startswith=german_home.path) | Q(
        path__in=[Page.get_first_root_node().path]
    )
    assert explorable_filter(translator) == expected_filter
    for number in range(30):
        factories.MaterialPageFactory(parent=german_index, title=f"More {number}")
    assert explorable_filter(get_user_model().objects.get(pk=translator.pk)) == expected_filter


def test_no_filter_for_those_who_may_explore_everything(pages):
    assert explorable_filter(ROLES["superuser"][0]()) is None
    assert explorable_filter(factories.editor()) is None
    assert explorable_filter(factories.moderator()) is None


# Bad input: a clear answer, never a server error.


@pytest.mark.parametrize("query", BAD_INPUT + ["live:yes " + WORD, "title:x " + WORD, "a OR"])
def test_odd_queries_answer_200(client, pages, query):
    client.force_login(factories.team_member("translators", "de"))
    for where, url in search_urls(pages, query).items():
        response = client.get(url)
        assert response.status_code == 200, where
        assert ENGLISH_ONLY_TEXT not in response.content.decode(), where


@pytest.mark.parametrize(
    "content_type", ["nodot", "no.such", "wagtailcore.nosuchmodel", "a.b.c", ""]
)
def test_an_unknown_content_type_is_a_404(client, pages, content_type):
    client.force_login(factories.team_member("translators", "de"))
    response = client.get("/admin/pages/search/", {"q": WORD, "content_type": content_type})
    assert response.status_code == 404


def test_an_unknown_ordering_is_ignored(client, pages):
    client.force_login(factories.team_member("translators", "de"))
    response = client.get("/admin/pages/search/", {"q": WORD, "ordering": "password"})
    assert found(response) == pages.german


def test_wagtails_live_filter_still_works(client, pages):
    client.force_login(factories.team_member("translators", "de"))
    assert found(client.get("/admin/pages/search/", {"q": f"live:no {WORD}"})) == {
        pages.german_draft
    }
    assert found(client.get("/admin/pages/search/", {"q": f'"{WORD}" live:yes'})) == {
        pages.german_material
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_page_type_listing_search_finds_only_permitted_materials(client, pages, role):
    response = role_finds_what_it_may_explore(
        client, pages, role, type_use_url(), materials_only=True
    )
    assert response.context["page_obj"].paginator.count == len(found(response))


@pytest.mark.parametrize("query", ['"', "word " * 2_000, "x" * 10_000])
def test_the_page_type_listing_answers_odd_queries(client, pages, query):
    client.force_login(factories.team_member("translators", "de"))
    assert client.get(type_use_url(query)).status_code == 200
