"""The metadata record: one builder, fixed queries, every field a serialiser needs."""

import pytest

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from materials.models import MaterialPage
from materials.record_loader import build_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_():
    return RequestFactory().get("/", HTTP_HOST="testserver")


def german_material():
    return MaterialPage.objects.live().filter(locale__language_code="de").first()


def test_record_of_a_translation_carries_its_language_terms_and_versions(request_):
    page = german_material()
    [record] = build_records([page], request_)
    assert record.language == "de"
    assert record.title == page.title
    assert record.url == f"http://testserver{page.url}"
    assert record.identifier == f"materials/{page.translation_key}/de"
    source = MaterialPage.objects.get(
        translation_key=page.translation_key, locale__language_code="en"
    )
    assert record.source.language == "en" and record.source.url.endswith(source.url)
    assert {version.language for version in record.translations} == {"en", "nl", "cs", "el"}
    assert [term.key for term in record.disciplines] == [d.slug for d in page.disciplines.all()]
    assert {term.label for term in record.disciplines} != {d.name for d in page.disciplines.all()}
    assert record.licence.key == page.licence
    assert record.files and all(
        f.url.startswith(f"http://testserver{page.url}files/") for f in record.files
    )
    assert record.files[0].file_format == "pdf" and record.files[0].size > 0
    assert record.isced_levels
    assert page.title in record.attribution and record.licence.name in record.attribution


def test_source_record_has_no_source(request_):
    page = MaterialPage.objects.live().filter(locale__language_code="en").first()
    [record] = build_records([page], request_)
    assert record.source is None


def test_building_records_costs_a_fixed_number_of_queries(request_):
    few = list(MaterialPage.objects.live().order_by("pk")[:2])
    many = list(MaterialPage.objects.live().order_by("pk")[:40])
    with CaptureQueriesContext(connection) as small:
        build_records(few, request_)
    with CaptureQueriesContext(connection) as large:
        build_records(many, request_)
    assert len(large) <= len(small) + 12  # one localisation query per model and language
