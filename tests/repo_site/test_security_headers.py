"""Every public URL type carries a Content-Security-Policy without 'unsafe-inline' scripts
and a Permissions-Policy; inline scripts carry the request's nonce; the admin has its own,
documented policy; TRACE is refused everywhere."""

import re

import pytest

from wagtail.models import Page

from materials.models import (
    CatalogueIndexPage,
    CataloguePage,
    HomePage,
    MaterialIndexPage,
    MaterialPage,
    ReviewIndexPage,
    ReviewPage,
    StandardPage,
)
from tests import factories
from tests.conftest import shared_data

pytestmark = pytest.mark.django_db


def build_pages() -> dict[type, int]:
    """Every public page type in English, and the material translated into German."""
    pages = factories.every_page_type()
    german = factories.translate_page(pages[MaterialPage], "de")
    return {**{model: page.pk for model, page in pages.items()}, "german": german.pk}


@pytest.fixture(scope="module")
def page_pks(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_pages) as pks:
        yield pks


@pytest.fixture
def pages(db, page_pks) -> dict:
    return {key: Page.objects.get(pk=pk).specific for key, pk in page_pks.items()}


BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko Firefox/140.0"}
PAGE_TYPES = [
    HomePage,
    MaterialIndexPage,
    MaterialPage,
    CatalogueIndexPage,
    CataloguePage,
    ReviewIndexPage,
    ReviewPage,
    StandardPage,
]
FIXED_URLS = [
    "/en/search/?q=light",
    "/de/search/",
    "/api/search/?q=light",
    "/api/v2/",
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/feeds/en/materials.atom",
    "/feeds/de/materials.rss",
    "/oai/?verb=Identify",
    "/oai/?verb=ListRecords&metadataPrefix=oai_dc",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/en/no-such-page/",
]


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def public_urls(pages) -> list[str]:
    material = pages[MaterialPage]
    document = material.files.first().document
    return [
        *(pages[model].url for model in PAGE_TYPES),
        *FIXED_URLS,
        f"/api/v2/pages/{material.pk}/",
        f"{material.url}files/{document.pk}/{document.filename}",
        f"{material.url}files/all.zip",
        document.url,
    ]


def assert_public_policy(response, url):
    assert "Content-Security-Policy" in response, url
    policy = directives(response["Content-Security-Policy"])
    if response["Content-Type"].startswith(("text/html", "application/json")):
        assert policy["default-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in policy["script-src"], url
        assert "'unsafe-eval'" not in policy["script-src"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'self'"], url
    else:
        # Downloads and feeds: either the site's policy or the downloads' stricter sandbox.
        scripts = policy.get("script-src", policy["default-src"])
        assert "'unsafe-inline'" not in scripts, url
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "geolocation=()", "microphone=()", "payment=()"):
        assert feature in permissions, url


def test_every_public_url_type_has_the_security_headers(client, pages):
    urls = public_urls(pages)
    for url in urls:
        response = client.get(url, **BROWSER)
        assert response.status_code in (200, 404), (url, response.status_code)
        assert_public_policy(response, url)
    # Every kind of response was walked: HTML, JSON, XML, a file, a 404.
    kinds = {client.get(url, **BROWSER)["Content-Type"].split(";")[0] for url in urls}
    assert {"text/html", "application/json", "application/pdf"} <= kinds


def test_the_inline_json_ld_carries_the_nonce_of_the_policy(client, pages):
    material = pages["german"]
    first = client.get(material.url)
    second = client.get(material.url)
    nonces = []
    for response in (first, second):
        html = response.content.decode()
        script_nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">', html)
        assert script_nonce, "the JSON-LD script has no nonce"
        policy = directives(response["Content-Security-Policy"])
        assert f"'nonce-{script_nonce.group(1)}'" in policy["script-src"]
        nonces.append(script_nonce.group(1))
    assert nonces[0] != nonces[1], "a nonce must be new on every response"


def test_no_public_template_has_an_inline_script_without_the_nonce(client, pages):
    for model in PAGE_TYPES:
        html = client.get(pages[model].url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or "nonce=" in tag, (model.__name__, tag)
        assert not re.search(r"\son[a-z]+=", html), f"{model.__name__} has an inline handler"


def test_the_admin_gets_its_own_policy(admin_client, client):
    for response in (client.get("/admin/login/"), admin_client.get("/admin/pages/")):
        policy = directives(response["Content-Security-Policy"])
        # Wagtail's admin ships inline scripts (inline panels, date pickers): allowed, but
        # only this origin's, and no eval.
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert "Permissions-Policy" in response


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/feeds/en/materials.atom",
        "/api/v2/pages/",
        "/api/search/",
        "/oai/?verb=Identify",
        "/sitemap.xml",
        "/admin/login/",
        "/healthz",
        "/documents/1/x.pdf",
    ],
)
def test_trace_is_refused_everywhere(client, pages, url):
    response = client.generic("TRACE", url)
    assert response.status_code == 405
    assert "TRACE" not in response["Allow"]
    assert b"HTTP_" not in response.content  # nothing of the request is echoed
    assert "Content-Security-Policy" in response and "Permissions-Policy" in response
