"""The database engine's in-memory facet index: one bit position per material (all
language versions of it share the position), one bitmask per facet value.

Counting a facet value is then `(mask & candidates).bit_count()`: about a microsecond
at 10,000 materials, so disjunctive counts for every facet cost no SQL at all. The
index is rebuilt in a handful of queries when the search generation token changes.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings

from materials.age_bands import bands_for
from materials.models import MaterialPage
from search.facets import FACETS
from search.generation_cache import PerGeneration
from search.models import SearchGeneration
from search.text import fold

MIN_DATE = datetime.min.isoformat()


def positions(mask: int) -> list[int]:
    """The set bits of a mask, lowest first."""
    bits = bin(mask)[:1:-1]
    found = []
    index = bits.find("1")
    while index != -1:
        found.append(index)
        index = bits.find("1", index + 1)
    return found


@dataclass
class WorkIndex:
    token: uuid.UUID
    keys: list[uuid.UUID] = field(default_factory=list)  # position -> translation key
    versions: list[dict[str, int]] = field(default_factory=list)  # language -> page id
    representative: list[int] = field(default_factory=list)  # page whose facts count
    ages: list[tuple[int | None, int | None]] = field(default_factory=list)
    newest_rank: list[int] = field(default_factory=list)  # 0 = most recently published
    titles: dict[int, str] = field(default_factory=dict)  # page id -> folded title
    page_position: dict[int, int] = field(default_factory=dict)
    masks: dict[str, dict[str, int]] = field(default_factory=dict)  # facet -> value -> mask
    _per_language: dict = field(default_factory=dict)
    _age_masks: dict[int, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.keys)

    @property
    def all_mask(self) -> int:
        return (1 << self.size) - 1

    def display_pages(self, language: str) -> list[int]:
        """Per position, the page to show a visitor: their language, else the source."""
        cached = self._per_language.get(("display", language))
        if cached is None:
            cached = [
                versions.get(language, representative)
                for versions, representative in zip(self.versions, self.representative, strict=True)
            ]
            self._per_language[("display", language)] = cached
        return cached

    def title_rank(self, language: str) -> list[int]:
        cached = self._per_language.get(("title", language))
        if cached is None:
            display = self.display_pages(language)
            order = sorted(range(self.size), key=lambda p: (self.titles[display[p]], p))
            cached = [0] * self.size
            for rank, position in enumerate(order):
                cached[position] = rank
            self._per_language[("title", language)] = cached
        return cached

    def age_mask(self, age: int) -> int:
        cached = self._age_masks.get(age)
        if cached is None:
            cached = 0
            for position, (age_min, age_max) in enumerate(self.ages):
                if age_min is not None and age_max is not None and age_min <= age <= age_max:
                    cached |= 1 << position
            self._age_masks[age] = cached
        return cached


def build_work_index(token: uuid.UUID) -> WorkIndex:
    """Read every live, public material in five queries and lay out the bitmasks."""
    index = WorkIndex(token=token)
    rows = (
        MaterialPage.objects.live()
        .public()
        .order_by("pk")
        .values_list(
            "pk",
            "translation_key",
            "locale__language_code",
            "title",
            "first_published_at",
            "age_min",
            "age_max",
            "country",
            "resource_type",
            "audience",
            "licence",
        )
    )
    by_key: dict[uuid.UUID, list[tuple]] = defaultdict(list)
    for row in rows:
        by_key[row[1]].append(row)
        index.titles[row[0]] = fold(row[3])

    masks: dict[str, dict[str, int]] = {facet.name: defaultdict(int) for facet in FACETS}
    published = []
    representative_position: dict[int, int] = {}
    for position, (key, versions) in enumerate(by_key.items()):
        source = next((v for v in versions if v[2] == settings.LANGUAGE_CODE), versions[0])
        page_id, _key, _lang, _title, first_published, age_min, age_max = source[:7]
        country, resource_type, audience, licence = source[7:]
        index.keys.append(key)
        index.versions.append({v[2]: v[0] for v in versions})
        index.representative.append(page_id)
        index.ages.append((age_min, age_max))
        published.append(first_published.isoformat() if first_published else MIN_DATE)
        representative_position[page_id] = position
        for version in versions:
            index.page_position[version[0]] = position
        bit = 1 << position
        for name, value in (
            ("country", country),
            ("type", resource_type),
            ("audience", audience),
            ("licence", licence),
        ):
            if value:
                masks[name][str(value)] |= bit
        for band in bands_for(age_min, age_max):
            masks["age"][band.key] |= bit

    for name, relation, key_field in RELATED_FACETS:
        through = getattr(MaterialPage, relation).through
        target = through._meta.get_field(relation_target_field(through)).name
        for page_id, value in through.objects.values_list(
            "materialpage_id", f"{target}__{key_field}"
        ):
            related_position = representative_position.get(page_id)
            if related_position is not None:
                masks[name][value] |= 1 << related_position

    order = sorted(range(index.size), key=lambda p: (published[p], p), reverse=True)
    index.newest_rank = [0] * index.size
    for rank, position in enumerate(order):
        index.newest_rank[position] = rank
    index.masks = {name: dict(values) for name, values in masks.items()}
    return index


RELATED_FACETS = (
    ("discipline", "disciplines", "slug"),
    ("language", "resource_languages", "code"),
    ("dimension", "diversity_dimensions", "slug"),
)


def relation_target_field(through) -> str:
    """The through model's foreign key that is not the page."""
    return next(
        f.name
        for f in through._meta.get_fields()
        if f.is_relation and f.many_to_one and f.name != "materialpage"
    )


_cache: PerGeneration[WorkIndex] = PerGeneration(build_work_index)


def current_work_index(token: uuid.UUID | None = None) -> WorkIndex:
    """The index for the current generation: one query (the token) when nothing changed."""
    return _cache.get(token or SearchGeneration.current())
