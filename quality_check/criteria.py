"""The quality criteria the self-check asks about, in the visitor's language.

The canonical (source-locale) criteria decide what is asked and in which order, and their
slugs name the answers in the URL in every language; the labels and guidance come from
each criterion's translation where there is one. Two queries for any number of criteria.
"""

from django.conf import settings

from materials.localization import localize_all
from materials.models import QualityCriterion


def criteria_for(language: str) -> list[QualityCriterion]:
    """Each canonical criterion, localised; `canonical_pk` keeps the id reviews link to."""
    canonical = list(QualityCriterion.objects.filter(locale__language_code=settings.LANGUAGE_CODE))
    localized = localize_all(canonical, language)
    for source, shown in zip(canonical, localized, strict=True):
        shown.canonical_pk = source.pk
        shown.slug = source.slug
    return localized
