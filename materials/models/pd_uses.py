"""Records of use: one PD activity (a course, a workshop...) in which a partner used a material.

A use belongs to the material, not to one language version of it: it is keyed by the
material's translation_key, like the download counter, so every language version shows the
same uses and a translation never starts with none. Editors choose the material through the
page chooser (any language version); on save the use is attached to the source-language
version and takes its key. The admin form belongs to the app that records uses (pd_uses),
which also decides who may edit which.

What a use says about people is a number (teachers reached): never names, never contacts.
"""

from django_countries.fields import CountryField

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from materials.models.taxonomy import source_locale_only

MAX_HOURS = 1000
# The one value of the search filter "used in PD" (search.facets), in the index and the URL.
USED_IN_PD = "yes"
MAX_TEACHERS = 100_000


class PDFormat(models.TextChoices):
    COURSE = "course", _("Course")
    WORKSHOP = "workshop", _("Workshop")
    ONLINE = "online", _("Online")
    SCHOOL_BASED = "school-based", _("School-based")


class PDUse(models.Model):
    material = models.ForeignKey(
        "materials.MaterialPage",
        verbose_name=_("material"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    translation_key = models.UUIDField(_("material translation key"), editable=False, db_index=True)
    partner = models.ForeignKey(
        "materials.Partner",
        verbose_name=_("recorded by partner"),
        on_delete=models.PROTECT,
        limit_choices_to=source_locale_only,
        related_name="+",
    )
    date = models.DateField(_("date"), help_text=_("When the activity took place (its start)."))
    country = CountryField(_("country"))
    format = models.CharField(_("format"), max_length=20, choices=PDFormat.choices)
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_HOURS)],
    )
    teachers = models.PositiveIntegerField(
        _("teachers reached"), validators=[MaxValueValidator(MAX_TEACHERS)]
    )
    adaptations = models.TextField(
        _("what was adapted"),
        blank=True,
        max_length=2000,
        help_text=_("E.g. translated worksheets, shortened to one session, local examples."),
    )
    evaluation = models.TextField(
        _("evaluation note"),
        blank=True,
        max_length=2000,
        help_text=_("Optional: what participants said, what worked. No personal data."),
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("PD use")
        verbose_name_plural = _("PD uses")

    def __str__(self):
        return f"{self.material} · {self.date} · {self.get_format_display()}"

    def save(self, *args, **kwargs):
        """Attach the use to the material's source-language version when there is one, so
        deleting a translation never takes the material's uses with it."""
        source = (
            type(self.material)
            ._default_manager.filter(
                translation_key=self.material.translation_key, locale=Locale.get_default()
            )
            .first()
        )
        if source is not None:
            self.material = source
        self.translation_key = self.material.translation_key
        super().save(*args, **kwargs)
