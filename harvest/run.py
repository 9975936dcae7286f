"""One harvest, start to finish: the function behind the command and the background task.

Order matters for "nothing half-written": the mapping file is checked, then every page of
the list is fetched and parsed, and only then are records mapped and written, in one
transaction with the run's record. A failure on any page (HTTP error, timeout, bad XML,
an OAI-PMH error, a looping token) therefore keeps nothing of this run, not even the pages
before it; the run is still recorded, as failed, with the error.

Records are written through the spreadsheet import (curation.material_import.apply) with
`all_or_nothing=False`: a record the import refuses is reported with its reason and left
out, the others are written together. The editor cannot correct a partner's repository,
so one bad record must not hold back the rest; refused records come back in later runs
once the mapping file is fixed (run again with --from before them).
"""

from django.db import transaction
from django.utils import timezone

from curation.material_import.apply import ImportRefused, import_rows
from curation.material_import.parse import Row
from curation.material_import.vocabulary import Vocabulary
from curation.models import ImportedMaterial
from harvest import deleted_at_source
from harvest.fetch import Fetch, HarvestFailed, http_get
from harvest.mapping import Mapper, load_mapping
from harvest.models import HarvestRun
from harvest.oai import Harvested, OAIRecord, list_records
from harvest.options import HarvestOptions, OptionRefused, day_of, valid_datestamp
from harvest.records import SOURCE_PREFIX, RecordRefusal, record_row, source_id


def run_harvest(options: HarvestOptions, *, fetch: Fetch = http_get, user=None) -> HarvestRun:
    """Harvest, write (unless a dry run) and record the run; never raises for a
    repository's failure: the returned run says `failed` and why."""
    run = HarvestRun(
        started_at=timezone.now(),
        base_url=options.base_url,
        metadata_prefix=options.metadata_prefix,
        set_spec=options.set_spec,
        partner=options.partner,
        country=options.country,
        dry_run=options.dry_run,
    )
    try:
        vocabulary = Vocabulary()
        mapper = Mapper(load_mapping(options.partner, vocabulary), vocabulary)
        watermark = HarvestRun.watermark(
            options.base_url, options.set_spec, options.metadata_prefix
        )
        run.from_date = options.from_date or (day_of(watermark) if watermark else "")
        harvested = list_records(
            fetch,
            options.base_url,
            metadata_prefix=options.metadata_prefix,
            set_spec=options.set_spec,
            from_date=run.from_date,
        )
        run.response_date = valid_datestamp(harvested.response_date)
        with transaction.atomic():
            _apply(run, harvested, options, mapper, user)
            run.status = HarvestRun.OK
            run.finished_at = timezone.now()
            run.save()
        return run
    except (HarvestFailed, OptionRefused, ImportRefused) as error:
        run.status = HarvestRun.FAILED
        run.error = str(error)
        run.created = run.updated = run.unchanged = run.refused = run.deleted = 0
        run.refusals, run.unmapped, run.deleted_records = [], {}, []
        run.finished_at = timezone.now()
        run.save()
        return run


def _latest(records: list[OAIRecord]) -> list[OAIRecord]:
    """One record per identifier, the last listed: a record changed during the harvest
    can be listed twice, and its later state is the current one."""
    by_identifier = {record.identifier: record for record in records}
    return list(by_identifier.values())


def _apply(run: HarvestRun, harvested: Harvested, options: HarvestOptions, mapper, user) -> None:
    rows: list[Row] = []
    refusals: list[RecordRefusal] = []
    deleted: list[OAIRecord] = []
    latest = _latest(harvested.records)
    for number, record in enumerate(latest, start=1):
        if record.deleted:
            deleted.append(record)
            continue
        mapped = record_row(record, number, options, mapper)
        if isinstance(mapped, RecordRefusal):
            refusals.append(mapped)
        else:
            rows.append(mapped)
    report = import_rows(rows, dry_run=options.dry_run, user=user, all_or_nothing=False)
    for refusal in report.refusals:
        refusals.append(
            RecordRefusal(
                refusal.source_id.removeprefix(SOURCE_PREFIX), refusal.column, refusal.reason
            )
        )
    run.created, run.updated, run.unchanged = report.created, report.updated, report.unchanged
    run.refused = len({refusal.identifier for refusal in refusals})
    run.refusals = [refusal.as_dict() for refusal in refusals]
    run.unmapped = mapper.unmapped_counts()
    run.deleted_records = _deleted_records(deleted)
    run.deleted = len(deleted)
    if not options.dry_run:
        deleted_at_source.mark(
            [source_id(record.identifier) for record in deleted],
            [source_id(record.identifier) for record in latest if not record.deleted],
            run.started_at,
        )


def _deleted_records(deleted: list[OAIRecord]) -> list[dict]:
    """Each deleted record with the draft it became here, if any. Nothing is deleted or
    unpublished: an editor decides, as a material may be worth keeping."""
    known = {
        imported.source_id: imported.page
        for imported in ImportedMaterial.objects.filter(
            source_id__in=[source_id(record.identifier) for record in deleted]
        ).select_related("page")
    }
    listed = []
    for record in deleted:
        page = known.get(source_id(record.identifier))
        listed.append(
            {
                "identifier": record.identifier,
                "page_id": page.pk if page else None,
                "title": page.title if page else "",
            }
        )
    return listed
