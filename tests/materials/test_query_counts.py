"""Public pages cost a pinned number of queries that does not grow with their content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from materials.models import CataloguePage, MaterialPage, ReviewPage
from tests.materials.builders import build_material

pytestmark = pytest.mark.django_db

# Pinned maxima for a page in English (the source) and in German (translated terms).
MAX_QUERIES = {
    "home": 12,
    "index": 14,
    "material": 22,
    "catalogue": 13,
    "review": 14,
}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("language", ["en", "de"])
def test_home_and_index_pages(client, language, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES["home"]):
        assert client.get(f"/{language}/").status_code == 200
    for index in ("materials", "catalogues", "reviews"):
        with django_assert_max_num_queries(MAX_QUERIES["index"]):
            assert client.get(f"/{language}/{index}/").status_code == 200


@pytest.mark.parametrize("language", ["en", "de"])
def test_demo_detail_pages(client, language, django_assert_max_num_queries):
    for model, key in (
        (MaterialPage, "material"),
        (CataloguePage, "catalogue"),
        (ReviewPage, "review"),
    ):
        page = model.objects.live().filter(locale__language_code=language).first()
        with django_assert_max_num_queries(MAX_QUERIES[key]):
            assert client.get(page.url).status_code == 200


def test_material_page_queries_do_not_grow_with_related_items(client, material_index):
    small = build_material(material_index, files=1, related=1, disciplines=1, reviews=1)
    large = build_material(material_index, files=6, related=5, disciplines=4, reviews=3)
    assert count_queries(client, small.url) == count_queries(client, large.url)


def test_index_queries_do_not_grow_with_the_number_of_cards(client, material_index):
    before = count_queries(client, material_index.url)
    for _n in range(5):
        build_material(material_index, files=2, related=0, disciplines=3, reviews=0)
    assert count_queries(client, material_index.url) == before
