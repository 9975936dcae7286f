"""Sites whose list items were stored as plain lists get them in block format, revisions too."""

import importlib
import json

import pytest

from django.apps import apps

from wagtail_localize.models import StringSegment, TranslationSource
from wagtail_localize.strings import StringValue

from tests.factories import full_catalogue, full_material, list_items

pytestmark = pytest.mark.django_db

migration = importlib.import_module("materials.migrations.0004_list_block_items")


def flatten(stream: list, block_type: str, child: str) -> list:
    """The stream with the ListBlock `child` of each `block_type` block as a plain list."""
    for block in stream:
        if block["type"] == block_type:
            block["value"][child] = [item["value"] for item in block["value"][child]]
    return stream


def store_as_plain_lists(page, field: str, block_type: str, child: str) -> list:
    """Write the page and its latest revision the way older seeds stored them."""
    plain = flatten(list(getattr(page, field).raw_data), block_type, child)
    type(page).objects.filter(pk=page.pk).update(**{field: plain})
    revision = page.latest_revision
    revision.content[field] = json.dumps(plain)
    revision.save(update_fields=["content"])
    return plain


def items_of(stream: list, block_type: str, child: str) -> list:
    return [
        item for block in stream if block["type"] == block_type for item in block["value"][child]
    ]


@pytest.fixture
def material():
    """A material whose activity outline holds two steps, stored as block items."""
    activity = {
        "type": "activity",
        "value": {
            "title": "Predict and test",
            "duration_minutes": 60,
            "goal": "Teachers plan a density lesson.",
            "steps": list_items(["Predict which liquid floats", "Test the prediction"]),
        },
    }
    return full_material(commentary=[activity], files=0, related=0, reviews=0)


def test_plain_lists_become_block_items_in_pages_and_revisions(material):
    catalogue = full_catalogue(materials=[material])
    steps = store_as_plain_lists(material, "commentary", "activity", "steps")
    entries = store_as_plain_lists(catalogue, "sections", "section", "materials")
    plain_steps = items_of(steps, "activity", "steps")
    assert plain_steps == ["Predict which liquid floats", "Test the prediction"]

    migration.forwards(apps, None)

    material.refresh_from_db()
    items = items_of(list(material.commentary.raw_data), "activity", "steps")
    assert [item["value"] for item in items] == plain_steps
    assert all(item["type"] == "item" and item["id"] for item in items)
    revision_items = items_of(
        json.loads(material.latest_revision.content["commentary"]), "activity", "steps"
    )
    assert [item["value"] for item in revision_items] == plain_steps
    catalogue.refresh_from_db()
    notes = [
        item["value"]["note"]
        for item in items_of(list(catalogue.sections.raw_data), "section", "materials")
    ]
    assert notes == [entry["note"] for entry in items_of(entries, "section", "materials")]
    assert notes == [f"Note on {material.title}"]

    # The steps are now translation segments.
    source, _ = TranslationSource.get_or_create_from_instance(material)
    source.update_from_db()
    segments = {
        StringValue(segment.string.data).render_text()
        for segment in StringSegment.objects.filter(source=source).select_related("string")
    }
    assert set(plain_steps) <= segments


def test_running_it_again_changes_nothing(material):
    before = list(material.commentary.raw_data)
    migration.forwards(apps, None)
    material.refresh_from_db()
    assert list(material.commentary.raw_data) == before
