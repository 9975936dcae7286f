"""The taxonomy terms and partners of every language, read once per content change.

A material page shows its disciplines, resource languages, diversity dimensions, the
languages of its files and its partner, in the visitor's language. Read per request, that
is a query per kind with joins and model rows, and on a translated page one more per kind
for the labels. Yet the terms are few, shared by every page, and change only through
snippet edits (and locale changes), each of which replaces the page cache's generation
token. So when the page cache keeps values under that token
(extension_points.KEPT_UNTIL_CONTENT_CHANGES), every term of these kinds is read once per
content change and process, and a page asks only which terms it has (materials.page_facts).

Only labels are kept, never what a page says about itself: which terms a page has is read
for every request. Terms are handed out as copies, so a request never changes what another
reads. Without a keeper (page caching off, as in most tests), or for a term the table does
not know, pages read their terms as before.
"""

import copy
from dataclasses import dataclass

from wagtail.models import TranslatableMixin

from materials.extension_points import keep_until_content_changes
from materials.models.partners import Partner
from materials.models.taxonomy import Discipline, DiversityDimension, ResourceLanguage

KEPT_NAME = "materials:terms"
KEPT_MODELS: tuple[type[TranslatableMixin], ...] = (
    Discipline,
    ResourceLanguage,
    DiversityDimension,
    Partner,
)


@dataclass(frozen=True)
class TermTable:
    """Every term of KEPT_MODELS with its locale: by primary key, with its position in the
    model's ordering (as the database sorts it), and by translation key and language."""

    by_pk: dict[tuple[type, int], tuple[int, object]]
    by_key: dict[tuple[type, object, str], object]

    def knows(self, model, pks) -> bool:
        return all((model, pk) in self.by_pk for pk in pks)

    def terms(self, model, pks) -> list:
        """Copies of the terms, in the model's ordering, as a relation's query returns them."""
        ranked = sorted(self.by_pk[(model, pk)] for pk in pks)
        return [copy.copy(term) for _rank, term in ranked]

    def term(self, model, pk):
        return copy.copy(self.by_pk[(model, pk)][1])

    def localized(self, obj, language_code: str):
        """obj's version in the language (a copy), or obj itself, as localize_all answers."""
        if obj.locale.language_code == language_code:
            return obj
        found = self.by_key.get((type(obj), obj.translation_key, language_code))
        return copy.copy(found) if found is not None else obj

    def localize_groups(self, groups: dict[str, list], language_code: str) -> dict[str, list]:
        return {
            name: [self.localized(obj, language_code) for obj in objects]
            for name, objects in groups.items()
        }


def read_table() -> TermTable:
    by_pk: dict = {}
    by_key: dict = {}
    for model in KEPT_MODELS:
        # Sorted by the database, like the page's relations: its collation decides.
        terms = model._default_manager.select_related("locale")
        for rank, term in enumerate(terms):
            by_pk[(model, term.pk)] = (rank, term)
            by_key[(model, term.translation_key, term.locale.language_code)] = term
    return TermTable(by_pk, by_key)


def kept_table(request) -> TermTable | None:
    """The table while the page cache keeps it, else None (read the terms per request)."""
    return keep_until_content_changes(request, KEPT_NAME, read_table)


def page_terms(page, table: TermTable, ids: dict[str, list[int]]) -> dict[str, list] | None:
    """The page's terms, given their ids by relation name (materials.page_facts), and its
    partner, as loaded terms with their locale (copies from the table); None when the
    table lacks one of them."""
    models = {name: type(page)._meta.get_field(name).related_model for name in ids}
    partner_ids = [page.partner_id] if page.partner_id else []
    if not table.knows(Partner, partner_ids) or not all(
        table.knows(models[name], pks) for name, pks in ids.items()
    ):
        return None
    terms = {name: table.terms(models[name], pks) for name, pks in ids.items()}
    terms["partner"] = [table.term(Partner, pk) for pk in partner_ids]
    return terms
