"""Covers are responsive: a phone is offered a narrow rendition instead of the 960 px one.

Cards (listings, the home page) carry srcset and sizes over three prefetched renditions and
load lazily; the material page's cover, its first image and above the fold, is not lazy.
Every image states its width and height so the layout does not shift when it arrives."""

import re
from html import unescape
from unittest import mock

import pytest

from materials.models.media import CustomRendition
from materials.templatetags.materials_tags import card_image
from tests.factories import ImageFactory, full_material

pytestmark = pytest.mark.django_db

IMG = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def images(html: str, css_class: str) -> list[dict]:
    tags = [dict(ATTRIBUTE.findall(tag)) for tag in IMG.findall(html)]
    return [
        {key: unescape(value) for key, value in tag.items()}
        for tag in tags
        if css_class in tag.get("class", "").split()
    ]


def srcset_widths(image: dict) -> list[int]:
    candidates = [candidate.split() for candidate in image["srcset"].split(",")]
    assert all(len(candidate) == 2 and candidate[1].endswith("w") for candidate in candidates)
    return sorted(int(candidate[1][:-1]) for candidate in candidates)


@pytest.fixture(autouse=True)
def no_cached_renditions():
    """Renditions are cached by image id and filter outside the database, which each test
    rolls back: a new image reusing an id must not get another test's renditions."""
    CustomRendition.cache_backend.clear()


@pytest.fixture
def covered_material(material_index):
    cover = ImageFactory(file__width=1600, file__height=1000)
    return full_material(material_index, related=0, reviews=0, cover_image=cover)


def test_cards_offer_three_widths_lazily_with_their_size(covered_material):
    [card] = images(card_image(covered_material.cover_image), "card__image")
    assert srcset_widths(card) == [320, 480, 960]
    assert card["sizes"]
    assert card["loading"] == "lazy"
    assert (card["width"], card["height"]) == ("480", "270")
    assert card["src"] in card["srcset"]
    assert card["alt"] == ""
    for candidate in card["srcset"].split(","):
        url = candidate.split()[0]
        assert url.startswith("/media/images/"), url


def test_the_material_cover_is_responsive_and_not_lazy(client, covered_material):
    html = client.get(covered_material.url).content.decode()

    [cover] = images(html, "material__cover")
    assert srcset_widths(cover) == [320, 480, 960]
    assert cover["sizes"]
    assert "loading" not in cover
    assert (cover["width"], cover["height"]) == ("960", "400")


def test_a_small_original_is_never_offered_wider_than_it_is(client, material_index):
    cover = ImageFactory(file__width=400, file__height=300)
    material = full_material(material_index, related=0, reviews=0, cover_image=cover)

    [card] = images(card_image(cover), "card__image")
    widths = srcset_widths(card)
    assert max(widths) <= 400
    assert len(widths) == len(set(widths)), "a width twice in srcset"
    [cover] = images(client.get(material.url).content.decode(), "material__cover")
    widths = srcset_widths(cover)
    assert max(widths) <= 400 and len(widths) == len(set(widths))


def test_renditions_read_from_the_cache_are_not_stored_again(client, covered_material):
    """The first view stores the cover's renditions in the renditions cache; later views read
    them from it and write nothing back (Wagtail would pickle and store them every time)."""
    client.get(covered_material.url)
    backend = CustomRendition.cache_backend
    writes = []
    with (
        mock.patch.object(
            backend, "set_many", side_effect=lambda data, *a, **k: writes.append(data)
        ),
        mock.patch.object(backend, "set", side_effect=lambda *a, **k: writes.append(a)),
    ):
        html = client.get(covered_material.url).content.decode()

    [cover] = images(html, "material__cover")
    assert srcset_widths(cover) == [320, 480, 960]
    assert writes == []


def test_renditions_found_in_the_database_are_stored_in_the_cache(client, covered_material):
    client.get(covered_material.url)
    CustomRendition.cache_backend.clear()

    client.get(covered_material.url)

    cover = covered_material.cover_image
    keys = [
        CustomRendition.construct_cache_key(cover, rendition.focal_point_key, rendition.filter_spec)
        for rendition in cover.renditions.all()
    ]
    assert len(keys) == 3
    assert all(CustomRendition.cache_backend.get(key) is not None for key in keys)
