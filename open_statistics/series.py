"""The statistics as named series: the one list the page's charts and tables and the CSV
walk through, so the three always show the same numbers in the same order."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Series:
    name: str  # the CSV's first column and the chart's id: "<section>.<series>"
    title: str | Promise
    value_label: str | Promise
    extra: tuple[tuple[str, str | Promise], ...] = ()  # further columns: (row key, heading)

    def rows(self, statistics: dict) -> list[dict]:
        section, _dot, series = self.name.partition(".")
        found = statistics[section]
        return found[series] if series else found


SERIES = (
    Series("downloads.per_month", _("Downloads per month"), _("Downloads")),
    Series("downloads.per_language", _("Downloads per language of the material"), _("Downloads")),
    Series("downloads.per_partner", _("Downloads per partner"), _("Downloads")),
    Series("downloads.per_discipline", _("Downloads per discipline"), _("Downloads")),
    Series(
        "pd_uses.per_country",
        _("PD uses per country"),
        _("PD activities"),
        (("teachers", _("Teachers reached")),),
    ),
    Series(
        "pd_uses.per_format",
        _("PD uses per format"),
        _("PD activities"),
        (("teachers", _("Teachers reached")),),
    ),
    Series(
        "translations.per_language",
        _("Translation coverage per language"),
        _("Materials translated"),
        (
            ("percent", _("Coverage (%)")),
            ("outdated", _("Outdated translations")),
            ("open_requests", _("Open translation requests")),
        ),
    ),
    Series(
        "quality_criteria",
        _("Materials reviewed on each quality criterion"),
        _("Materials"),
        (("average", _("Average rating")),),
    ),
    Series("age_bands", _("Materials per age band"), _("Materials")),
)
