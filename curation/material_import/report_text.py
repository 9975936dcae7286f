"""The report as plain lines, for the command's output (the admin renders its own table)."""

from django.utils.translation import gettext as _

from curation.material_import.apply import Report


def report_lines(report: Report) -> list[str]:
    lines = [f"{outcome.row}\t{outcome.source_id}\t{outcome.action}" for outcome in report.outcomes]
    lines += [_("Refused: %(refusal)s") % {"refusal": refusal} for refusal in report.refusals]
    lines.append(report.summary())
    if report.refusals:
        lines.append(_("Nothing was imported: correct the refused rows and import the file again."))
    elif report.dry_run:
        lines.append(_("Dry run: nothing was written."))
    return lines
