"""A material page's small facts, read in one statement (materials.page_facts): which terms
it has, which lineage links and reviews name it in any language version, and its download
count. They agree with what the ORM finds, and a material page that has none of them makes
no lineage or review query."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from materials.models import FileDownloadCount, MaterialDownloadCount, MaterialPage
from materials.models.review import ReviewedMaterial
from materials.page_facts import page_facts
from tests import factories
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    return factories.site_tree()


def test_the_facts_agree_with_the_orm(tree):
    material = factories.full_material(tree.materials, files=2, disciplines=2, reviews=2)
    original = factories.publish(factories.MaterialPageFactory(parent=tree.materials))
    adaptation = factories.publish(factories.MaterialPageFactory(parent=tree.materials))
    links = [
        factories.material_lineage(original, material),
        factories.material_lineage(material, adaptation, kind="version"),
    ]
    MaterialDownloadCount.objects.create(translation_key=material.translation_key, count=41)
    downloaded, never = [file.document for file in material.files.all()]
    FileDownloadCount.objects.create(document=downloaded, count=7)
    FileDownloadCount.objects.create(document=DocumentFactory(), count=99)  # another file's

    with CaptureQueriesContext(connection) as queries:
        facts = page_facts(material)

    assert len(queries) == 1
    assert sorted(facts.term_ids["disciplines"]) == sorted(
        material.disciplines.values_list("pk", flat=True)
    )
    assert sorted(facts.term_ids["resource_languages"]) == sorted(
        material.resource_languages.values_list("pk", flat=True)
    )
    assert sorted(facts.term_ids["diversity_dimensions"]) == sorted(
        material.diversity_dimensions.values_list("pk", flat=True)
    )
    assert sorted(facts.lineage_ids) == sorted(link.pk for link in links)
    assert facts.review_ids == set(
        ReviewedMaterial.objects.filter(material=material).values_list("page_id", flat=True)
    )
    assert len(facts.review_ids) == 2
    assert facts.download_count == 41
    assert facts.file_download_counts == {downloaded.pk: 7}
    assert never.pk not in facts.file_download_counts


def test_a_translation_has_the_facts_of_its_source(tree):
    material = factories.full_material(tree.materials, reviews=1)
    original = factories.publish(factories.MaterialPageFactory(parent=tree.materials))
    link = factories.material_lineage(original, material)
    MaterialDownloadCount.objects.create(translation_key=material.translation_key, count=3)
    german = factories.translate_page(material, "de")

    source, translated = page_facts(material), page_facts(german)

    assert translated.lineage_ids == [link.pk]
    assert translated.review_ids == source.review_ids != set()
    assert translated.download_count == 3
    assert sorted(translated.term_ids["disciplines"]) == sorted(source.term_ids["disciplines"])


def test_a_bare_material_has_no_facts(tree):
    bare = factories.publish(factories.MaterialPageFactory(parent=tree.materials))
    facts = page_facts(MaterialPage.objects.get(pk=bare.pk))
    assert facts.lineage_ids == []
    assert facts.review_ids == set()
    assert facts.download_count == 0


def test_a_material_without_lineage_or_reviews_asks_for_neither(client, tree):
    material = factories.full_material(tree.materials, reviews=0)
    client.get(material.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(material.url).status_code == 200
    tables = " ".join(query["sql"].split(" WHERE ")[0] for query in queries)
    assert 'FROM "materials_materiallineage"' not in tables
    assert 'FROM "materials_reviewpage"' not in tables
