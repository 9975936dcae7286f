"""The language versions of a page: every live page that shares its translation_key.

Pages, cards, feeds, the sitemap, the search index and the language switcher all ask
"in which languages is this live, and where?". They ask it here, in bulk (one query for any
number of pages), so that the answer, its order and its cost are the same everywhere.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple
from uuid import UUID

# What a version needs for a link (title, URL, language) and nothing else.
VERSION_FIELDS = ("id", "title", "url_path", "translation_key", "locale__language_code", "path")


class VersionRow(NamedTuple):
    """A live version as a search hit needs it: which page, in which locale and language."""

    page_id: int
    locale_id: int
    language_code: str


def _live_of(model, translation_keys: Iterable[UUID]):
    return model.objects.live().filter(translation_key__in=set(translation_keys)).order_by("path")


def live_versions(model, translation_keys: Iterable[UUID]) -> dict[UUID, list]:
    """Every live language version of the given pages of `model` (a Page subclass, or Page
    itself), grouped by translation key, in tree order within each group."""
    versions: dict[UUID, list] = defaultdict(list)
    for version in _live_of(model, translation_keys).select_related("locale").only(*VERSION_FIELDS):
        versions[version.translation_key].append(version)
    return versions


def live_version_rows(model, translation_keys: Iterable[UUID]) -> dict[UUID, list[VersionRow]]:
    """`live_versions` as rows, for a page of search hits: building twenty pages' model
    objects (each a clusterable Page) cost more than the query."""
    versions: dict[UUID, list[VersionRow]] = defaultdict(list)
    for key, *row in _live_of(model, translation_keys).values_list(
        "translation_key", "id", "locale_id", "locale__language_code"
    ):
        versions[key].append(VersionRow(*row))
    return versions


def versions_of(page) -> list:
    """The live language versions of one page, remembered on that page object: a page's
    context and its language switcher ask for the same rows while rendering one request."""
    cached = page.__dict__.get("_live_versions")
    if cached is None:
        cached = live_versions(type(page), [page.translation_key])[page.translation_key]
        page.__dict__["_live_versions"] = cached
    return cached


def live_languages(model, translation_key: UUID) -> list[str]:
    """The language codes one page is live in."""
    return [
        version.locale.language_code
        for version in live_versions(model, [translation_key])[translation_key]
    ]
