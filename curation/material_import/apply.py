"""Deciding what each row does to the site, and doing it all or not at all.

The same function serves the command, the admin's preview and its confirmation: a dry run
takes every decision and runs every check, then stops before the first write. So the
preview shows exactly what confirming does, and a refused row stops the whole file.

Rows become drafts under the source-language material index, keyed by `source_id`
(curation.models.ImportedMaterial). Importing again updates the same page with a new
revision, which is never published: a live page keeps its live content until an editor
publishes the draft. A row that changes nothing makes no revision.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.models import Locale

from curation.material_import.parse import COLUMNS, Row, read_rows
from curation.material_import.report import CREATED, UNCHANGED, UPDATED, Outcome, Report
from curation.material_import.rows import Refusal, RowValues, resolve_row
from curation.material_import.vocabulary import Vocabulary
from curation.models import ImportedMaterial
from materials.models import MaterialIndexPage, MaterialPage

# Model fields that a column fills; the rest of the page is the editor's and is kept.
IMPORTED_FIELDS = (
    "title",
    "summary",
    "keywords",
    "age_min",
    "age_max",
    "country",
    "resource_type",
    "audience",
    "licence",
    "original_url",
    "authors",
    "year",
    "partner",
)
TERM_FIELDS = ("disciplines", "resource_languages")
# Tree bookkeeping of a page that is not in the tree yet; add_child sets them.
TREE_FIELDS = ["path", "depth", "numchild", "url_path"]


class ImportRefused(Exception):
    """The import cannot run at all (no file, no material index); meant for the editor."""


class ImportConflict(ImportRefused):
    """Another import wrote one of the same source ids (or slugs) between this import's
    checks and its writes; everything this one wrote is rolled back."""


@dataclass
class _Plan:
    row: Row
    page: MaterialPage
    values: RowValues
    action: str


def import_file(content: bytes, filename: str, *, dry_run: bool, user=None) -> Report:
    """Read, check and (unless dry_run or anything is refused) write; FileRefused and
    ImportRefused say why a file cannot be imported at all."""
    return import_rows(read_rows(content, filename), dry_run=dry_run, user=user)


def import_rows(
    rows: list[Row], *, dry_run: bool, user=None, all_or_nothing: bool = True
) -> Report:
    """Plan every row, then write the plans in one transaction.

    A spreadsheet is the editor's own file, so one refused row stops it whole
    (`all_or_nothing`). A harvest reads a partner's repository, which the editor cannot
    correct: it passes all_or_nothing=False, so refused records are reported and left out
    while the others are still written, together, in the same single transaction.
    """
    index = _source_index()
    vocabulary = Vocabulary()
    report = Report(dry_run=dry_run)
    plans: list[_Plan] = []
    first_row_of: dict[str, int] = {}
    existing = {
        record.source_id: record.page_id
        for record in ImportedMaterial.objects.filter(
            source_id__in=[row.values["source_id"] for row in rows]
        )
    }
    reserved_slugs = set(index.get_children().values_list("slug", flat=True))

    for row in rows:
        source_id = row.values["source_id"]
        if source_id and source_id in first_row_of:
            report.refusals.append(
                Refusal(
                    row.number,
                    source_id,
                    "source_id",
                    _("the same source_id is already on row %(row)d.")
                    % {"row": first_row_of[source_id]},
                )
            )
            continue
        first_row_of.setdefault(source_id, row.number)
        values, refusals = resolve_row(row, vocabulary)
        if refusals:
            report.refusals.extend(refusals)
            continue
        plan = _plan(row, values, index, existing.get(source_id), reserved_slugs)
        refusals = _model_refusals(plan)
        if refusals:
            report.refusals.extend(refusals)
            continue
        plans.append(plan)

    report.outcomes = [
        Outcome(plan.row.number, plan.row.values["source_id"], plan.page.title, plan.action)
        for plan in plans
    ]
    if dry_run or (report.refusals and all_or_nothing):
        return report
    report.outcomes = _write_all(plans, index, user)
    return report


def _write_all(plans: list[_Plan], index: MaterialIndexPage, user) -> list[Outcome]:
    """Every planned write in one transaction, or none of them."""
    try:
        with transaction.atomic():
            return [_write(plan, index, user) for plan in plans]
    except (IntegrityError, ValidationError) as error:
        # Two confirmations creating the same new source_id at the same moment: both
        # planned a creation, and the database's unique source_id (or Wagtail's sibling
        # slug check) stops the second. The atomic block has undone all of its writes.
        raise ImportConflict(
            _(
                "Another import created or changed some of these materials at the same "
                "time, so nothing was imported. Upload the file again to see what it "
                "would do now."
            )
        ) from error


def _source_index() -> MaterialIndexPage:
    index = MaterialIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()
    if index is None:
        raise ImportRefused(_("There is no material index in the source language to import into."))
    return index


def _snapshot(page: MaterialPage) -> dict:
    """What an import controls on a page, comparable between a revision and a row."""
    values = {name: getattr(page, name) for name in IMPORTED_FIELDS if name != "partner"}
    values["country"] = str(page.country)
    values["partner"] = page.partner_id
    for name in TERM_FIELDS:
        values[name] = sorted(term.pk for term in getattr(page, name).all())
    return values


def _assign(page: MaterialPage, values: RowValues) -> None:
    for name, value in values.fields.items():
        setattr(page, name, value)
    for name in TERM_FIELDS:
        # ParentalManyToManyField: held on the instance until saved, so a dry run writes nothing.
        setattr(page, name, getattr(values, name))


def _plan(row, values, index, page_id, reserved_slugs) -> _Plan:
    if page_id is not None:
        page = MaterialPage.objects.get(pk=page_id).get_latest_revision_as_object()
        before = _snapshot(page)
        _assign(page, values)
        action = UNCHANGED if _snapshot(page) == before else UPDATED
        return _Plan(row, page, values, action)
    page = MaterialPage(locale=index.locale, live=False)
    values.fields.setdefault("keywords", "")
    _assign(page, values)
    page.slug = _free_slug(page.title or row.values["source_id"], reserved_slugs)
    # A path under the index lets Wagtail's own clean() check the slug among its siblings
    # before the page exists; add_child replaces it with the real one.
    page.depth = index.depth + 1
    page.path = index.path + "ZZZZ"
    return _Plan(row, page, values, CREATED)


def _free_slug(title: str, reserved: set[str]) -> str:
    base = slugify(title, allow_unicode=True)[:240] or "material"
    slug, suffix = base, 2
    while slug in reserved:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    reserved.add(slug)
    return slug


def _model_refusals(plan: _Plan) -> list[Refusal]:
    """The model's own rules, field by field, named by the column that fills the field."""
    try:
        plan.page.full_clean(exclude=TREE_FIELDS)
    except ValidationError as error:
        source_id = plan.row.values["source_id"]
        return [
            Refusal(plan.row.number, source_id, _column(name), " ".join(messages))
            for name, messages in error.message_dict.items()
        ]
    return []


def _column(model_field: str) -> str:
    if model_field in COLUMNS:
        return model_field
    # The slug is made from the title; other page fields have no column.
    return "title" if model_field in ("slug", "draft_title") else ""


def _write(plan: _Plan, index: MaterialIndexPage, user) -> Outcome:
    page = plan.page
    source_id = plan.row.values["source_id"]
    if plan.action == CREATED:
        page.owner = user
        index.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        ImportedMaterial.objects.create(source_id=source_id, page=page)
    elif plan.action == UPDATED:
        page.save_revision(user=user, log_action=True)
        ImportedMaterial.objects.filter(source_id=source_id).update(updated_at=timezone.now())
    return Outcome(plan.row.number, source_id, page.title, plan.action, page.pk)
