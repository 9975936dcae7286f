"""The database engine's in-memory facet index: one bit position per material (all
language versions of it share the position), one bitmask per facet value.

Counting a facet value is then `(mask & candidates).bit_count()`: about a microsecond
at 10,000 materials, so disjunctive counts for every facet cost no SQL at all. The
index is rebuilt in a handful of queries when the search generation token changes.
"""

import gc
import uuid
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.conf import settings

from materials.accessibility import filterable_features, hazard_free
from materials.age_bands import bands_for
from materials.models import MaterialPage, PDUse
from materials.models.pd_uses import USED_IN_PD
from search.facets import FACETS
from search.generation_cache import PerGeneration
from search.models import SearchChange, SearchGeneration
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


def mask_of(found) -> int:
    """The mask of these positions, set in a byte array and converted once: OR-ing bits
    into an int one at a time copies the whole int each time (quadratic at 100,000)."""
    if not found:
        return 0
    bits = bytearray(max(found) // 8 + 1)
    for position in found:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


HOLE = 1 << 62  # the rank of a position no material holds (never in a mask)


@dataclass
class WorkIndex:
    token: uuid.UUID
    keys: list[uuid.UUID | None] = field(default_factory=list)  # position -> translation key
    versions: list[dict[str, int]] = field(default_factory=list)  # language -> page id
    representative: list[int | None] = field(default_factory=list)  # page whose facts count
    first_page: list[int] = field(default_factory=list)  # lowest page id: ties break on it
    ages: list[tuple[int | None, int | None]] = field(default_factory=list)
    published: list[str] = field(default_factory=list)  # first publication, ISO
    newest_order: list[int] = field(default_factory=list)  # positions, oldest first
    # position -> its index in newest_order (0 = the oldest; HOLE for an empty position).
    # Appending a newly published material leaves every other value as it was.
    published_index: list[int] = field(default_factory=list)
    titles: dict[int, str] = field(default_factory=dict)  # page id -> folded title
    page_position: dict[int, int] = field(default_factory=dict)
    key_position: dict[uuid.UUID, int] = field(default_factory=dict)
    masks: dict[str, dict[str, int]] = field(default_factory=dict)  # facet -> value -> mask
    all_mask: int = 0  # the positions holding a material (withdrawn ones leave holes)
    applied: dict[int, uuid.UUID] = field(default_factory=dict)  # recent change id -> token
    _per_language: dict = field(default_factory=dict)
    _age_masks: dict[int, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.keys)

    @property
    def holes(self) -> int:
        return self.size - self.all_mask.bit_count()

    @property
    def change_id(self) -> int:
        return max(self.applied, default=0)

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

    def title_order(self, language: str) -> list[int]:
        """Every material's position, by the title a visitor of `language` sees."""
        cached = self._per_language.get(("title", language))
        if cached is None:
            display = self.display_pages(language)
            titles, first = self.titles, self.first_page
            cached = sorted(positions(self.all_mask), key=lambda p: (titles[display[p]], first[p]))
            self._per_language[("title", language)] = cached
        return cached

    def age_mask(self, age: int) -> int:
        cached = self._age_masks.get(age)
        if cached is None:
            cached = mask_of(
                [
                    position
                    for position, (age_min, age_max) in enumerate(self.ages)
                    if age_min is not None and age_max is not None and age_min <= age <= age_max
                ]
            )
            self._age_masks[age] = cached
        return cached

    def newest_key(self, position: int) -> tuple[str, int]:
        return (self.published[position], self.first_page[position])

    def index_published(self, start: int = 0) -> None:
        """published_index from newest_order, for its entries from `start` on."""
        order, found = self.newest_order, self.published_index
        if len(found) < self.size:
            found.extend([HOLE] * (self.size - len(found)))
        for place in range(start, len(order)):
            found[order[place]] = place


def live_rows(materials):
    return materials.live().public().order_by("pk").values_list(*ROW_FIELDS)


ROW_FIELDS = (
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
    "accessibility_features",
    "accessibility_hazards",
)


def recent_changes(since: int = 0) -> list[tuple[int, uuid.UUID | None, uuid.UUID]]:
    """The change log's rows after `since` minus a window, oldest first."""
    return list(
        SearchChange.objects.filter(pk__gt=max(since - CHANGE_WINDOW, 0))
        .order_by("pk")
        .values_list("pk", "translation_key", "token")[: UPDATE_LIMIT + CHANGE_WINDOW + 1]
    )


# Change ids remembered below the newest applied: a change committed after a later one
# (ids are handed out before commit) is still found, and a vanished one seen.
CHANGE_WINDOW = 64
# More changed materials than this since the index was made: rebuild instead.
UPDATE_LIMIT = 2000


def build_work_index(token: uuid.UUID) -> WorkIndex:
    """Read every live, public material in a handful of queries and lay out the bitmasks."""
    index = WorkIndex(token=token)
    latest = dict(SearchChange.objects.order_by("-pk").values_list("pk", "token")[:CHANGE_WINDOW])
    newest = max(latest, default=0)
    index.applied = {k: v for k, v in latest.items() if k > newest - CHANGE_WINDOW}
    by_key: dict[uuid.UUID, list[tuple]] = defaultdict(list)
    for row in live_rows(MaterialPage.objects.all()):
        by_key[row[1]].append(row)
    index.masks = {facet.name: {} for facet in FACETS}
    for key, versions in by_key.items():
        _place(index, index.size, key, versions)
    _add_related(index, by_key)
    _add_used(index)
    index.newest_order = sorted(range(index.size), key=index.newest_key)
    index.index_published()
    return settled(index, built=True)


def _place(index: WorkIndex, position: int, key, versions: list[tuple]) -> None:
    """Lay one material's live versions at a position (appending at the end)."""
    source = next((v for v in versions if v[2] == settings.LANGUAGE_CODE), versions[0])
    page_id, _key, _lang, _title, first_published, age_min, age_max = source[:7]
    country, resource_type, audience, licence, features, hazards = source[7:]
    facts = (
        key,
        {v[2]: v[0] for v in versions},
        page_id,
        min(v[0] for v in versions),
        (age_min, age_max),
        first_published.isoformat() if first_published else MIN_DATE,
    )
    if position == index.size:
        for column, value in zip(_COLUMNS, facts, strict=True):
            getattr(index, column).append(value)
    else:
        for column, value in zip(_COLUMNS, facts, strict=True):
            getattr(index, column)[position] = value
    index.key_position[key] = position
    for version in versions:
        index.page_position[version[0]] = position
        index.titles[version[0]] = fold(version[3])
    bit = 1 << position
    index.all_mask |= bit
    masks = index.masks
    for name, value in (
        ("country", country),
        ("type", resource_type),
        ("audience", audience),
        ("licence", licence),
    ):
        if value:
            masks[name][str(value)] = masks[name].get(str(value), 0) | bit
    for band in bands_for(age_min, age_max):
        masks["age"][band.key] = masks["age"].get(band.key, 0) | bit
    for name, keys in (
        ("feature", filterable_features(features)),
        ("hazard", hazard_free(hazards)),
    ):
        for value in keys:
            masks[name][value] = masks[name].get(value, 0) | bit


_COLUMNS = ("keys", "versions", "representative", "first_page", "ages", "published")


def _add_related(index: WorkIndex, by_key: dict | None = None, keys=None) -> None:
    """The taxonomy facets' bits, of every material or of these keys' representatives."""
    for name, relation, key_field in RELATED_FACETS:
        through = getattr(MaterialPage, relation).through
        target = through._meta.get_field(relation_target_field(through)).name
        links = through.objects.all()
        if keys is not None:
            links = links.filter(
                materialpage_id__in=[
                    index.representative[index.key_position[key]]
                    for key in keys
                    if key in index.key_position
                ]
            )
        values = index.masks[name]
        for page_id, value in links.values_list("materialpage_id", f"{target}__{key_field}"):
            position = index.page_position.get(page_id)
            if position is not None and index.representative[position] == page_id:
                values[value] = values.get(value, 0) | 1 << position


def _add_used(index: WorkIndex, keys=None) -> None:
    """The "used in PD" bit of every material with a recorded use (or of these keys'): one
    query for the keys that have uses, whatever their number."""
    uses = PDUse.objects.all()
    if keys is not None:
        uses = uses.filter(translation_key__in=list(keys))
    values = index.masks["used"]
    for key in uses.values_list("translation_key", flat=True).distinct():
        position = index.key_position.get(key)
        if position is not None:
            values[USED_IN_PD] = values.get(USED_IN_PD, 0) | 1 << position


def update_work_index(previous: WorkIndex, token: uuid.UUID) -> WorkIndex:
    """The previous index with the logged changes applied: a new object (other threads
    may be reading the previous one), only the changed materials read again. Rebuilds
    when the log asks for it, when the changes are many, when holes pile up, or when rows
    applied before are gone (a rolled-back history)."""
    changes = recent_changes(previous.change_id)
    seen = {change_id: change_token for change_id, _key, change_token in changes}
    if any(seen.get(change_id) != token_ for change_id, token_ in previous.applied.items()):
        return build_work_index(token)
    new = [change for change in changes if change[0] not in previous.applied]
    keys = {key for _id, key, _token in new}
    if (
        None in keys
        or len(changes) > UPDATE_LIMIT + CHANGE_WINDOW
        or len(keys) > UPDATE_LIMIT
        or previous.holes + len(keys) > max(previous.size // 4, 64)
    ):
        return build_work_index(token)
    applied = {**previous.applied, **{change_id: key_token for change_id, _k, key_token in new}}
    newest = max(applied, default=0)
    applied = {k: v for k, v in applied.items() if k > newest - CHANGE_WINDOW}
    if not keys:
        return replace(previous, token=token, applied=applied)
    return _apply(previous, token, applied, keys)


def _apply(previous: WorkIndex, token: uuid.UUID, applied: dict, keys: set) -> WorkIndex:
    """Clear the changed materials' positions, read their live versions again (one
    query, plus one per taxonomy facet) and lay them out: in place when the material
    held a position, appended when new; a withdrawn one leaves a hole."""
    columns: dict[str, Any] = {column: list(getattr(previous, column)) for column in _COLUMNS}
    index = WorkIndex(
        token=token,
        **columns,
        titles=dict(previous.titles),
        page_position=dict(previous.page_position),
        key_position=dict(previous.key_position),
        masks={name: dict(values) for name, values in previous.masks.items()},
        all_mask=previous.all_mask,
        applied=applied,
    )
    changed = 0
    for key in keys:
        position = index.key_position.pop(key, None)
        if position is None:
            continue
        changed |= 1 << position
        for page_id in index.versions[position].values():
            index.page_position.pop(page_id, None)
            index.titles.pop(page_id, None)
        index.keys[position] = None
        index.versions[position] = {}
        index.representative[position] = None
        index.ages[position] = (None, None)
        index.published[position] = MIN_DATE
    if changed:
        index.all_mask &= ~changed
        for values in index.masks.values():
            for value, mask in list(values.items()):
                if mask & changed:
                    values[value] = mask & ~changed

    by_key: dict[uuid.UUID, list[tuple]] = defaultdict(list)
    for row in live_rows(MaterialPage.objects.filter(translation_key__in=keys)):
        by_key[row[1]].append(row)
    placed = 0
    for key in sorted(by_key, key=lambda k: by_key[k][0][0]):  # new ones in page order
        position = previous.key_position.get(key)
        _place(index, index.size if position is None else position, key, by_key[key])
        placed |= 1 << index.key_position[key]
    _add_related(index, keys=by_key)
    _add_used(index, keys=by_key)

    touched = changed | placed
    moved = set(positions(touched))
    _reorder_published(index, previous, moved, positions(placed))
    for view, cached in previous._per_language.items():
        if view[0] == "display":  # title ranks are sorted again when asked for
            display = list(cached) + [None] * (index.size - len(cached))
            for position in moved:
                display[position] = index.versions[position].get(
                    view[1], index.representative[position]
                )
            index._per_language[view] = display
    for age, mask in previous._age_masks.items():
        mask &= ~touched
        for position in positions(placed):
            age_min, age_max = index.ages[position]
            if age_min is not None and age_max is not None and age_min <= age <= age_max:
                mask |= 1 << position
        index._age_masks[age] = mask
    return settled(index, built=False)


# From this many materials on, a new index is frozen out of the garbage collector's
# reach (`settled`); smaller sites keep Python's default collection.
FREEZE_FROM = 20_000
# Updates between two full collections, which reclaim what freezing kept.
COLLECT_EVERY = 100


class Settling:
    """Keeps the work index out of the cyclic garbage collector on large sites.

    An index of 100,000 materials is a few dozen containers of 100,000 references each.
    Every young collection walks a new index's containers again until they age into the
    old generation, and reading a common word's 27,000 rows sets off dozens of young
    collections: the first search after each publish cost 2.4 times a warm one. Promoting
    them by collecting once costs as much (35 ms). `gc.freeze()` moves every tracked object
    to the permanent generation at no cost, so after a build or an update the index is
    never walked again (and full collections, 200-400 ms over such a heap, get cheap too).

    Frozen objects are freed by reference counting as usual (the index holds no cycles),
    but garbage cycles frozen with them are kept until `gc.unfreeze()`. A full build, and
    every COLLECT_EVERY-th update, therefore unfreezes and collects everything first."""

    def __init__(self):
        self.updates = 0

    def __call__(self, index: WorkIndex, *, built: bool) -> WorkIndex:
        if index.size < FREEZE_FROM:
            return index
        self.updates += 1
        if built or self.updates >= COLLECT_EVERY:
            self.updates = 0
            gc.unfreeze()
            gc.collect()
        gc.freeze()
        return index


settled = Settling()


def _reorder_published(
    index: WorkIndex, previous: WorkIndex, moved: set[int], placed: list[int]
) -> None:
    """Take the changed positions out of the publication order and put the placed ones
    back where their date says, then renumber only from the first place that changed. A
    material published again keeps its first publication date and its place, and a new
    one goes last, so a publish renumbers nothing or one entry: renumbering all 100,000
    cost more than the search that follows it."""
    order = list(previous.newest_order)
    old_place = previous.published_index
    removed = sorted(
        (old_place[p] for p in moved if p < len(old_place) and old_place[p] != HOLE),
        reverse=True,
    )
    for place in removed:  # from the end, so the earlier places stay valid
        del order[place]
    index.newest_order = order
    index.published_index = list(old_place)
    inserted = []
    for position in placed:
        place = bisect_left(order, index.newest_key(position), key=index.newest_key)
        order.insert(place, position)
        inserted.append(place)
    for position in moved:
        if position < len(index.published_index):
            index.published_index[position] = HOLE  # withdrawn, unless placed again below
    if len(removed) == len(inserted) == 1 and removed == inserted:  # back in its place
        index.published_index[order[inserted[0]]] = inserted[0]
        return
    index.index_published(start=min([*removed, *inserted], default=len(order)))


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


_cache: PerGeneration[WorkIndex] = PerGeneration(build_work_index, update_work_index)


def current_work_index(token: uuid.UUID | None = None) -> WorkIndex:
    """The index for the current generation: one query (the token) when nothing changed."""
    return _cache.get(token or SearchGeneration.current())
