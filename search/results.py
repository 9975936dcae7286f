"""Turn a search into what the page and the API show: material cards in the visitor's
language, facet options with counts, removable filter chips. Shared by both views so
the HTML and the JSON always agree."""

from dataclasses import dataclass, field
from math import ceil

from django.http import QueryDict

from materials.models import MaterialPage
from materials.models.cards import card_media_queryset, card_term_keys
from materials.record import Term
from search.engines import get_engine
from search.facets import FACETS, Facet
from search.forms import SearchForm
from search.machine_text import machine_text, with_machine_text
from search.models import SearchGeneration
from search.query import PAGE_SIZE, SearchOutcome, SearchRequest, SearchUnavailable
from search.vocabulary import Vocabulary, current_vocabulary

# A facet shows this many options; longer lists fold the rest into a disclosure rather
# than an inner scroll box, which clips long labels and traps touch scrolling on phones.
LEADING_OPTIONS = 6
# Folding away only one or two options saves less room than the disclosure takes.
FOLD_AT_LEAST = 3


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    lang: str = ""  # the label's language


@dataclass(frozen=True)
class FacetView:
    facet: Facet
    options: list[FacetOption]

    @property
    def name(self) -> str:
        return self.facet.name

    @property
    def folds(self) -> bool:
        return len(self.options) >= LEADING_OPTIONS + FOLD_AT_LEAST

    @property
    def leading_options(self) -> list[FacetOption]:
        return self.options[:LEADING_OPTIONS] if self.folds else self.options

    @property
    def folded_options(self) -> list[FacetOption]:
        return self.options[LEADING_OPTIONS:] if self.folds else []

    @property
    def folded_selected(self) -> bool:
        """A chosen option is never hidden: its fold opens."""
        return any(option.selected for option in self.folded_options)


@dataclass(frozen=True)
class Chip:
    facet_label: str
    label: str
    remove_url: str
    lang: str = ""  # the label's language


@dataclass
class SearchResults:
    form: SearchForm
    language: str
    request: SearchRequest | None = None
    outcome: SearchOutcome | None = None
    materials: list = field(default_factory=list)
    facets: list[FacetView] = field(default_factory=list)
    chips: list[Chip] = field(default_factory=list)
    unavailable: bool = False  # the engine could not answer: try again shortly

    @property
    def is_valid(self) -> bool:
        return self.request is not None

    @property
    def total(self) -> int:
        return self.outcome.total if self.outcome else 0

    @property
    def num_pages(self) -> int:
        return max(1, ceil(self.total / PAGE_SIZE))

    @property
    def past_last_page(self) -> bool:
        if self.request is None or self.outcome is None:
            return False
        return self.request.page > self.num_pages


def run_search(params: QueryDict, language: str) -> SearchResults:
    token = SearchGeneration.current()
    vocabulary = current_vocabulary(token)
    form = SearchForm(params, vocabulary=vocabulary, language=language)
    results = SearchResults(form=form, language=language)
    if not form.is_valid():
        return results
    results.request = form.search_request()
    engine = get_engine()
    try:
        results.outcome = engine.search(results.request, token=token)
    except SearchUnavailable:
        results.unavailable = True
        return results
    results.materials = material_cards(results.outcome, vocabulary, language)
    results.facets = facet_views(results.outcome, results.request, vocabulary)
    results.chips = chips(params, results.request, vocabulary)
    return results


def material_cards(outcome: SearchOutcome, vocabulary: Vocabulary, language: str) -> list:
    """The page of hits as MaterialPage objects, in order, in a fixed number of queries.
    Disciplines and resource languages come as keys, labelled from the vocabulary."""
    ids = [hit.page_id for hit in outcome.hits]
    pages = card_media_queryset(MaterialPage.objects.filter(pk__in=ids))
    if any(hit.is_fallback for hit in outcome.hits):  # only fallbacks show machine text
        pages = with_machine_text(pages, language)
    by_id = {page.pk: page for page in pages}
    term_keys = card_term_keys(by_id)
    disciplines, languages = vocabulary.terms["discipline"], vocabulary.terms["language"]
    cards = []
    for hit in outcome.hits:
        page = by_id.get(hit.page_id)
        if page is None:  # withdrawn between the search and this query
            continue
        page.is_fallback = hit.is_fallback
        page.machine_text = machine_text(page) if hit.is_fallback else None
        page.languages = list(hit.languages)
        slugs, codes = term_keys.get(page.pk, ((), ()))
        page.card_disciplines = [
            Term(slug, disciplines.label(slug, language)) for slug in disciplines.in_order(slugs)
        ]
        page.card_resource_languages = [
            Term(code, languages.label(code, language)) for code in languages.in_order(codes)
        ]
        cards.append(page)
    return cards


def facet_views(outcome: SearchOutcome, request: SearchRequest, vocabulary) -> list[FacetView]:
    """Each facet's values with a count, or selected; zero-count values are hidden."""
    views = []
    for facet in FACETS:
        counts = outcome.counts.get(facet.name, {})
        selected = set(request.selections.get(facet.name, ()))
        options = [
            FacetOption(
                value,
                label,
                counts.get(value, 0),
                value in selected,
                vocabulary.label_language(facet.name, value, request.language),
            )
            for value, label in vocabulary.labelled_values(facet.name, request.language)
            if counts.get(value) or value in selected
        ]
        views.append(FacetView(facet, options))
    return views


def chips(params: QueryDict, request: SearchRequest, vocabulary: Vocabulary) -> list[Chip]:
    found = []
    for facet in FACETS:
        for value in request.selections.get(facet.name, ()):
            found.append(
                Chip(
                    str(facet.label),
                    vocabulary.label(facet.name, value, request.language),
                    "?" + without(params, facet.name, value),
                    vocabulary.label_language(facet.name, value, request.language),
                )
            )
    if request.pupil_age is not None:
        found.append(
            Chip(
                str(SearchForm.base_fields["pupil_age"].label),
                str(request.pupil_age),
                "?" + without(params, "pupil_age"),
            )
        )
    return found


def without(params: QueryDict, name: str, value: str | None = None) -> str:
    """The query string minus one filter value (or the whole parameter), from page 1."""
    remaining = params.copy()
    remaining.pop("page", None)
    if value is None:
        remaining.pop(name, None)
    else:
        remaining.setlist(name, [v for v in remaining.getlist(name) if v != value])
    return remaining.urlencode()
