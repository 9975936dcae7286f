"""Faceted search on the database backends (SQLite FTS5, PostgreSQL): Wagtail's
backend finds and ranks the words in one query, the in-memory work index filters,
counts and orders. A request costs a fixed handful of queries at any data size."""

import heapq
import uuid
from collections.abc import Iterable
from math import inf
from typing import cast

from django.conf import settings

from materials.models import MaterialPage
from search.counted_sorts import COUNTED_SORTS
from search.facets import FACETS
from search.query import PAGE_SIZE, Hit, SearchOutcome, SearchRequest
from search.text import search_terms
from search.work_index import WorkIndex, current_work_index, mask_of, positions


class DatabaseEngine:
    def __init__(self, backend):
        self.backend = backend

    def search(self, request: SearchRequest, token: uuid.UUID | None = None) -> SearchOutcome:
        index = current_work_index(token)
        display = index.display_pages(request.language)
        chosen = {
            facet.name: selection_mask(index, facet.name, request.selections.get(facet.name))
            for facet in FACETS
        }
        narrowed = index.all_mask
        if request.pupil_age is not None:
            narrowed &= index.age_mask(request.pupil_age)
        selected = narrowed
        for mask in chosen.values():
            if mask is not None:
                selected &= mask
        scores = self._work_scores(index, display, request, selected)

        candidates = narrowed if scores is None else narrowed & mask_of(scores)
        counts = {
            facet.name: facet_counts(index, facet.name, candidates, chosen, request)
            for facet in FACETS
        }
        matching = candidates
        for mask in chosen.values():
            if mask is not None:
                matching &= mask

        end = max(request.offset, 0) + PAGE_SIZE
        page = self._first(index, matching, scores, request, end)[request.offset : end]
        hits = [
            Hit(
                page_id=display[position],
                translation_key=cast(uuid.UUID, index.keys[position]),  # a live position
                is_fallback=request.language not in index.versions[position],
                languages=tuple(sorted(index.versions[position])),
            )
            for position in page
        ]
        return SearchOutcome(total=matching.bit_count(), hits=hits, counts=counts)

    def _work_scores(
        self, index: WorkIndex, display, request, selected: int
    ) -> dict[int, float] | None:
        """Best score per matching material, or None when there are no words (browse).
        Only the materials every filter keeps (`selected`) can be shown, so only their
        versions are ranked, and none unless the results are ordered by relevance."""
        if not search_terms(request.query):
            return None
        languages = None if request.all_languages else _scope_languages(request.language)
        matches = self.backend.ranked_matches(
            MaterialPage.objects.all(),
            request.query,
            languages=languages,
            rank=ranked_pages(index, display, request, selected),
        )
        position_of = index.page_position.get
        if not request.all_languages:
            # Only the version this visitor sees counts; drafts, private and deleted pages
            # hold no position. A common word matches a quarter of the index.
            return {
                position: score
                for page_id, score in matches.items()
                if (position := position_of(page_id)) is not None and display[position] == page_id
            }
        scores: dict[int, float] = {}
        lowest = -inf
        for page_id, score in matches.items():
            position = position_of(page_id)
            if position is not None and score > scores.get(position, lowest):
                scores[position] = score  # the best-scoring version of the material
        return scores

    def _first(self, index: WorkIndex, matching: int, scores, request, end: int) -> list[int]:
        """The first `end` matching positions in the requested order. Only a page of
        results is shown, so the orders kept by the work index (newest, title) are walked
        until the page is full, and relevance keeps only the best `end`: sorting every
        match cost more than the rest of a search at 100,000 materials."""
        if request.sort in COUNTED_SORTS:
            counts = COUNTED_SORTS[request.sort]()
            newest = index.published_index  # higher is newer
            keys = cast(list[uuid.UUID], index.keys)  # every matching position holds a key
            found = positions(matching)
            return sorted(found, key=lambda p: (-counts.get(keys[p], 0), -newest[p]))[:end]
        if request.sort == "title":
            return first_in(index.title_order(request.language), matching, end)
        if request.sort == "relevance" and scores is not None:
            newest = index.published_index  # higher is newer
            # Every matching position is scored: matching is within the mask of `scores`.
            return heapq.nsmallest(end, positions(matching), key=lambda p: (-scores[p], -newest[p]))
        return first_in(reversed(index.newest_order), matching, end)


def first_in(order: Iterable[int], mask: int, end: int) -> list[int]:
    """The first `end` positions of `order` that are set in `mask`."""
    bits = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    size = len(bits)
    found: list[int] = []
    for position in order:
        byte = position >> 3
        if byte < size and bits[byte] >> (position & 7) & 1:
            found.append(position)
            if len(found) == end:
                break
    return found


# Above this many selected materials, naming them (an array PostgreSQL hashes, about 6
# bytes of SQL each) costs about what ranking every match does: they are then all ranked,
# as without filters. Three facets select 1-2.5% of 100,000 materials.
RANK_LIST_LIMIT = 20_000


def ranked_pages(
    index: WorkIndex, display, request: SearchRequest, selected: int
) -> list[int] | None:
    """The page ids whose score can order the results: the shown version of each
    selected material (every version with all_languages), none for other sorts; None
    (rank every match) when the filters leave many."""
    if request.sort != "relevance":
        return []
    if selected.bit_count() > RANK_LIST_LIMIT:
        return None
    if request.all_languages:
        return [
            page_id
            for position in positions(selected)
            for page_id in index.versions[position].values()
        ]
    return [display[position] for position in positions(selected)]


def _scope_languages(language: str) -> list[str]:
    return sorted({language, settings.LANGUAGE_CODE})


def selection_mask(index: WorkIndex, facet: str, values) -> int | None:
    """Materials having any of the selected values (OR inside a facet); None = no filter."""
    if not values:
        return None
    mask = 0
    for value in values:
        mask |= index.masks[facet].get(value, 0)
    return mask


def facet_counts(index: WorkIndex, facet: str, candidates: int, chosen, request) -> dict[str, int]:
    """Counts under every other facet's selection but not this one's (disjunctive)."""
    scope = candidates
    for name, mask in chosen.items():
        if name != facet and mask is not None:
            scope &= mask
    selected = set(request.selections.get(facet, ()))
    counts = {}
    for value, mask in index.masks[facet].items():
        count = (mask & scope).bit_count()
        if count or value in selected:
            counts[value] = count
    for value in selected:
        counts.setdefault(value, 0)
    return counts
