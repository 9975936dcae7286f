"""Every translation of a material keeps pointing at the source's canonical terms."""

import pytest

from materials.localization import localize_all
from materials.models import Discipline, MaterialPage

pytestmark = pytest.mark.django_db


def translated_pair():
    for translation in MaterialPage.objects.filter(locale__language_code="de"):
        source = MaterialPage.objects.get(
            translation_key=translation.translation_key, locale__language_code="en"
        )
        return source, translation
    raise AssertionError("no German material in the demo")


def test_publishing_the_source_copies_its_terms_to_every_translation():
    source, translation = translated_pair()
    new_terms = list(Discipline.objects.filter(locale__language_code="en").order_by("-pk")[:3])
    source.disciplines = new_terms
    source.save_revision().publish()
    translation.refresh_from_db()
    assert set(translation.disciplines.all()) == set(new_terms)
    for other in MaterialPage.objects.filter(translation_key=source.translation_key):
        assert set(other.disciplines.all()) == set(new_terms)


def test_publishing_a_translation_leaves_the_source_alone():
    source, translation = translated_pair()
    before = set(source.disciplines.all())
    translation.disciplines = list(Discipline.objects.filter(locale__language_code="en")[:1])
    translation.save_revision().publish()
    source.refresh_from_db()
    assert set(source.disciplines.all()) == before


def test_terms_are_shown_in_the_visitors_language():
    english = list(Discipline.objects.filter(locale__language_code="en"))
    german = localize_all(english, "de")
    assert [term.translation_key for term in german] == [term.translation_key for term in english]
    assert all(term.locale.language_code == "de" for term in german)
    assert localize_all(english, "en") == english
