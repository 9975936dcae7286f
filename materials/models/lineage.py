"""Lineage: one material is a version or an adaptation of another.

A link joins two source-language materials, so it holds for every language version of
both: the material page looks its links up by translation key and shows them in the
visitor's language. Editors make links by deciding a flagged pair of likely duplicates
(the duplicates app), which also lets superusers add, correct or remove one as a snippet
(its saves, like every snippet's, refresh the page cache); the content model only stores,
checks and shows them.

An adaptation says what it was adapted for: a country (required) and, where the adaptation
was made for one, a diversity dimension (e.g. "multilingual classrooms").
"""

from django_countries.fields import CountryField

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from materials.models.taxonomy import source_locale_only


class LineageKind(models.TextChoices):
    VERSION = "version", _("Version of")
    ADAPTATION = "adaptation", _("Adaptation of")


class MaterialLineage(models.Model):
    """`derived` is a version or an adaptation of `original` (both source-language pages)."""

    original = models.ForeignKey(
        "materials.MaterialPage",
        verbose_name=_("original material"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    derived = models.ForeignKey(
        "materials.MaterialPage",
        verbose_name=_("derived material"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=LineageKind.choices)
    country = CountryField(_("adapted for country"), blank=True)
    diversity_dimension = models.ForeignKey(
        "materials.DiversityDimension",
        verbose_name=_("adapted for diversity dimension"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to=source_locale_only,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("material lineage")
        verbose_name_plural = _("material lineage")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["original", "derived"], name="unique_material_lineage"),
            models.CheckConstraint(
                condition=~Q(original=models.F("derived")), name="lineage_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.derived_id} {self.kind} of {self.original_id}"

    def clean(self):
        super().clean()
        errors = {}
        if self.original_id and self.original_id == self.derived_id:
            errors["derived"] = _("A material cannot be a version or adaptation of itself.")
        default = Locale.get_default()
        for name in ("original", "derived"):
            page = getattr(self, name) if getattr(self, f"{name}_id") else None
            if page is not None and page.locale_id != default.pk:
                errors.setdefault(name, _("Choose the material's version in the source language."))
        if self.kind == LineageKind.ADAPTATION and not self.country:
            errors["country"] = _("Say which country the adaptation was made for.")
        if errors:
            raise ValidationError(errors)
