"""What a search asks for and what it finds: the contract between the form, the
engines (database and Elasticsearch) and the views."""

import uuid
from dataclasses import dataclass, field

SORTS = ("relevance", "newest", "title", "downloads", "used")
PAGE_SIZE = 20


@dataclass(frozen=True)
class SearchRequest:
    language: str  # the visitor's language code: results are shown in it where possible
    query: str = ""  # already cleaned: no control characters, folded whitespace
    selections: dict[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> values
    pupil_age: int | None = None  # only materials whose age range includes this age
    all_languages: bool = False  # search every locale, not just the visitor's + fallback
    sort: str = "relevance"
    page: int = 1

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE


@dataclass(frozen=True)
class Hit:
    """One material on the page of results, as the version to show to the visitor."""

    page_id: int
    translation_key: uuid.UUID
    is_fallback: bool  # not available in the visitor's language: shown in another
    languages: tuple[str, ...]  # language codes of every live version


@dataclass
class SearchOutcome:
    total: int  # materials (not language versions) matching the query and all filters
    hits: list[Hit]  # the requested page only
    counts: dict[str, dict[str, int]]  # facet -> value -> count, each facet disjunctive


class SearchUnavailable(Exception):
    """The search engine could not answer: down, timing out or refusing the request.
    The views tell the visitor to try again shortly (503), never a 500."""
