"""Closed vocabularies stored as choices: they are part of the product, not editorial data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceType(models.TextChoices):
    TEACHING_UNIT = "teaching-unit", _("Teaching unit or lesson plan")
    PD_MODULE = "pd-module", _("PD course module")
    PD_ACTIVITY = "pd-activity", _("PD activity guide")
    VIDEO = "video", _("Video")
    SIMULATION = "simulation", _("Interactive simulation")
    ASSESSMENT = "assessment", _("Assessment task")
    HANDBOOK = "handbook", _("Handbook or guide")
    RESEARCH_SUMMARY = "research-summary", _("Research summary")
    TOOLKIT = "toolkit", _("Toolkit")


class Audience(models.TextChoices):
    PRE_SERVICE = "pre-service", _("Pre-service teachers")
    IN_SERVICE = "in-service", _("In-service teachers")
    TEACHER_EDUCATORS = "teacher-educators", _("Teacher educators and PD providers")
    SCHOOL_LEADERS = "school-leaders", _("School leaders")


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The label of `value` in the active language, or the value itself when it is not a
    choice (as Django's get_FOO_display answers). Django's version hashes every choice's
    lazy label, a translation lookup each, on every call: a listing of cards paid that
    for each card."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class ReviewKind(models.TextChoices):
    MATERIAL = "material", _("Material review")
    PD_CENTRE_MODEL = "pd-centre-model", _("PD-centre model review")
