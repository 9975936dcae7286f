"""Wagtail API v2: read-only, materials serialised from their records, bad input is a 4xx."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from materials.models import Discipline, DiversityDimension, MaterialPage, ResourceLanguage
from tests.factories import MaterialPageFactory, full_material

# The materials are tests/open_data/repository.py's.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("repository")]

ORIGIN = "http://testserver"
MATERIALS_IN_GERMAN = "/api/v2/pages/?type=materials.MaterialPage&locale=de"
# +1 since records carry their PD use counts (one aggregate query per page of records)
MAX_LIST_QUERIES = 21


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def german_material(repository):
    """A German material with at least one diversity dimension and every translation."""
    page = repository.translation("de")
    assert page.diversity_dimensions.exists() and page.get_translations().live().count() == 4
    return page


def in_german(model, term):
    return model.objects.get(translation_key=term.translation_key, locale__language_code="de")


def expected_terms(model, terms, key):
    return [{"key": getattr(term, key), "label": in_german(model, term).name} for term in terms]


def expected_translations(page):
    return {
        version.locale.language_code: f"{ORIGIN}{version.url}"
        for version in page.get_translations().live().select_related("locale")
    }


def test_listing_filters_by_type_and_locale(client):
    data = get_json(client, f"{MATERIALS_IN_GERMAN}&limit=20")
    german = MaterialPage.objects.live().filter(locale__language_code="de")
    assert data["meta"]["total_count"] == german.count() > 0
    assert {item["id"] for item in data["items"]} == set(german.values_list("pk", flat=True))
    assert {item["meta"]["type"] for item in data["items"]} == {"materials.MaterialPage"}
    assert {item["meta"]["locale"] for item in data["items"]} == {"de"}


def test_listing_returns_canonical_slugs_german_labels_and_translations(client):
    fields = "disciplines,diversity_dimensions,resource_languages,translations"
    data = get_json(client, f"{MATERIALS_IN_GERMAN}&limit=20&fields={fields}")
    for item in data["items"]:
        page = MaterialPage.objects.get(pk=item["id"])
        disciplines = list(page.disciplines.all())
        assert item["disciplines"] == expected_terms(Discipline, disciplines, "slug")
        assert all(term.locale.language_code == "en" for term in disciplines)  # canonical
        dimensions = page.diversity_dimensions.all()
        assert item["diversity_dimensions"] == expected_terms(
            DiversityDimension, dimensions, "slug"
        )
        languages = page.resource_languages.all()
        assert item["resource_languages"] == expected_terms(ResourceLanguage, languages, "code")
        assert item["translations"] == expected_translations(page)


def test_detail_of_a_german_material(client, repository):
    page = german_material(repository)
    data = get_json(client, f"/api/v2/pages/{page.pk}/")
    assert data["title"] == page.title
    assert data["meta"]["locale"] == "de"
    assert data["description"] == page.summary
    disciplines = page.disciplines.all()
    assert data["disciplines"] == expected_terms(Discipline, disciplines, "slug")
    assert data["disciplines"] != [{"key": d.slug, "label": d.name} for d in disciplines]
    dimensions = page.diversity_dimensions.all()
    assert data["diversity_dimensions"] == expected_terms(DiversityDimension, dimensions, "slug")
    languages = page.resource_languages.all()
    assert data["resource_languages"] == expected_terms(ResourceLanguage, languages, "code")
    assert data["age_range"] == {"min": page.age_min, "max": page.age_max}
    assert [band["key"] for band in data["age_bands"]] == [band.key for band in page.age_bands]
    assert data["country"]["key"] == page.country.code
    assert data["resource_type"]["key"] == page.resource_type
    assert data["audience"]["key"] == page.audience
    assert data["resource_type"]["label"] != page.resource_type  # a German label, not the key
    assert data["licence"]["key"] == page.licence and data["licence"]["url"].startswith("https://")
    assert data["partner"]["name"] == page.partner.institution
    files = list(page.files.select_related("document", "language"))
    assert [
        (file["title"], file["url"], file["format"], file["size"], file["language"])
        for file in data["files"]
    ] == [
        (
            file.title,
            f"{ORIGIN}{page.url}files/{file.document_id}/{file.document.filename}",
            file.document.file_extension,
            file.document.file_size,
            file.language.code if file.language else None,
        )
        for file in files
    ]
    assert data["translations"] == expected_translations(page)
    assert set(data["translations"]) == {"en", "nl", "cs", "el"}


def test_record_fields_are_only_on_materials_and_listed_on_request(client):
    data = get_json(client, f"{MATERIALS_IN_GERMAN}&limit=1")
    assert "disciplines" not in data["items"][0]
    response = client.get("/api/v2/pages/?type=materials.CataloguePage&fields=disciplines")
    assert response.status_code == 400


def test_images_and_documents_endpoints(client):
    assert get_json(client, "/api/v2/images/")["meta"]["total_count"] > 0
    documents = get_json(client, "/api/v2/documents/")
    assert documents["meta"]["total_count"] > 0
    assert documents["items"][0]["meta"]["download_url"]
    assert set(get_json(client, "/api/v2/")) == {"pages", "images", "documents"}


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_write_methods_are_refused(client, endpoint):
    listing = f"/api/v2/{endpoint}/"
    detail = f"{listing}{get_json(client, listing)['items'][0]['id']}/"
    for url in (listing, detail):
        for method in (client.post, client.put, client.patch, client.delete):
            assert method(url, {}, content_type="application/json").status_code == 405, url
        assert client.head(url).status_code == 200
        assert client.options(url).status_code == 200
    assert client.post("/api/v2/").status_code == 405


BAD_QUERIES = [
    "/api/v2/pages/?limit=abc",
    "/api/v2/pages/?limit=-1",
    "/api/v2/pages/?limit=1000",
    "/api/v2/pages/?offset=-1",
    "/api/v2/pages/?offset=99999999999999999999",
    "/api/v2/pages/?fields=nonexistent",
    "/api/v2/pages/?fields=title,,",
    "/api/v2/pages/?type=nonsense",
    "/api/v2/pages/?type=materials.Discipline",
    "/api/v2/pages/?locale=xx",
    "/api/v2/pages/?site=nonsense",
    "/api/v2/pages/?order=nonsense",
    "/api/v2/pages/?id=abc",
    "/api/v2/pages/?child_of=abc",
    "/api/v2/pages/?first_published_at=abc",
    "/api/v2/pages/?search=x&search_operator=xor",
    "/api/v2/pages/?search=%00",
    "/api/v2/pages/?unknown=1",
    "/api/v2/pages/find/?id=abc",
    "/api/v2/pages/?type=materials.MaterialPage&country=DE",
    "/api/v2/pages/?type=materials.MaterialPage&disciplines=abc",
    "/api/v2/pages/?type=materials.MaterialPage&duration_hours=abc",
    "/api/v2/pages/?type=materials.MaterialPage&order=year",
    "/api/v2/pages/?type=materials.MaterialPage&fields=country(key)",
    "/api/v2/images/?limit=abc",
    "/api/v2/images/?width=abc",
    "/api/v2/images/find/?id=abc",
    "/api/v2/documents/?offset=-1",
    "/api/v2/documents/find/?id=abc",
]


@pytest.mark.parametrize("url", BAD_QUERIES)
def test_bad_parameters_are_400_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert response.json()["message"]


@pytest.mark.parametrize(
    "query", ['"', '"energy', "energy's", " ", "\t", ",", "-", "*", "(", "NEAR(", "a:b", ""]
)
def test_search_punctuation_is_not_an_error(client, query):
    for endpoint in ("pages", "images", "documents"):
        response = client.get(f"/api/v2/{endpoint}/", {"search": query})
        assert response.status_code == 200, (endpoint, query)


@pytest.mark.parametrize(
    "url",
    ["/api/v2/pages/999999999/", "/api/v2/images/999999999/", "/api/v2/nonsense/"],
)
def test_missing_objects_are_json_404_not_a_redirect(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["message"]


def test_drafts_and_restricted_pages_are_not_served(client, material_index, repository):
    draft = MaterialPageFactory(parent=material_index, live=False)
    restricted = german_material(repository)
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    for page in (draft, restricted):
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    listed = {item["id"] for item in get_json(client, f"{MATERIALS_IN_GERMAN}&limit=20")["items"]}
    assert restricted.pk not in listed


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        get_json(client, url)
    return len(queries)


def test_listing_query_count_does_not_grow_with_the_page_size(client, material_index):
    for _n in range(3):
        full_material(material_index, files=3, related=0, disciplines=3, reviews=0)
    listing = "/api/v2/pages/?type=materials.MaterialPage&fields=*"
    few = count_queries(client, f"{listing}&limit=2")
    many = count_queries(client, f"{listing}&limit=20")
    assert few == many <= MAX_LIST_QUERIES
    assert count_queries(client, f"{MATERIALS_IN_GERMAN}&fields=*") <= MAX_LIST_QUERIES
    assert count_queries(client, "/api/v2/pages/?limit=20") <= MAX_LIST_QUERIES
