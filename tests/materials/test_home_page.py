"""The home page is the front door in every language: a search box, ways in by discipline
and age band with the counts the search page reports, featured pages, latest materials and
partners, for a number of queries that does not grow with the content."""

import re
from html import unescape

import pytest

from django.utils import translation

from materials.age_bands import AGE_BANDS
from materials.models import CataloguePage, Discipline, HomePage, Partner
from tests.conftest import shared_data
from tests.factories import (
    DisciplineFactory,
    PartnerFactory,
    full_catalogue,
    publish,
    site_tree,
    translate_page,
    translate_term,
)
from tests.factories import full_material as build_material
from tests.materials.test_query_counts import MAX_QUERIES, count_queries

pytestmark = pytest.mark.django_db


def build_network():
    """A small network: two partners, three disciplines (two named in German), materials
    for younger and older pupils, one translated into German, and two catalogues."""
    tree = site_tree()
    site_tree("de")
    partners = [
        PartnerFactory(institution="Centre for Physics Teaching", slug="physics-centre"),
        PartnerFactory(institution="Biology Teachers' Network", slug="biology-network"),
    ]
    physics, biology, _geology = (
        DisciplineFactory(name=f"{name} at home", slug=f"home-{name.lower()}")
        for name in ("Physics", "Biology", "Geology")
    )
    translate_term(physics, "de", name="Physik")
    translate_term(biology, "de", name="Biologie")
    materials = []
    for n, (partner, discipline, ages) in enumerate(
        [
            (partners[0], physics, (6, 9)),
            (partners[1], biology, (12, 15)),
            (partners[0], physics, (15, 18)),
        ]
    ):
        material = build_material(
            tree.materials,
            related=0,
            reviews=0,
            partner=partner,
            title=f"Network material {n}",
            age_min=ages[0],
            age_max=ages[1],
        )
        material.disciplines = [discipline]
        materials.append(publish(material))
    translate_page(materials[0], "de")
    for n in range(2):
        full_catalogue(tree.catalogues, materials=materials[:2], title=f"Catalogue {n}")


@pytest.fixture(scope="module", autouse=True)
def network(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, build_network):
        yield


ENTRY = re.compile(
    r'<a class="entry-point" href="(?P<url>[^"]+)" data-facet="(?P<facet>\w+)"'
    r' data-value="(?P<value>[^"]+)"><span class="entry-point__label">(?P<label>[^<]+)</span>'
    r'\s*<span class="entry-point__count">(?P<count>\d+)\D'
)


def entry_points(client, language):
    html = client.get(f"/{language}/").content.decode()
    return [match.groupdict() for match in ENTRY.finditer(html)]


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_discipline_and_age_band_is_an_entry_point_with_the_search_pages_count(
    client, language
):
    entries = entry_points(client, language)
    by_facet = {}
    for entry in entries:
        by_facet.setdefault(entry["facet"], set()).add(unescape(entry["value"]))
    disciplines = set(
        Discipline.objects.filter(locale__language_code="en").values_list("slug", flat=True)
    )
    assert by_facet["discipline"] == disciplines
    assert by_facet["age"] == {band.key for band in AGE_BANDS}
    assert any(int(entry["count"]) for entry in entries), "the network has materials to count"
    for entry in entries:
        url = unescape(entry["url"])
        assert url.startswith(f"/{language}/search/?{entry['facet']}="), url
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.context["results"].total == int(entry["count"]), url


def test_german_entry_points_are_labelled_in_german(client):
    entries = {entry["value"]: unescape(entry["label"]) for entry in entry_points(client, "de")}
    german = dict(Discipline.objects.filter(locale__language_code="de").values_list("slug", "name"))
    english = dict(
        Discipline.objects.filter(locale__language_code="en").values_list("slug", "name")
    )
    translated = [slug for slug in german if german[slug] != english.get(slug)]
    assert translated, "the network names disciplines in German"
    for slug in translated:
        assert entries[slug] == german[slug]
    with translation.override("de"):
        for band in AGE_BANDS:
            assert entries[band.key] == str(band.label)
    html = client.get("/de/").content.decode()
    assert "Nach Fach" in html and "Nach Alter der Lernenden" in html


@pytest.mark.parametrize("language", ["en", "de"])
def test_search_box_is_a_labelled_get_form_to_the_visitors_search(client, language):
    html = client.get(f"/{language}/").content.decode()
    form = re.search(r'<form class="home-search"[^>]*>', html).group(0)
    assert f'action="/{language}/search/"' in form and 'method="get"' in form
    assert '<label for="home-search-q">' in html
    assert re.search(r'<input type="search" id="home-search-q" name="q"', html)


@pytest.mark.parametrize("language", ["en", "de"])
def test_title_names_the_site_once(client, language):
    home = HomePage.objects.get(locale__language_code=language)
    html = unescape(client.get(f"/{language}/").content.decode())
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title == (home.seo_title or home.title)
    assert " · " not in title


def test_featured_catalogue_is_the_editors_choice_else_the_latest(client, home):
    catalogues = list(
        CataloguePage.objects.live().descendant_of(home).order_by("-first_published_at", "-pk")
    )
    assert len(catalogues) >= 2, "the network has several catalogues"
    html = client.get("/en/").content.decode()
    featured = html.split('id="featured-heading"')[1].split("</section>")[0]
    assert f'href="{catalogues[0].url}"' in featured
    assert f'href="{catalogues[-1].url}"' not in featured

    home.featured_catalogue = catalogues[-1]
    home.save_revision().publish()
    html = client.get("/en/").content.decode()
    featured = html.split('id="featured-heading"')[1].split("</section>")[0]
    assert f'href="{catalogues[-1].url}"' in featured
    assert f'href="{catalogues[0].url}"' not in featured


def test_partners_are_listed(client):
    html = unescape(client.get("/en/").content.decode())
    partners = Partner.objects.filter(locale__language_code="en")
    assert partners
    for partner in partners:
        assert partner.institution in html


@pytest.mark.parametrize("language", ["en", "de"])
def test_home_queries_are_pinned_and_do_not_grow_with_content(client, material_index, language):
    before = count_queries(client, f"/{language}/")
    assert before <= MAX_QUERIES["home"]
    for n in range(4):
        build_material(material_index, files=1, related=0, disciplines=3, reviews=1)
        PartnerFactory(slug=f"extra-partner-{n}", institution=f"Extra Partner {n}")
    html = client.get(f"/{language}/").content.decode()
    assert "Extra Partner 3" in html
    # Not one more query for four more materials and partners. (It can be fewer: the newest
    # cards shown are now these, which have no cover image, where the demo's have.)
    assert count_queries(client, f"/{language}/") <= before
