"""Validation of search parameters from a query string, for the page and the API.

Malformed parameters (a non-numeric age, an unknown sort, page=-1) are errors the
visitor can fix: a 400 with a message. Facet values that no longer exist (a shared
URL from before a term was removed) are dropped and reported, not an error. Words
are never an error: control characters become spaces and engine syntax is ignored.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from materials.age_bands import MAX_AGE
from search.facets import FACETS
from search.query import SORTS, SearchRequest
from search.text import clean_query
from search.vocabulary import Vocabulary

MAX_QUERY_LENGTH = 500
MAX_PAGE = 10_000
AGE_MESSAGE = _("The pupils' age must be a whole number from 0 to 99.")
PAGE_MESSAGE = _("The page number must be a positive whole number.")
SORT_LABELS = {
    "relevance": _("Relevance"),
    "newest": _("Newest"),
    "title": _("Title"),
    "downloads": _("Most downloaded"),
    "used": _("Most used in PD"),
}


class QueryField(forms.CharField):
    def to_python(self, value):
        return clean_query(super().to_python(value) or "")


class SearchForm(forms.Form):
    q = QueryField(
        label=_("Search materials"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Search words are limited to %(limit_value)d characters.")},
    )
    pupil_age = forms.IntegerField(
        label=_("Age of your pupils"),
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        error_messages={
            "invalid": AGE_MESSAGE,
            "min_value": AGE_MESSAGE,
            "max_value": AGE_MESSAGE,
        },
    )
    all_languages = forms.BooleanField(label=_("Search all languages"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=list(SORT_LABELS.items()),
        error_messages={
            "invalid_choice": _("Sort by relevance, newest, title, downloads or use in PD.")
        },
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": PAGE_MESSAGE,
            "min_value": PAGE_MESSAGE,
            "max_value": _("There are not that many pages of results."),
        },
    )

    def __init__(self, data, *, vocabulary: Vocabulary, language: str):
        super().__init__(data)
        self.vocabulary = vocabulary
        self.language = language
        self.selections: dict[str, tuple[str, ...]] = {}
        self.ignored: list[tuple[str, str]] = []

    def clean(self):
        cleaned = super().clean()
        for facet in FACETS:
            chosen: dict[str, None] = {}
            for raw in self.data.getlist(facet.name) if hasattr(self.data, "getlist") else []:
                value = clean_query(raw)
                if not value:
                    continue
                # ISO country codes: de and DE are the same country.
                key = value.upper() if facet.name == "country" else value
                if self.vocabulary.is_known(facet.name, key):
                    chosen[key] = None
                else:
                    self.ignored.append((facet.name, value[:100]))
            if chosen:
                self.selections[facet.name] = tuple(chosen)
        return cleaned

    def search_request(self) -> SearchRequest:
        data = self.cleaned_data
        return SearchRequest(
            language=self.language,
            query=data.get("q") or "",
            selections=self.selections,
            pupil_age=data.get("pupil_age"),
            all_languages=bool(data.get("all_languages")),
            sort=data.get("sort") or SORTS[0],
            page=data.get("page") or 1,
        )
