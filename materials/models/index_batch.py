"""What MaterialPage's search fields read, gathered for a whole batch of pages at once.

Indexing one material asks the database a dozen small questions: its disciplines,
languages and dimensions and every locale's label of them, its live language versions,
when the material was first published, whether a PD use is recorded, whether a view
restriction covers it and its machine-translated text (and PostgreSQL's indexer reads
every search field five times). `update_index` and the bench's generator index hundreds
of pages per batch, so those questions are asked here once per batch (ten queries,
whatever its size) and each page's `search_*` method reads its answer from the batch.
A page indexed alone (a publish) keeps asking on its own, so an unsaved in-memory value
is never replaced by what the database holds.
"""

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, prefetch_related_objects

from wagtail import hooks
from wagtail.models import PageViewRestriction

from materials.extension_points import MATERIAL_MACHINE_INDEX_TEXT
from materials.models.pd_uses import PDUse

FACTS_ATTRIBUTE = "_index_batch_facts"
# relation -> the term field its search field lists
TERM_RELATIONS = {
    "disciplines": "slug",
    "resource_languages": "code",
    "diversity_dimensions": "slug",
}


@dataclass
class IndexFacts:
    """One page's answers, as its search_* methods would compute them."""

    terms: dict[str, list[str]] = field(default_factory=dict)  # relation -> slugs or codes
    term_labels: str = ""
    live_languages: list[str] = field(default_factory=list)
    material_published: object = None
    used_in_pd: bool = False
    public: bool = True
    machine_text: str = ""


def is_cached(page, relation: str) -> bool:
    return page._meta.get_field(relation).is_cached(page)


def batch_facts(page):
    """The facts the current batch gathered for this page, or None outside a batch."""
    return page.__dict__.get(FACTS_ATTRIBUTE)


@contextmanager
def index_batch(model, pages) -> Iterator[None]:
    """Gather the facts of `pages` (instances of `model`, a MaterialPage class) for the
    duration of the block; a single page is left to ask for itself."""
    pages = [page for page in pages if isinstance(page, model) and page.pk is not None]
    if len(pages) < 2:
        yield
        return
    # Each page's locale decides its text configuration and its machine text: one query.
    prefetch_related_objects([page for page in pages if not is_cached(page, "locale")], "locale")
    for page, facts in zip(pages, gather(model, pages), strict=True):
        page.__dict__[FACTS_ATTRIBUTE] = facts
    try:
        yield
    finally:
        for page in pages:
            page.__dict__.pop(FACTS_ATTRIBUTE, None)


def gather(model, pages) -> list[IndexFacts]:
    ids = [page.pk for page in pages]
    facts = {page.pk: IndexFacts() for page in pages}
    labels: dict[int, set[str]] = defaultdict(set)
    for relation, key_field in TERM_RELATIONS.items():
        terms = model._meta.get_field(relation).related_model
        reverse = model._meta.get_field(relation).related_query_name()
        rows = list(
            terms.objects.filter(**{f"{reverse}__in": ids})
            .annotate(indexed_page=F(reverse))
            .values_list("indexed_page", key_field, "translation_key")
        )
        names: dict[object, list[str]] = defaultdict(list)
        for key, name in terms.objects.filter(
            translation_key__in={row[2] for row in rows}
        ).values_list("translation_key", "name"):
            names[key].append(name)
        for fact in facts.values():
            fact.terms[relation] = []
        for page_id, value, key in rows:
            facts[page_id].terms[relation].append(value)
            labels[page_id].update(names[key])
    for page_id, fact in facts.items():
        fact.term_labels = " ".join(sorted(labels[page_id]))

    keys = {page.translation_key for page in pages}
    versions: dict[object, list[tuple]] = defaultdict(list)
    for row in (
        model.objects.live()
        .filter(translation_key__in=keys)
        .values_list("translation_key", "pk", "path", "locale__language_code", "first_published_at")
    ):
        versions[row[0]].append(row)
    used = set(
        PDUse.objects.filter(translation_key__in=keys).values_list("translation_key", flat=True)
    )
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    for page in pages:
        fact = facts[page.pk]
        live = versions.get(page.translation_key, [])
        fact.live_languages = [row[3] for row in sorted(live, key=lambda row: row[2])]
        by_pk = sorted(live, key=lambda row: row[1])
        fact.material_published = (
            {row[3]: row[4] for row in by_pk}.get(settings.LANGUAGE_CODE, by_pk[0][4])
            if by_pk
            else page.first_published_at
        )
        fact.used_in_pd = page.translation_key in used
        fact.public = not any(page.path.startswith(path) for path in restricted)
    for page_id, text in machine_index_text(pages).items():
        facts[page_id].machine_text = text
    return [facts[page.pk] for page in pages]


def machine_index_text(pages) -> dict[int, str]:
    """page id -> the machine-translated text every provider (another app, through
    MATERIAL_MACHINE_INDEX_TEXT) indexes with it; one query per provider."""
    answers = [provide(pages) for provide in hooks.get_hooks(MATERIAL_MACHINE_INDEX_TEXT)]
    return {
        page.pk: " ".join(text for answer in answers if (text := answer.get(page.pk)))
        for page in pages
    }
