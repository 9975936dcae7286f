"""Partners: the PD centres that contribute and curate materials."""

from django_countries.fields import CountryField

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from materials.models.taxonomy import source_locale_only


class Partner(TranslatableMixin, index.Indexed, models.Model):
    institution = models.CharField(_("institution"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("Never translated."))
    country = CountryField(_("country"))
    languages = models.ManyToManyField(
        "materials.ResourceLanguage",
        verbose_name=_("working languages"),
        blank=True,
        limit_choices_to=source_locale_only,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "materials.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences on what the centre does.")
    )

    panels = [
        FieldPanel("institution"),
        FieldPanel("slug"),
        FieldPanel("country"),
        FieldPanel("languages"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("description"),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("institution"),
        SynchronizedField("logo"),
    ]
    search_fields = [index.SearchField("institution"), index.AutocompleteField("institution")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["institution"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_partner_slug")
        ]

    def __str__(self):
        return self.institution
