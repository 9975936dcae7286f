"""Every translation of a material keeps pointing at the source's canonical terms."""

import pytest

from materials.localization import localize_all
from materials.models import Discipline, MaterialPage
from tests.factories import DisciplineFactory, full_material, translate_page, translate_term

pytestmark = pytest.mark.django_db


def translated_pair():
    """An English material with two disciplines and its German translation."""
    source = full_material(disciplines=2, files=0, related=0, reviews=0)
    return source, translate_page(source, "de", title=f"{source.title} (Deutsch)")


def test_publishing_the_source_copies_its_terms_to_every_translation():
    source, translation = translated_pair()
    translate_page(source, "nl")
    assert set(translation.disciplines.all()) == set(source.disciplines.all())
    new_terms = DisciplineFactory.create_batch(3)
    source.disciplines = new_terms
    source.save_revision().publish()
    translation.refresh_from_db()
    assert set(translation.disciplines.all()) == set(new_terms)
    others = MaterialPage.objects.filter(translation_key=source.translation_key)
    assert others.count() == 3
    for other in others:
        assert set(other.disciplines.all()) == set(new_terms)


def test_publishing_a_translation_leaves_the_source_alone():
    source, translation = translated_pair()
    before = set(source.disciplines.all())
    translation.disciplines = [DisciplineFactory()]
    translation.save_revision().publish()
    source.refresh_from_db()
    assert set(source.disciplines.all()) == before


def test_terms_are_shown_in_the_visitors_language():
    english = DisciplineFactory.create_batch(3)
    for term in english:
        translate_term(term, "de", name=f"{term.name} (Deutsch)")
    german = localize_all(english, "de")
    assert [term.translation_key for term in german] == [term.translation_key for term in english]
    assert all(term.locale.language_code == "de" for term in german)
    assert [term.name for term in german] == [f"{term.name} (Deutsch)" for term in english]
    assert localize_all(english, "en") == english


def test_terms_loaded_with_their_locale_in_the_language_cost_no_query(
    django_assert_num_queries,
):
    english = DisciplineFactory.create_batch(2)
    translate_term(english[0], "de", name="Physik")
    loaded = list(
        Discipline.objects.filter(pk__in=[t.pk for t in english]).select_related("locale")
    )
    with django_assert_num_queries(0):
        assert localize_all(loaded, "en") == loaded
    with django_assert_num_queries(1):  # in another language: one query for the model
        german = localize_all(loaded, "de")
    assert sorted(term.name for term in german) == sorted(["Physik", english[1].name])
    plain = list(Discipline.objects.filter(pk__in=[t.pk for t in english]))
    with django_assert_num_queries(1):  # locale not loaded: asked, not assumed
        assert localize_all(plain, "en") == plain
