"""The metadata record: one builder, fixed queries, every field a serialiser needs."""

import pytest

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from materials.models import MaterialPage
from materials.record_loader import build_records
from tests.factories import full_material, translate_page, translate_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_():
    return RequestFactory().get("/", HTTP_HOST="testserver")


def german_material():
    """The German translation of an English material that also exists in Dutch; the
    disciplines have German labels."""
    source = full_material(disciplines=2, files=1, related=0, reviews=0)
    for discipline in source.disciplines.all():
        translate_term(discipline, "de", name=f"{discipline.name} (Deutsch)")
    translate_page(source, "nl")
    return translate_page(source, "de", title="Dichte im Labor")


def test_record_of_a_translation_carries_its_language_terms_and_versions(request_):
    page = german_material()
    [record] = build_records([page], request_)
    assert record.language == "de"
    assert record.title == page.title == "Dichte im Labor"
    assert record.url == f"http://testserver{page.url}"
    assert record.identifier == f"materials/{page.translation_key}/de"
    source = MaterialPage.objects.get(
        translation_key=page.translation_key, locale__language_code="en"
    )
    assert record.source.language == "en" and record.source.url.endswith(source.url)
    assert {version.language for version in record.translations} == {"en", "nl"}
    assert [term.key for term in record.disciplines] == [d.slug for d in page.disciplines.all()]
    assert {term.label for term in record.disciplines} == {
        f"{d.name} (Deutsch)" for d in page.disciplines.all()
    }
    assert record.licence.key == page.licence
    assert record.files and all(
        f.url.startswith(f"http://testserver{page.url}files/") for f in record.files
    )
    assert record.files[0].file_format == "pdf" and record.files[0].size > 0
    assert record.isced_levels
    assert page.title in record.attribution and record.licence.name in record.attribution


def test_source_record_has_no_source(request_):
    page = full_material(files=0, related=0, reviews=0)
    [record] = build_records([page], request_)
    assert record.source is None


def test_building_records_costs_a_fixed_number_of_queries(request_):
    built = [full_material(disciplines=2, files=2, related=0, reviews=1) for _ in range(10)]
    for page in built[5:]:
        translate_page(page, "de")
    pks = [page.pk for page in built]
    few = list(MaterialPage.objects.live().filter(pk__in=pks).order_by("pk")[:2])
    many = list(MaterialPage.objects.live().filter(pk__in=pks).order_by("pk"))
    assert len(many) == 10
    with CaptureQueriesContext(connection) as small:
        build_records(few, request_)
    with CaptureQueriesContext(connection) as large:
        build_records(many, request_)
    assert len(large) <= len(small) + 12  # one localisation query per model and language
