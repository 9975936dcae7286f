"""Anonymous pages are served whole from the cache, and every content change drops them."""

import re

import pytest

from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

from materials.models import MaterialPage, Partner
from page_cache import generation
from page_cache.middleware import HIT_HEADER
from tests import factories
from tests.conftest import shared_data

pytestmark = pytest.mark.django_db


def build_material() -> int:
    """A published English material with a partner and a discipline, not translated, under
    an English tree that also exists in German and Dutch (the fallback and sitemap tests)."""
    for language in ("de", "nl"):
        factories.site_tree(language)
    page = factories.MaterialPageFactory(parent=factories.site_tree().materials)
    page.disciplines = [factories.DisciplineFactory()]
    return factories.publish(page).pk


@pytest.fixture(scope="module")
def material_pk(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_material) as pk:
        yield pk


@pytest.fixture
def material(db, material_pk):
    return MaterialPage.objects.get(pk=material_pk)


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def cached(client, url) -> str:
    """Fetch twice; the second answer comes from the cache. Returns the page."""
    get(client, url)
    response = get(client, url)
    assert response[HIT_HEADER] == "hit", url
    return response.content.decode()


@pytest.mark.parametrize("url", ["/en/", "/de/", "material"])
def test_a_second_anonymous_request_is_a_hit_with_the_same_body(client, page_cache, url, material):
    url = material.url if url == "material" else url
    first = get(client, url)
    assert first[HIT_HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = get(client, url)
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    # The generation token: one small query where the cache is per process, none in Redis.
    assert len(queries) == (1 if page_cache == "database" else 0)


def test_cached_pages_carry_cdn_headers_and_answer_revalidation(client, page_cache, material):
    url = material.url
    for response in (get(client, url), get(client, url)):
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=0", "s-maxage=120"} <= cache_control
        assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
        assert "Cookie" in response["Vary"]
        assert response["Content-Language"] == "en"
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == response["ETag"]


def test_urls_differ_by_host_and_scheme(client, page_cache, material):
    url = material.url
    get(client, url)
    other_host = client.get(url, HTTP_HOST="localhost")
    assert other_host[HIT_HEADER] == "miss"
    assert client.get(url, secure=True)[HIT_HEADER] == "miss"


def test_logged_in_users_are_never_served_or_stored(admin_client, page_cache, material):
    url = material.url
    anonymous = Client()
    get(anonymous, url)
    for _n in range(2):
        response = get(admin_client, url)
        assert HIT_HEADER not in response
        assert "private" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]
    assert get(anonymous, url)[HIT_HEADER] == "hit"  # the editor's page was not stored


def test_previews_are_never_cached(admin_client, page_cache, material):
    page = material
    anonymous = Client()
    before = cached(anonymous, page.url)
    page.title = "Draft title only an editor previews"
    page.save_revision()
    preview = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert preview.status_code == 200
    assert page.title in preview.content.decode()
    assert HIT_HEADER not in preview and "public" not in preview.get("Cache-Control", "")
    after = get(anonymous, page.url)
    assert page.title not in after.content.decode()
    assert after.content.decode() == before


def test_a_page_with_a_form_token_is_never_stored(client, page_cache, material):
    """A fallback page asks for a translation with a CSRF form: its token is the visitor's."""
    page = material
    url = "/de/" + page.url.split("/", 2)[2]
    tokens = set()
    for visitor in (Client(), Client()):
        response = get(visitor, url)
        assert HIT_HEADER not in response
        assert "private" in response["Cache-Control"]
        tokens.add(
            re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]
        )
    assert len(tokens) == 2


def test_pages_with_a_query_string_and_posts_are_not_cached(client, page_cache, home):
    for _n in range(2):
        assert HIT_HEADER not in get(client, "/en/materials/?q=light")
        assert HIT_HEADER not in get(client, "/en/?utm_source=mail")


def test_searches_are_never_stored(client, page_cache, home):
    """The bench times the search rows with the page cache on (as production runs): they
    must be rendered every time."""
    for _n in range(2):
        for url in ("/en/search/", "/en/search/?q=light&discipline=physics", "/api/search/"):
            assert HIT_HEADER not in get(client, url), url


def test_a_visitor_with_a_session_bypasses_the_cache(client, page_cache, material):
    url = material.url
    get(client, url)
    client.cookies["sessionid"] = "whatever"
    assert HIT_HEADER not in get(client, url)


def test_caching_off_sends_private_headers(client, settings, material):
    settings.PAGE_CACHE_SECONDS = 0
    response = get(client, material.url)
    assert HIT_HEADER not in response
    assert "private" in response["Cache-Control"]


# -- invalidation --------------------------------------------------------------------------


def test_publish_shows_the_new_version(client, page_cache, material):
    page = material
    cached(client, page.url)
    cached(client, "/en/")
    page.title = "A freshly published title"
    page.save_revision().publish()
    assert "A freshly published title" in get(client, page.url).content.decode()


def test_unpublish_removes_the_page(client, page_cache, material):
    page = material
    cached(client, page.url)
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_delete_removes_the_page(client, page_cache, material):
    page = material
    url = page.url
    cached(client, url)
    page.delete()
    assert client.get(url).status_code == 404


def test_move_serves_the_new_place(client, page_cache, material):
    page = material
    old_url = page.url
    cached(client, old_url)
    target = Page.objects.get(depth=2, locale__language_code="en")  # the English home
    page.move(target, pos="last-child")
    page.refresh_from_db()
    assert page.url != old_url
    moved = client.get(old_url)  # Wagtail leaves a redirect behind
    assert moved.status_code == 301 and moved["Location"] == page.url
    get(client, page.url)


def test_a_translations_publish_shows_on_the_source_page(client, page_cache, locale_de, material):
    page = material
    link = '<link rel="alternate" hreflang="de"'
    assert link not in cached(client, page.url)
    german_index = page.get_parent().get_translation(locale_de)
    german = page.copy_for_translation(locale_de, copy_parents=False)
    assert german.get_parent().pk == german_index.pk
    german.save_revision().publish()
    assert link in get(client, page.url).content.decode()


def test_a_taxonomy_label_edit_shows(client, page_cache, material):
    page = material
    discipline = page.disciplines.first()
    assert discipline.name in cached(client, page.url)
    discipline.name = "Renamed discipline label"
    discipline.save()
    assert "Renamed discipline label" in get(client, page.url).content.decode()


def test_a_partner_edit_shows(client, page_cache, material):
    page = material
    cached(client, page.url)
    partner = Partner.objects.get(pk=page.partner_id)
    partner.institution = "Renamed partner institution"
    partner.save()
    assert "Renamed partner institution" in get(client, page.url).content.decode()


def test_a_new_view_restriction_applies_at_once(client, page_cache, material):
    page = material
    cached(client, page.url)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(page.url)
    assert 'name="password"' in response.content.decode()  # Wagtail's password form
    assert response.get(HIT_HEADER) != "hit"
    assert client.get(page.url).get(HIT_HEADER) != "hit"  # the password form is not stored


# -- sitemaps ----------------------------------------------------------------------------------


def test_sitemaps_are_cached_and_follow_a_publish(client, page_cache, material):
    page = material
    assert "<sitemapindex" in cached(client, "/sitemap.xml")
    assert f"<loc>http://testserver{page.url}</loc>" in cached(client, "/sitemap-en.xml")
    dutch_locale = factories.locale("nl")
    dutch = page.copy_for_translation(dutch_locale, copy_parents=False)
    dutch.save_revision().publish()
    section = get(client, "/sitemap-en.xml")
    assert section[HIT_HEADER] == "miss"
    assert f'hreflang="nl" href="http://testserver{dutch.url}"' in section.content.decode()
    assert (
        f"<loc>http://testserver{dutch.url}</loc>"
        in get(client, "/sitemap-nl.xml").content.decode()
    )


def test_an_unreadable_generation_token_serves_without_the_cache(
    client, page_cache, monkeypatch, home
):
    """With the token's database unreachable, the page is served as if caching were off,
    so the site's own outage handling answers instead of the cache layer failing."""

    def unreachable(key):
        raise OperationalError("database is down")

    monkeypatch.setattr(generation, "lookup", unreachable)
    response = client.get("/en/")
    assert response.status_code == 200
    assert HIT_HEADER not in response


def test_health_checks_never_touch_the_cache(client, page_cache, monkeypatch):
    monkeypatch.setattr(generation, "lookup", lambda key: pytest.fail("cache consulted"))
    assert client.get("/healthz").status_code == 200
