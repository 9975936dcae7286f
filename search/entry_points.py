"""Ways into the search from the home page: every discipline and age band with the number of
live public materials it holds, each linking to the search filtered by it.

The counts come from the same engine request the search page runs when a visitor browses
without a query, so an entry point's number is what the search page reports for that filter,
in every language, for a fixed number of queries however many materials there are.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import override

from search.engines import get_engine
from search.facets import FACETS_BY_NAME
from search.models import SearchGeneration
from search.query import SearchRequest, SearchUnavailable
from search.vocabulary import current_vocabulary

# The facets the home page offers as entry points, in display order.
ENTRY_FACETS = ("discipline", "age")


@dataclass(frozen=True)
class EntryPoint:
    value: str  # the facet's canonical key
    label: str  # in the visitor's language
    count: int  # live public materials the search finds with this filter alone
    url: str  # the visitor's search page, filtered by this value


@dataclass(frozen=True)
class EntryGroup:
    name: str  # the facet name, also the query parameter
    label: str
    entries: tuple[EntryPoint, ...]


def home_entry_points(language: str) -> list[EntryGroup]:
    """Entry points for the facets in ENTRY_FACETS; empty when the engine cannot answer, so
    the home page still renders (its search box still leads to the search page's message)."""
    token = SearchGeneration.current()
    vocabulary = current_vocabulary(token)
    try:
        outcome = get_engine().search(SearchRequest(language=language), token=token)
    except SearchUnavailable:
        return []
    with override(language):
        search_url = reverse("search")
        groups = []
        for name in ENTRY_FACETS:
            counts = outcome.counts.get(name, {})
            entries = tuple(
                EntryPoint(
                    value=value,
                    label=label,
                    count=counts.get(value, 0),
                    url=f"{search_url}?{urlencode({name: value})}",
                )
                for value, label in vocabulary.labelled_values(name, language)
            )
            groups.append(EntryGroup(name, str(FACETS_BY_NAME[name].label), entries))
    return groups
