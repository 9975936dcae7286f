"""The 1–5 scale of the self-check: the reviews' scale, with one descriptor per level.

The descriptors are generic, not per criterion, on purpose: the network's quality criteria
page defines the scale once for every criterion ("1: not addressed, 3: addressed, but a
provider must add a good deal, 5: exemplary"), and reviewers score materials by that one
definition. Each criterion's own guidance (its description) says what the criterion means;
the level says how far an activity gets. A provider's self-rating therefore reads on the same
scale as the reviews that recommend materials to them.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LOWEST = 1
HIGHEST = 5
# A criterion rated this or higher is a strength of the activity.
STRENGTH_FROM = 4
# A criterion rated this or lower is one to work on: the profile recommends help for it.
WEAK_UP_TO = 3
# A review rating a material this or higher on a criterion recommends it for that criterion.
HELPFUL_REVIEW_SCORE = 4


@dataclass(frozen=True)
class Level:
    score: int
    label: Promise
    descriptor: Promise


LEVELS = (
    Level(
        1,
        _("Not addressed"),
        _("The activity does not attend to this criterion yet."),
    ),
    Level(
        2,
        _("Touched on"),
        _("The criterion is mentioned, but teachers hardly work on it."),
    ),
    Level(
        3,
        _("Partly addressed"),
        _("The criterion is there, but a good deal needs to be added."),
    ),
    Level(
        4,
        _("Well addressed"),
        _("The criterion is a clear, planned part of the activity."),
    ),
    Level(
        5,
        _("Exemplary"),
        _("Other PD providers could learn from how the activity meets this criterion."),
    ),
)
LEVEL_BY_SCORE = {level.score: level for level in LEVELS}
