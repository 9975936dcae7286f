"""Elasticsearch and OpenSearch backends whose index folds accents in every script and
stems every partner language that the engines ship a stemmer for, with no plugin.

Folding: the index's `default` analyzer (used by every text field Wagtail maps, the
`_all_text` catch-all included) lower-cases with the Greek variant of the `lowercase`
filter, which lower-cases every script and also drops the Greek tonos and dialytika
and turns final sigma into sigma (`asciifolding` leaves Greek alone), then applies
`asciifolding` for Latin diacritics. That is what `search.text.fold` does to queries,
so Schüler/schuler and Μαθηματικά/μαθηματικα meet on both sides.

Stemming: a document's language is only known at index time, and Elasticsearch cannot
pick an analyzer from a field's value. The simplest design Wagtail's mapping allows is
a multi-field per language on the catch-all fields that `copy_to` fills
(`_all_text.de`, `_all_text_boost_2_0.de`, ...): every document is indexed once per
stemmed language, and a query searches the folded field plus the visitor's language
subfield. Exact words still match through the folded field; the subfield adds "recipe"
finding "recipes". Languages with no stock stemmer (Slovak, Maltese; Polish needs the
stempel plugin) get folding only.

The four backend classes are thin: each is modelsearch's own with this mapping and
these index settings, and carries `faceted_engine = "elasticsearch"` so the engine
selector can pick `search.engines.elasticsearch.ElasticsearchEngine`. Each imports its
client only when that client is installed (the `elasticsearch8`, `elasticsearch9`,
`opensearch2` or `opensearch3` extra), so this module, its mapping and the request
compiler load without any client.
"""

from copy import deepcopy
from typing import Any

from django_countries.fields import Country
from modelsearch.backends.elasticsearchbase import (
    ElasticsearchAtomicIndexRebuilder,
    ElasticsearchBaseMapping,
    ElasticsearchBaseSearchBackend,
    ElasticsearchBaseSearchQueryCompiler,
    ElasticsearchIndexRebuilder,
)
from modelsearch.index import FilterField, SearchField
from modelsearch.utils import deep_update

from django.conf import settings

from search import pending, tasks
from search.backends.engine_errors import ENGINE_ERRORS
from search.backends.index_batches import BatchedIndexMixin
from search.facets import FACETS
from search.models import PendingIndexWrite

FOLDING_ANALYZER = "folding"
FOLDING_NORMALIZER = "folding"
SORT_SUBFIELD = "sort"
FACET_FIELDS = frozenset(facet.index_field for facet in FACETS)  # counted by every search

# Stock `stemmer` token filter languages (Elasticsearch 8/9 and OpenSearch 2/3 alike).
# Light stemmers where the engines offer one: they over-stem less.
STEMMERS = {
    "en": "english",
    "de": "light_german",
    "nl": "dutch",
    "nb": "light_norwegian",
    "cs": "czech",
    "el": "greek",
    "es": "light_spanish",
    "pt": "light_portuguese",
    "fr": "light_french",
    "it": "light_italian",
    "fi": "light_finnish",
    "sv": "light_swedish",
    "hu": "light_hungarian",
}

# Lower-cases every script; for Greek it also removes tonos/dialytika and folds final
# sigma, which Greek stemming expects and asciifolding does not do.
FOLDING_FILTERS = ["folding_lowercase", "asciifolding"]


def stemmed_languages() -> list[str]:
    """The content languages that get a stemmed subfield, in settings order."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code in STEMMERS]


def stemmed_analyzer(language: str) -> str:
    return f"stemmed_{language}"


def analysis_settings(languages: list[str]) -> dict:
    """Analyzers, filters and the sort normalizer. Stemmers run after lower-casing and
    before asciifolding: the Czech and German stemmers expect their diacritics."""
    analyzers = {
        name: {"type": "custom", "tokenizer": "standard", "filter": FOLDING_FILTERS}
        for name in ("default", FOLDING_ANALYZER)
    }
    for gram in ("ngram", "edgengram"):  # Wagtail's autocomplete analyzers, folding too
        analyzers[f"{gram}_analyzer"] = {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [*FOLDING_FILTERS, gram],
        }
    filters = {"folding_lowercase": {"type": "lowercase", "language": "greek"}}
    for language in languages:
        filters[f"stem_{language}"] = {"type": "stemmer", "language": STEMMERS[language]}
        analyzers[stemmed_analyzer(language)] = {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["folding_lowercase", f"stem_{language}", "asciifolding"],
        }
    return {
        "settings": {
            "analysis": {
                "analyzer": analyzers,
                "filter": filters,
                "normalizer": {FOLDING_NORMALIZER: {"type": "custom", "filter": FOLDING_FILTERS}},
            }
        }
    }


class FoldingMapping(ElasticsearchBaseMapping):
    """Wagtail's mapping with folding analyzers, a folded sort subfield on text filter
    fields (title) and a stemmed subfield per language on the catch-all text fields."""

    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": FOLDING_ANALYZER,
    }

    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if self.is_sortable_text(field) and mapping.get("type") == "keyword":
            mapping["fields"] = {
                SORT_SUBFIELD: {"type": "keyword", "normalizer": FOLDING_NORMALIZER}
            }
        if field.field_name in FACET_FIELDS and mapping.get("type") == "keyword":
            # Every search counts these fields' values across all matches, which needs
            # their global ordinals: built when the index refreshes, not by the first
            # search after each publish.
            mapping["eager_global_ordinals"] = True
        return name, mapping

    def is_sortable_text(self, field) -> bool:
        """A FilterField that is also searched as text (the title): visitors sort by it,
        so it needs a case- and accent-insensitive keyword."""
        return isinstance(field, FilterField) and any(
            isinstance(candidate, SearchField) and candidate.field_name == field.field_name
            for candidate in self.model.get_search_fields()
        )

    def get_mapping(self):
        mapping = super().get_mapping()
        properties = mapping["properties"]
        for target in self.copy_to_targets(properties):
            properties[target]["analyzer"] = FOLDING_ANALYZER
            properties[target]["fields"] = {
                language: {"type": "text", "analyzer": stemmed_analyzer(language)}
                for language in stemmed_languages()
            }
        return mapping

    @staticmethod
    def copy_to_targets(properties: dict) -> set[str]:
        """The catch-all fields (`_all_text`, `_all_text_boost_N`) that Wagtail copies
        every searchable field into: the fields a text query searches."""
        targets: set[str] = set()
        for field_mapping in properties.values():
            copy_to = field_mapping.get("copy_to", [])
            targets.update([copy_to] if isinstance(copy_to, str) else copy_to)
        return targets & properties.keys()

    def stemmed_column(self, column: str, language: str) -> str | None:
        """The subfield of a catch-all column stemmed for `language`, if it has one."""
        return f"{column}.{language}" if language in stemmed_languages() else None

    def sort_column(self, field) -> str:
        return f"{self.get_field_column_name(field)}.{SORT_SUBFIELD}"

    def _clean_value(self, value):
        # django-countries hands out Country objects, which no JSON serializer accepts.
        if isinstance(value, Country):
            return value.code
        return super()._clean_value(value)


class FoldingQueryCompiler(ElasticsearchBaseSearchQueryCompiler):
    """Wagtail's query compiler over the folding mapping; needs no client."""

    mapping_class = FoldingMapping


class QueuedWritesMixin(ElasticsearchBaseSearchBackend):
    """Index writes never fail the request that makes them (a publish, an unpublish, a
    delete): when the engine fails, the write is logged and kept in PendingIndexWrite,
    and every successful write afterwards applies a few pending ones. `update_index`
    writes through the index, not these methods, so it still fails loudly."""

    def add(self, obj):
        self._write(PendingIndexWrite.ADD, type(obj), [obj], self.add_now, obj)

    def add_bulk(self, model, obj_list):
        obj_list = list(obj_list)
        self._write(PendingIndexWrite.ADD, model, obj_list, super().add_bulk, model, obj_list)

    def delete(self, obj):
        self._write(PendingIndexWrite.DELETE, type(obj), [obj], self.delete_now, obj)

    def add_now(self, obj):
        super().add(obj)

    def delete_now(self, obj):
        super().delete(obj)

    def _write(self, action, model, objects, write, *args):
        try:
            write(*args)
        except ENGINE_ERRORS as error:
            pending.record(model, objects, action, error)
            tasks.schedule_retry()
            return
        if pending.retry(self, limit=pending.DRAIN_BATCH).remaining:
            tasks.schedule_retry()  # a long backlog: the worker applies the rest


# Seconds a merge after a full rebuild may take: about 20 s for 100,000 materials on two
# cores, longer than any search request is allowed (SEARCH_TIMEOUT).
MERGE_TIMEOUT = 600


def merge_segments(index) -> None:
    """Merge the index into one segment. Bulk writes leave dozens of segments (26 for
    100,000 materials), and every search visits each: a faceted search took 24 ms on them
    and 10 ms on one. Later publishes add small segments that the engine merges itself."""
    if hasattr(index.es, "options"):  # elasticsearch-py 8/9: per-request options
        client = index.es.options(request_timeout=MERGE_TIMEOUT)
        client.indices.forcemerge(index=index.name, max_num_segments=1)
    else:  # opensearch-py
        index.es.indices.forcemerge(
            index=index.name, max_num_segments=1, request_timeout=MERGE_TIMEOUT
        )


class MergedRebuildMixin:
    """A full rebuild (`update_index`) hands visitors a merged index: the new index is
    refreshed and merged before the alias moves to it (or, without atomic rebuilds,
    before the command ends)."""

    index: Any

    def finish(self):
        self.index.refresh()
        merge_segments(self.index)
        super().finish()  # type: ignore[misc]


class FoldingIndexMixin(QueuedWritesMixin):
    """What the four backends add to modelsearch's: the folding mapping and analysis,
    the engine marker, the `INDEX` setting read as the index name prefix, and index
    writes that never block a publish (QueuedWritesMixin)."""

    faceted_engine = "elasticsearch"
    mapping_class = FoldingMapping
    basic_rebuilder_class = type(
        "MergedIndexRebuilder", (MergedRebuildMixin, ElasticsearchIndexRebuilder), {}
    )
    atomic_rebuilder_class = type(
        "MergedAtomicIndexRebuilder", (MergedRebuildMixin, ElasticsearchAtomicIndexRebuilder), {}
    )

    def __init__(self, params):
        params = dict(params)
        index = params.pop("INDEX", None)
        if index and "INDEX_PREFIX" not in params:
            # modelsearch names indices INDEX_PREFIX + "wagtailcore_page" etc.
            params["INDEX_PREFIX"] = f"{index}_"
        self.settings = deep_update(
            deepcopy(ElasticsearchBaseSearchBackend.settings),
            analysis_settings(stemmed_languages()),
        )
        super().__init__(params)


def batched(index_class):
    """The backend's index class with bulk writes that gather each batch's facts at once."""
    return type(index_class.__name__, (BatchedIndexMixin, index_class), {})


CLIENT_EXTRAS = {
    "Elasticsearch8Backend": "elasticsearch8",
    "Elasticsearch9Backend": "elasticsearch9",
    "OpenSearch2Backend": "opensearch2",
    "OpenSearch3Backend": "opensearch3",
}

try:
    from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend
    from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend
except ImportError:  # the elasticsearch client is not installed
    pass
else:

    class Elasticsearch8Backend(FoldingIndexMixin, Elasticsearch8SearchBackend):
        index_class = batched(Elasticsearch8SearchBackend.index_class)

    class Elasticsearch9Backend(FoldingIndexMixin, Elasticsearch9SearchBackend):
        index_class = batched(Elasticsearch9SearchBackend.index_class)


try:
    from modelsearch.backends.opensearch2 import OpenSearch2SearchBackend
    from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend
except ImportError:  # the opensearch-py client is not installed
    pass
else:

    class OpenSearch2Backend(FoldingIndexMixin, OpenSearch2SearchBackend):
        index_class = batched(OpenSearch2SearchBackend.index_class)

    class OpenSearch3Backend(FoldingIndexMixin, OpenSearch3SearchBackend):
        index_class = batched(OpenSearch3SearchBackend.index_class)


def __getattr__(name):
    """Say which extra to install when a backend's client is missing."""
    if name in CLIENT_EXTRAS:
        raise ImportError(
            f"{name} needs its search client: pip install -e '.[{CLIENT_EXTRAS[name]}]'"
        )
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
