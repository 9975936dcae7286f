"""JSON-LD in every material page, expanded by an independent JSON-LD processor (pyld)."""

import json
import re

import pytest
from pyld import jsonld

from materials.models import MaterialPage
from tests.factories import full_material

# The materials are tests/open_data/repository.py's.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("repository")]

SCHEMA = "https://schema.org/"
# schema.org's published context maps every term into its vocabulary; the processor is given
# the same mapping locally because tests have no network.
SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA}}


def offline_loader(url, options=None):
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


def embedded_json_ld(html: str) -> dict:
    # The element carries the request's Content-Security-Policy nonce as an attribute.
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def expand(data: dict) -> dict:
    [node] = jsonld.expand(data, {"documentLoader": offline_loader})
    return node


def values(node, term):
    return [item.get("@value", item.get("@id")) for item in node.get(SCHEMA + term, [])]


def test_translation_is_a_learning_resource_linked_to_its_source(client, repository):
    page = repository.translation("de")
    source = MaterialPage.objects.get(
        translation_key=page.translation_key, locale__language_code="en"
    )
    node = expand(embedded_json_ld(client.get(page.url).content.decode()))

    assert node["@type"] == [SCHEMA + "LearningResource"]
    assert node["@id"] == f"http://testserver{page.url}"
    assert values(node, "name") == [page.title]
    assert values(node, "description") == [page.summary]
    assert values(node, "inLanguage") == ["de"]
    assert values(node, "license")[0].startswith("https://creativecommons.org/")
    [original] = node[SCHEMA + "translationOfWork"]
    assert original["@id"] == f"http://testserver{source.url}"
    assert values(node, "typicalAgeRange") == [f"{page.age_min}-{page.age_max}"]
    levels = [level[SCHEMA + "name"][0]["@value"] for level in node[SCHEMA + "educationalLevel"]]
    assert levels and all(level.startswith("ISCED ") for level in levels)
    about = {term[SCHEMA + "termCode"][0]["@value"] for term in node[SCHEMA + "about"]}
    assert about == set(page.disciplines.values_list("slug", flat=True))
    role = node[SCHEMA + "audience"][0][SCHEMA + "educationalRole"][0]["@value"]
    assert role == str(page.get_audience_display())
    assert values(node, "learningResourceType")
    publisher = node[SCHEMA + "publisher"][0]
    assert publisher[SCHEMA + "name"][0]["@value"] == page.partner.institution
    authors = [author[SCHEMA + "name"][0]["@value"] for author in node[SCHEMA + "author"]]
    assert ", ".join(authors) == page.authors
    assert values(node, "dateModified")
    media = node[SCHEMA + "associatedMedia"]
    assert len(media) == page.files.count()


def test_source_lists_its_translations(client, repository):
    source = MaterialPage.objects.get(
        translation_key=repository.translation("de").translation_key,
        locale__language_code="en",
    )
    node = expand(embedded_json_ld(client.get(source.url).content.decode()))
    languages = {
        item[SCHEMA + "inLanguage"][0]["@value"] for item in node[SCHEMA + "workTranslation"]
    }
    assert languages == {"de", "nl", "cs", "el"}
    assert SCHEMA + "translationOfWork" not in node


def test_attribution_line_names_title_authors_partner_licence_and_url(client, repository):
    page = repository.source()
    html = client.get(page.url).content.decode()
    [line] = re.findall(r'<textarea id="attribution"[^>]*>(.*?)</textarea>', html, re.S)
    from html import unescape

    line = unescape(line)
    for part in (page.title, page.partner.institution, page.licence_info.name, page.url):
        assert part in line
    assert page.authors.split(",")[0].strip() in line


def test_json_ld_cannot_break_out_of_its_script_element(client, material_index):
    material = full_material(
        material_index, reviews=0, title="Circuits </script><script>alert(1)</script>"
    )
    html = client.get(material.url).content.decode()
    data = embedded_json_ld(html)
    assert data["name"] == "Circuits </script><script>alert(1)</script>"
    element = html.split('type="application/ld+json"', 1)[1].split(">", 1)[1]
    assert "<script>alert(1)" not in element.split("</script>", 1)[0]
