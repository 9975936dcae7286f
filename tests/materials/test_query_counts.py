"""Public pages cost a pinned number of queries that does not grow with their content."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from materials.models import MaterialPage, ReviewPage
from search.query import PAGE_SIZE
from tests import factories
from tests.factories import ImageFactory, full_material

pytestmark = pytest.mark.django_db

# Pinned maxima for a page in English (the source) and in German (translated terms), once
# image renditions exist (the first view of a new image creates them, a one-off cost).
# Pages below the home page read no query for their breadcrumb: routing loaded its pages.
# A translated page adds 2 for its provenance notice (its wagtail-localize translation with
# the machine-translation flag, and the live source page); listings never read it.
MAX_QUERIES = {
    # +1 the search generation for the discipline and age entry points (their counts come
    # from the engine's in-memory index); +1 featured catalogue, +1 featured review (the
    # latest, or the editor's choice in the visitor's language: +1 each); +2 partners
    "home": 21,  # +2 provenance
    "index": 19,  # +1 the languages each card exists in, +1 (not source) the fallback test
    # +1: the live language versions (the record and the language switcher share them)
    # +2 provenance
    # +1: the PD uses of the material (summary and latest, one query)
    # +1: the page's facts (materials.page_facts), one statement: which terms it has, which
    # lineage links and reviews name it, its download count
    # +1: its lineage links, both directions, only when the facts name some (the other
    # materials and the dimensions are localised with the related materials and the terms)
    # -2: the breadcrumb reuses the pages routing read; the cover image and partner come with
    # the routing query
    # +1: the reviews with their ratings (three subqueries, costlier to build than to run),
    # only for materials the facts say have some; this one has two
    # (+1 with an original URL: the link check's verdict; this material has none, and
    # tests/link_check gives it one and a dead-link notice: 28 in German, as does a German
    # material with lineage in tests/materials/test_lineage.py)
    "material": 28,
    # +1: the chosen materials in the visitor's language; +2: their languages (prefetched and
    # named in the visitor's language, for the whole catalogue); +2 provenance
    "catalogue": 21,
    "review": 19,  # +2 provenance
    "standard": 13,  # +2 provenance
}


def count_queries(client, url):
    client.get(url)  # warm: create renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def detail_pages(language: str) -> dict:
    """A material (two files, one related material, two disciplines, two reviews), a
    catalogue listing it, one of its reviews and a standard page, in `language`.

    German pages are wagtail-localize translations, like the demo's, so their provenance
    notice is counted, and their terms have German labels. Built this way, the German
    catalogue, review and standard pages cost exactly their pinned maxima."""
    tree = factories.site_tree()
    material = full_material(tree.materials, files=2, related=1, disciplines=2, reviews=2)
    pages = {
        "material": material,
        "catalogue": factories.full_catalogue(tree.catalogues, materials=[material]),
        "review": ReviewPage.objects.filter(reviewed_materials__material=material).first(),
        "standard": factories.publish(factories.StandardPageFactory(parent=tree.home)),
    }
    if language == "en":
        return pages
    for discipline in material.disciplines.all():
        factories.translate_term(discipline, language, name=f"{discipline.name} ({language})")
    return {key: factories.translate_page(page, language) for key, page in pages.items()}


@pytest.mark.parametrize("language", ["en", "de"])
def test_home_and_index_pages(client, language):
    detail_pages(language)  # one card in each listing
    assert count_queries(client, f"/{language}/") <= MAX_QUERIES["home"]
    for index in ("materials", "catalogues", "reviews"):
        assert count_queries(client, f"/{language}/{index}/") <= MAX_QUERIES["index"], index


@pytest.mark.parametrize("language", ["en", "de"])
def test_detail_pages(client, language):
    for key, page in detail_pages(language).items():
        assert page.locale.language_code == language and page.live
        assert count_queries(client, page.url) <= MAX_QUERIES[key], key


def test_material_page_queries_do_not_grow_with_related_items(client, material_index):
    small = full_material(material_index, files=1, related=1, disciplines=1, reviews=1)
    large = full_material(material_index, files=6, related=5, disciplines=4, reviews=3)
    assert count_queries(client, small.url) == count_queries(client, large.url)


def test_index_queries_do_not_grow_with_the_number_of_cards(client, material_index):
    # The material index is the search page: its pages are the search's pages. Build at
    # least one full page of cards and a last page that holds fewer.
    total = MaterialPage.objects.child_of(material_index).live().count()
    while total < PAGE_SIZE + 1 or total % PAGE_SIZE == 0:
        full_material(
            material_index, files=2, related=0, disciplines=3, reviews=0, cover_image=ImageFactory()
        )
        total += 1
    assert total == MaterialPage.objects.child_of(material_index).live().count()
    last_page = (total + PAGE_SIZE - 1) // PAGE_SIZE
    assert total % PAGE_SIZE, "the last page must hold fewer cards than a full one"
    full = count_queries(client, f"{material_index.url}?page=1")
    partial = count_queries(client, f"{material_index.url}?page={last_page}")
    assert full == partial


def test_the_cover_image_and_partner_come_with_the_page(client, material_index):
    plain = full_material(material_index, files=1, related=1, disciplines=1, reviews=1)
    covered = full_material(
        material_index, files=1, related=1, disciplines=1, reviews=1, cover_image=ImageFactory()
    )
    assert covered.cover_image_id and not plain.cover_image_id
    assert count_queries(client, covered.url) == count_queries(client, plain.url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(covered.url)
    assert covered.partner.institution in response.content.decode()
    read_alone = [
        query["sql"]
        for query in queries
        if query["sql"]
        .split(" FROM ")[1]
        .startswith(('"materials_partner"', '"materials_customimage"'))
    ]
    assert read_alone == []


def test_german_material_queries_do_not_grow_with_translated_related_materials(
    client, material_index
):
    """Related materials translated into German are linked in German, read in one query."""

    def german_with_related(count: int):
        material = full_material(material_index, related=count, reviews=0)
        for link in material.related_materials.all():
            factories.translate_page(link.material, "de", title=f"{link.material.title} (de)")
        return factories.translate_page(material, "de")

    small, large = german_with_related(1), german_with_related(4)
    assert count_queries(client, small.url) == count_queries(client, large.url)
    html = client.get(large.url).content.decode()
    for link in large.related_materials.all():
        assert f"{link.material.title} (de)" in html
