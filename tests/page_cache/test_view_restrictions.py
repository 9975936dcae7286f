"""With page caching on, Wagtail's view-restriction check finds "no restriction" without a
query when the kept paths (page_cache.view_restrictions) show that none can apply; a page
that gains a restriction, directly, through an ancestor or as an alias of a private page,
asks for the password or the login on the very next request.

Pages are requested with a query string: the page cache never stores those, so each
request routes the page and runs the check."""

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

from page_cache import generation, view_restrictions
from tests import factories

pytestmark = pytest.mark.django_db

RESTRICTION_TABLE = '"wagtailcore_pageviewrestriction"'
PASSWORD = "open sesame"


@pytest.fixture
def tree(db):
    return factories.site_tree()


@pytest.fixture
def material(tree):
    return factories.publish(factories.MaterialPageFactory(parent=tree.materials))


def restriction_reads(client, path: str) -> tuple[int, list[str]]:
    """The status of one request and its queries of the view-restriction table."""
    with CaptureQueriesContext(connection) as captured:
        status = client.get(path).status_code
    return status, [query["sql"] for query in captured if RESTRICTION_TABLE in query["sql"]]


def asks_for_password(response) -> bool:
    return response.status_code == 200 and b'name="password"' in response.content


def restrict(page, kind=PageViewRestriction.PASSWORD) -> PageViewRestriction:
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password=PASSWORD)


def test_an_unrestricted_page_is_served_without_restriction_queries(client, page_cache, material):
    client.get(f"{material.url}?warm")
    assert restriction_reads(client, f"{material.url}?a") == (200, [])


def test_caching_off_asks_wagtail_for_every_request(client, settings, material):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(f"{material.url}?warm")
    status, reads = restriction_reads(client, f"{material.url}?a")
    assert status == 200
    assert reads


def test_a_password_added_to_the_page_is_asked_for_at_once(client, page_cache, material):
    assert client.get(f"{material.url}?warm").status_code == 200

    restrict(material)

    assert asks_for_password(client.get(f"{material.url}?a"))
    assert asks_for_password(client.get(material.url))  # and the cached copy is not served


def test_a_password_on_an_ancestor_covers_the_page(client, page_cache, tree, material):
    assert client.get(f"{material.url}?warm").status_code == 200

    restrict(tree.materials)

    assert asks_for_password(client.get(f"{material.url}?a"))


def test_a_login_restriction_sends_visitors_to_log_in(client, page_cache, material):
    assert client.get(f"{material.url}?warm").status_code == 200

    restrict(material, PageViewRestriction.LOGIN)

    response = client.get(f"{material.url}?a")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_group_restriction_refuses_those_outside_the_group(client, page_cache, material):
    assert client.get(f"{material.url}?warm").status_code == 200

    restriction = restrict(material, PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Reviewers of private pages"))

    assert client.get(f"{material.url}?a").status_code == 302


def test_the_right_password_still_opens_a_restricted_page(client, page_cache, material):
    restriction = restrict(material)
    page_url = f"{material.url}?a"
    form_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, material.pk])

    response = client.post(form_url, {"password": PASSWORD, "return_url": page_url})

    assert response.status_code == 302
    opened = client.get(page_url)
    assert opened.status_code == 200
    assert material.title.encode() in opened.content


def test_a_removed_restriction_opens_the_page_again(client, page_cache, material):
    restriction = restrict(material)
    assert asks_for_password(client.get(f"{material.url}?warm"))

    restriction.delete()

    response = client.get(f"{material.url}?a")
    assert response.status_code == 200
    assert not asks_for_password(response)


def test_a_page_moved_under_a_restricted_page_is_covered(client, page_cache, tree, material):
    private_section = factories.publish(
        factories.StandardPageFactory(parent=tree.home, title="Private", slug="private")
    )
    child = factories.publish(
        factories.StandardPageFactory(parent=tree.home, title="Moving", slug="moving")
    )
    restrict(private_section)
    assert client.get(f"{child.url}?warm").status_code == 200

    child.move(private_section, pos="last-child")
    child.refresh_from_db()

    assert asks_for_password(client.get(f"{child.url}?a"))


def test_an_alias_of_a_restricted_page_is_restricted(client, page_cache, tree):
    source = factories.publish(
        factories.StandardPageFactory(parent=tree.home, title="Guidelines", slug="guidelines")
    )
    restrict(source)
    elsewhere = factories.publish(
        factories.StandardPageFactory(parent=tree.home, title="Elsewhere", slug="elsewhere")
    )
    assert client.get(f"{elsewhere.url}?warm").status_code == 200  # paths kept, no alias yet

    alias = source.create_alias(parent=elsewhere, update_slug="guidelines-copy")

    assert asks_for_password(client.get(f"{alias.url}?a"))


def test_a_new_alias_replaces_the_token(page_cache, tree):
    source = factories.publish(
        factories.StandardPageFactory(parent=tree.home, title="Guidelines", slug="guidelines")
    )
    before = generation.current()

    source.create_alias(parent=tree.home, update_slug="guidelines-alias")

    assert generation.current() != before


def test_a_page_under_an_alias_is_left_to_wagtail(rf, page_cache, tree):
    """A page below an alias takes the restrictions of the alias's source page, which its
    own path does not show: the kept paths never call it unrestricted."""
    source = factories.publish(
        factories.StandardPageFactory(parent=tree.home, title="Source", slug="source")
    )
    alias = source.create_alias(parent=tree.home, update_slug="source-alias")
    below = alias.add_child(instance=Page(title="Below", slug="below", live=True))
    request = rf.get("/")

    assert not view_restrictions.certainly_unrestricted(request, alias)
    assert not view_restrictions.certainly_unrestricted(request, below)
    assert view_restrictions.certainly_unrestricted(request, source)
