"""Small readers for search responses, shared by the search tests.

Objects are built with tests.factories; `material` puts a page straight into a language's
material index and the search index, under a tree `material_index_in` translates."""

import socket
from contextlib import contextmanager
from urllib.parse import urlencode

from wagtail.search.backends import get_search_backend

from materials.age_bands import bands_for
from materials.models import MaterialPage
from repo_site.settings.search import search_backend_settings
from tests.factories import MaterialPageFactory, site_tree, translate_page


def api(client, **params):
    """GET /api/search/ with repeatable parameters given as lists; returns the JSON."""
    pairs = []
    for name, value in params.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            pairs.append((name, item))
    response = client.get("/api/search/?" + urlencode(pairs))
    assert response.status_code == 200, response.content
    return response.json()


def counts(payload, facet: str) -> dict[str, int]:
    group = next(group for group in payload["facets"] if group["name"] == facet)
    return {value["key"]: value["count"] for value in group["values"]}


def english_materials():
    return list(
        MaterialPage.objects.live()
        .filter(locale__language_code="en")
        .prefetch_related("disciplines")
    )


def facts(material) -> dict[str, set[str]]:
    """A material's facet values, read from the model, independent of the search code."""
    return {
        "discipline": {d.slug for d in material.disciplines.all()},
        "age": {band.key for band in bands_for(material.age_min, material.age_max)},
        "country": {material.country.code},
        "type": {material.resource_type},
        "licence": {material.licence},
    }


# A word no other page holds, so each query below can only match the pages a test makes.
MARKER = "zorbulat"

BAD_INPUT = [
    '"',
    "NEAR(",
    "*",
    "-",
    "OR",
    "AND",
    "^",
    "x" * 10_000,
    "word " * 2_000,
    "\x00",
    "a\x00b\x01c\x1f",
    "a & b | !c",
    "'",
    "a:* <-> b",
    "\\",
    "",
    "   ",
]


def material_index_in(language: str):
    """The English material index, or its published translation into `language` (the home
    above it translated first): cheaper than a whole `site_tree`, which translates the
    catalogue and review indexes too."""
    index = site_tree().materials
    return index if language == "en" else translate_page(index, language)


def material(language: str, title: str, summary: str = "A short summary."):
    """A material in `language`'s material index, added to the search index at once."""
    page = MaterialPageFactory(parent=material_index_in(language), title=title, summary=summary)
    get_search_backend().add(page)
    return page


def matches(query: str, languages=None) -> dict[int, float]:
    return get_search_backend().ranked_matches(MaterialPage.objects.all(), query, languages)


def closed_port() -> int:
    """A local port nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def silent_server():
    """A local port that accepts connections and never answers: every request times
    out. Yields the port."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(64)
        yield server.getsockname()[1]


def engine_settings(engine: str, port: int, *, timeout: float = 0.5, index: str = "faults"):
    """WAGTAILSEARCH_BACKENDS for an Elasticsearch/OpenSearch at 127.0.0.1:`port`."""
    return {
        "default": search_backend_settings(
            search_url=f"http://127.0.0.1:{port}",
            engine=engine,
            index_name=index,
            database_engine="",
            timeout=timeout,
        )
    }
