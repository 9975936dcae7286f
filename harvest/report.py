"""A run as text lines: what the command prints and the admin's detail view shows.

Both read the stored HarvestRun, so the terminal and the admin say the same thing.
"""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from harvest.models import HarvestRun


def summary(run: HarvestRun) -> str:
    return _(
        "%(created)d new, %(updated)d updated, %(unchanged)d unchanged, %(refused)d refused, "
        "%(deleted)d deleted at the source"
    ) % {
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "refused": run.refused,
        "deleted": run.deleted,
    }


def report_lines(run: HarvestRun) -> list[str]:
    lines = [
        _("Harvest of %(url)s (%(prefix)s, set “%(set)s”, from “%(from)s”)")
        % {
            "url": run.base_url,
            "prefix": run.metadata_prefix,
            "set": run.set_spec or "—",
            "from": run.from_date or "—",
        }
    ]
    if run.status == HarvestRun.FAILED:
        lines.append(pgettext("harvest", "Failed: %(error)s") % {"error": run.error})
        lines.append(pgettext("harvest", "Nothing was written."))
        return lines
    for refusal in run.refusals:
        lines.append(
            _("Refused: %(identifier)s, %(field)s: %(reason)s")
            % {key: refusal[key] for key in ("identifier", "field", "reason")}
        )
    for element, counts in run.unmapped.items():
        for value, count in counts.items():
            lines.append(
                _("Unmapped %(element)s “%(value)s”: %(count)d record(s)")
                % {"element": element, "value": value, "count": count}
            )
    for record in run.deleted_records:
        if record["page_id"]:
            lines.append(
                _("Deleted at the source: %(identifier)s, draft “%(title)s” (page %(page)d) kept")
                % {
                    "identifier": record["identifier"],
                    "title": record["title"],
                    "page": record["page_id"],
                }
            )
        else:
            lines.append(
                _("Deleted at the source: %(identifier)s (never harvested here)")
                % {"identifier": record["identifier"]}
            )
    lines.append(summary(run))
    if run.dry_run:
        lines.append(pgettext("harvest", "Dry run: nothing was written."))
    return lines
