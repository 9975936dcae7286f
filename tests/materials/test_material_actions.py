"""A teacher can act on a material page: download from the top, copy the credit line, read
clean age labels; catalogue entries say for whom and in what a material is."""

import re
from html import unescape

import pytest

from django.template.defaultfilters import filesizeformat

from tests.factories import full_catalogue, translate_page, translate_term
from tests.factories import full_material as build_material
from tests.materials.test_query_counts import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db


def test_download_area_sits_after_the_summary_with_main_file_and_zip(client, material_index):
    material = build_material(material_index, files=3, related=0, reviews=0)
    html = client.get(material.url).content.decode()
    area = re.search(r'<nav class="get-it".*?</nav>', html, re.S)
    assert area, "a download area"
    summary_at = html.index(unescape(material.summary)[:30].replace("'", "&#x27;"))
    assert summary_at < area.start() < html.index('id="facts-heading"')
    main = material.files.first()
    area = area.group(0)
    assert f'href="{material.url}files/{main.document.pk}/' in area
    assert f'href="{material.url}files/all.zip"' in area
    assert main.document.format_label in area
    assert filesizeformat(main.document.file_size) in unescape(area)
    assert "ZIP, 3 files" in area


def test_single_file_material_offers_no_zip_at_the_top(client, material_index):
    material = build_material(material_index, files=1, related=0, reviews=0)
    area = re.search(
        r'<nav class="get-it".*?</nav>', client.get(material.url).content.decode(), re.S
    ).group(0)
    assert "ZIP" not in area
    assert area.count("download aria-describedby") == 1


def test_attribution_has_a_copy_button_over_a_textarea_fallback(client, material_index):
    material = build_material(material_index, files=1, related=0, reviews=0)
    html = client.get(material.url).content.decode()
    assert re.search(r'<textarea id="attribution"[^>]*readonly>', html)
    button = re.search(r'<button type="button" class="copy-button"[^>]*>', html).group(0)
    assert 'data-copy-target="attribution"' in button
    assert " hidden" in button, "hidden until the script can copy"
    assert re.search(r'<script src="[^"]*js/copy-text\.js" defer></script>', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", html), (
        "no inline script"
    )


def test_age_band_label_has_no_nested_parentheses(client, material_index):
    material = build_material(material_index, files=1, related=0, reviews=0, age_min=16, age_max=19)
    html = unescape(client.get(material.url).content.decode())
    facts = html.split('id="facts-heading"')[1].split("</dl>")[0]
    assert "16–19 years" in facts
    assert "15–19 (upper secondary)" in facts
    assert "((" not in facts and "))" not in facts


def catalogue_with(material_index, count):
    materials = [
        build_material(material_index, files=0, related=0, reviews=0) for _n in range(count)
    ]
    return full_catalogue(materials=materials), materials


def test_catalogue_entries_show_age_languages_and_type(client, material_index):
    catalogue, materials = catalogue_with(material_index, 2)
    html = unescape(client.get(catalogue.url).content.decode())
    for material in materials:
        entry = html.split(f'href="{material.url}"')[1].split("</li>")[0]
        assert f"{material.age_min}–{material.age_max} years" in entry or "Adult" in entry
        assert "English" in entry and "German" in entry
        assert str(material.get_resource_type_display()) in entry


def test_german_catalogue_entry_languages_are_in_german(client, material_index):
    _catalogue, materials = catalogue_with(material_index, 1)
    english = translate_term(materials[0].resource_languages.get(code="en"), "de", name="Englisch")
    assert english.name == "Englisch"
    translate_term(materials[0].resource_languages.get(code="de"), "de", name="Deutsch")
    german = translate_page(_catalogue, "de")
    html = unescape(client.get(german.url).content.decode())
    metas = re.findall(r'<p class="catalogue-entry__meta">(.*?)</p>', html, re.S)
    assert metas
    assert all("Englisch" in meta and "Deutsch" in meta for meta in metas)


def test_catalogue_queries_do_not_grow_with_entries(client, material_index):
    small_catalogue, _materials = catalogue_with(material_index, 1)
    small = count_queries(client, small_catalogue.url)
    large_catalogue, _materials = catalogue_with(material_index, 6)
    assert count_queries(client, large_catalogue.url) == small <= MAX_QUERIES["catalogue"]


def test_material_page_with_a_download_area_stays_within_its_pin(client, material_index):
    material = build_material(material_index, files=3, related=2, reviews=1)
    assert count_queries(client, material.url) <= MAX_QUERIES["material"]
