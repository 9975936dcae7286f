"""Bulk index writes read each batch's facts in a fixed number of queries, and index
exactly what indexing each material alone gives (materials.models.index_batch)."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend

from materials.models import MaterialPage
from tests.factories import (
    DiversityDimensionFactory,
    MaterialPageFactory,
    PDUseFactory,
    full_material,
    locale,
    publish,
    site_tree,
    translate_page,
    translate_term,
)
from translation.models import MachineMetadata

pytestmark = pytest.mark.django_db


def search_values(page) -> dict:
    """Every search field's value for the page, as a backend reads them."""
    return {
        field.field_name: field.get_value(page)
        for field in MaterialPage.get_search_fields()
        if hasattr(field, "get_value")
    }


def fresh(pages) -> list[MaterialPage]:
    """The pages as update_index loads them: new instances, nothing cached."""
    by_pk = MaterialPage.objects.in_bulk([page.pk for page in pages])
    return [by_pk[page.pk] for page in pages]


def materials_with_every_fact(count: int) -> list[MaterialPage]:
    """Materials whose search fields each read something: translated terms, a German
    version, a PD use, machine-translated text, and one under a view restriction."""
    index = site_tree().materials
    pages = [full_material(index, title=f"Batch material {n}") for n in range(count)]
    for page in pages:
        for term in page.disciplines.all():
            translate_term(term, "de", name=f"{term.name} (de)")
    translate_page(pages[0], "de")
    PDUseFactory(material=pages[1])
    # Publishing may already have stored one (a machine translator configured by the suite).
    MachineMetadata.objects.update_or_create(
        translation_key=pages[0].translation_key,
        locale=locale("el"),
        defaults={
            "title": "Ενέργειας πείραμα",
            "summary": "Περίληψη",
            "source_fingerprint": "x",
            "provider": "test",
        },
    )
    restricted = full_material(index, title="Behind a password")
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    pages.append(restricted)
    german = MaterialPage.objects.get(
        translation_key=pages[0].translation_key, locale__language_code="de"
    )
    pages.append(publish(german))
    return pages


def test_a_batch_indexes_what_each_material_alone_does():
    pages = materials_with_every_fact(3)
    alone = [search_values(page) for page in fresh(pages)]
    batch = fresh(pages)
    with MaterialPage.search_index_batch(batch):
        together = [search_values(page) for page in batch]
    assert together == alone
    # The facts under test are really there, so the comparison compares something.
    assert alone[1]["search_used_in_pd"] == ["yes"]
    assert alone[-2]["search_public"] is False and alone[0]["search_public"] is True
    assert "Ενέργειας" in alone[0]["search_machine_text"]
    assert "(de)" in alone[0]["search_term_labels"]
    assert set(alone[0]["search_live_languages"]) == {"en", "de"}


def more_materials(count: int) -> list[MaterialPage]:
    return [
        publish(MaterialPageFactory(parent=site_tree().materials, title=f"More {n}"))
        for n in range(count)
    ]


def test_inside_a_batch_reading_the_fields_costs_no_query():
    batch = fresh(materials_with_every_fact(2) + more_materials(3))
    with MaterialPage.search_index_batch(batch), CaptureQueriesContext(connection) as queries:
        for page in batch:
            search_values(page)
    assert len(queries) == 0, [query["sql"][:100] for query in queries]


def test_entering_a_batch_costs_a_fixed_number_of_queries():
    pages = materials_with_every_fact(2)
    costs = []
    for batch in (fresh(pages), fresh(pages + more_materials(4))):
        with CaptureQueriesContext(connection) as queries, MaterialPage.search_index_batch(batch):
            pass
        costs.append(len(queries))
    assert costs[0] == costs[1]


def test_a_page_indexed_alone_reads_its_own_unsaved_values():
    """A publish indexes one in-memory page: nothing from the database replaces it."""
    page = full_material(title="Alone")
    page.diversity_dimensions = DiversityDimensionFactory.create_batch(1)  # unsaved
    with MaterialPage.search_index_batch([page]):
        assert page.search_diversity_dimensions() == [
            term.slug for term in page.diversity_dimensions.all()
        ]


def test_facts_do_not_outlive_the_batch():
    pages = fresh(materials_with_every_fact(2))
    with MaterialPage.search_index_batch(pages):
        pass
    PDUseFactory(material=pages[0])
    assert pages[0].search_used_in_pd() == ["yes"]


def test_the_backend_reads_a_batch_in_a_fixed_number_of_queries():
    """What update_index costs per batch, on the configured backend. Only reads are
    counted: modelsearch's SQLite index updates an existing entry with one UPDATE each."""
    index = get_search_backend().get_index_for_model(MaterialPage)
    small = materials_with_every_fact(2)
    large = small + more_materials(6)
    costs = []
    for batch in (fresh(small), fresh(large)):
        with CaptureQueriesContext(connection) as queries:
            index.add_items(MaterialPage, batch)
        costs.append(sum(query["sql"].lstrip().startswith("SELECT") for query in queries))
    assert costs[0] == costs[1], costs
