"""What an import did or would do: per-row outcomes, refusals and the four counts.

Shared by the command (as text lines) and the admin (as tables), so both say the same.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from curation.material_import.rows import Refusal

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass(frozen=True)
class Outcome:
    row: int
    source_id: str
    title: str
    action: str  # CREATED, UPDATED or UNCHANGED
    page_id: int | None = None


@dataclass
class Report:
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    @property
    def created(self) -> int:
        return self.count(CREATED)

    @property
    def updated(self) -> int:
        return self.count(UPDATED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def refused(self) -> int:
        """Rows refused (a row may have several reasons)."""
        return len({refusal.row for refusal in self.refusals})

    @property
    def written(self) -> bool:
        return not self.dry_run and not self.refusals

    def summary(self) -> str:
        return _(
            "%(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(refused)d refused"
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "refused": self.refused,
        }


def report_lines(report: Report) -> list[str]:
    lines = [f"{outcome.row}\t{outcome.source_id}\t{outcome.action}" for outcome in report.outcomes]
    lines += [_("Refused: %(refusal)s") % {"refusal": refusal} for refusal in report.refusals]
    lines.append(report.summary())
    if report.refusals:
        lines.append(_("Nothing was imported: correct the refused rows and import the file again."))
    elif report.dry_run:
        lines.append(_("Dry run: nothing was written."))
    return lines
