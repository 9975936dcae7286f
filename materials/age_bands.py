"""Age bands derived from a material's pupil age range, never typed by editors.

Ranges follow the notation of the bands themselves: "10-12" means from the 10th
birthday up to the 12th, so a material for 6-10 is primary only, and a material
for 10-14 belongs to both 10-12 and 12-15.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ADULT_AGE = 19
MAX_AGE = 99


@dataclass(frozen=True)
class AgeBand:
    key: str
    start: int
    end: int  # exclusive
    label: str | Promise
    isced_levels: tuple[str, ...]  # UNESCO ISCED 2011 levels the band spans

    def overlaps(self, age_min: int, age_max: int) -> bool:
        return age_min < self.end and max(age_max, age_min + 1) > self.start


AGE_BANDS = (
    AgeBand("3-6", 3, 6, _("3–6 (pre-primary)"), ("ISCED 0",)),
    AgeBand("6-10", 6, 10, _("6–10 (primary)"), ("ISCED 1",)),
    AgeBand("10-12", 10, 12, _("10–12"), ("ISCED 1", "ISCED 2")),
    AgeBand("12-15", 12, 15, _("12–15 (lower secondary)"), ("ISCED 2",)),
    AgeBand("15-19", 15, ADULT_AGE, _("15–19 (upper secondary)"), ("ISCED 3",)),
    AgeBand("adult", ADULT_AGE, MAX_AGE + 1, _("Adult"), ()),
)


def bands_for(age_min: int | None, age_max: int | None) -> list[AgeBand]:
    """The bands an age range touches, youngest first."""
    if age_min is None or age_max is None:
        return []
    return [band for band in AGE_BANDS if band.overlaps(age_min, age_max)]
