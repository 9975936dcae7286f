"""Merge a source-locale term into another one of the same taxonomy, then delete it.

In one transaction:
- every page in every locale (and every inline child, such as a file's language or a
  rating's criterion) that links to it links to the target instead, once;
- the newest revision of every page with unpublished changes gets the same change in its
  stored content, so publishing that draft does not bring the old term back. Older
  revisions keep the old id: restoring one drops the term (Wagtail skips ids that no longer
  exist) rather than failing;
- its translated labels move to the target where the target has no label in that
  language yet, and are deleted where it has one;
- other snippets that link to it (partners' working languages) link to the target.
Pages are reindexed afterwards, so search facets count the target.
"""

from dataclasses import dataclass

from django.db import models, transaction
from django.utils.translation import gettext as _

from wagtail.models import Page
from wagtail.search import index

from curation.safe_delete.term_relations import TermLink, term_links
from curation.safe_delete.term_usage import revision_uses


class MergeRefused(Exception):
    """The merge cannot be done as asked; the message is for the editor."""


@dataclass
class MergeReport:
    pages: int
    drafts: int
    translations_moved: int
    translations_dropped: int


def merge_term(source: models.Model, target: models.Model) -> MergeReport:
    if type(source) is not type(target) or source.pk == target.pk:
        raise MergeRefused(_("A term can only be merged into another term of the same kind."))
    if source.locale_id != target.locale_id:  # type: ignore[attr-defined]
        raise MergeRefused(_("Both terms must be in the source language."))
    with transaction.atomic():
        page_ids: set[int] = set()
        drafts = 0
        for link in term_links(type(source)):
            page_ids |= _relink(link, source, target)
            drafts += _rewrite_drafts(link, source.pk, target.pk)
        moved, dropped = _move_translations(source, target)
        source.delete()
    for page in Page.objects.filter(pk__in=page_ids).specific():
        index.insert_or_update_object(page)
    return MergeReport(len(page_ids), drafts, moved, dropped)


def _relink(link: TermLink, source, target) -> set[int]:
    """Point `link` at the target wherever it points at the source; the pages touched."""
    manager = link.model.objects  # type: ignore[attr-defined]
    holders = manager.filter(**{link.field: source})
    if link.page_path == "":
        touched = set(holders.values_list("pk", flat=True))
    elif link.page_path == "page":
        touched = set(holders.values_list("page_id", flat=True))
    else:
        touched = set()
    if not link.many:
        holders.update(**{link.field: target})
        return touched
    through = link.model._meta.get_field(link.field).remote_field.through
    field = link.model._meta.get_field(link.field)
    holder_column, term_column = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = through.objects.filter(**{term_column: source})
    has_target = set(
        through.objects.filter(**{term_column: target}).values_list(
            f"{holder_column}_id", flat=True
        )
    )
    rows.filter(**{f"{holder_column}_id__in": has_target}).delete()
    rows.update(**{term_column: target})
    return touched


def _rewrite_drafts(link: TermLink, source_pk: int, target_pk: int) -> int:
    page_model = link.page_model()
    if page_model is None:
        return 0
    drafts = page_model.objects.filter(
        has_unpublished_changes=True, latest_revision__isnull=False
    ).select_related("latest_revision")
    rewritten = 0
    for page in drafts:
        revision = page.latest_revision
        if not revision_uses(link, revision.content, source_pk):
            continue
        _replace_in_content(link, revision.content, source_pk, target_pk)
        revision.save(update_fields=["content"])
        rewritten += 1
    return rewritten


def _replace_in_content(link: TermLink, content: dict, source_pk: int, target_pk: int) -> None:
    key = link.revision_key or ""
    if link.page_path == "":
        content[key] = _swap(content.get(key), link.many, source_pk, target_pk)
        return
    for child in content.get(key) or []:
        if isinstance(child, dict):
            child[link.field] = _swap(child.get(link.field), link.many, source_pk, target_pk)


def _swap(value, many: bool, source_pk: int, target_pk: int):
    if not many:
        return target_pk if value == source_pk else value
    swapped = [target_pk if item == source_pk else item for item in value or []]
    return list(dict.fromkeys(swapped))


def _move_translations(source, target) -> tuple[int, int]:
    model = type(source)
    translations = model.objects.filter(translation_key=source.translation_key).exclude(  # type: ignore[attr-defined]
        pk=source.pk
    )
    target_locales = set(
        model.objects.filter(translation_key=target.translation_key).values_list(  # type: ignore[attr-defined]
            "locale_id", flat=True
        )
    )
    moved = dropped = 0
    for translation in translations:
        if translation.locale_id in target_locales:
            translation.delete()
            dropped += 1
            continue
        translation.translation_key = target.translation_key
        for name in _synchronised_fields(model):
            setattr(translation, name, getattr(target, name))
        translation.save()
        moved += 1
    return moved, dropped


def _synchronised_fields(model) -> list[str]:
    """Fields that are the same in every language (slug, code, sort order): the moved
    label takes the target's, so the unique (slug, locale) constraints hold."""
    names = []
    for item in getattr(model, "override_translatable_fields", []):
        name = getattr(item, "field_name", None)
        if name and not model._meta.get_field(name).is_relation:
            names.append(name)
    return names
