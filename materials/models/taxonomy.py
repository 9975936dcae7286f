"""Taxonomy snippets. Pages in every locale link to the canonical term (the one in
the source locale); translators translate the labels. Facets and filters therefore
key on one term per concept in every language."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


def source_locale_only():
    """limit_choices_to for links to terms: only canonical (source-locale) terms are choosable."""
    return models.Q(locale_id=Locale.get_default().pk)


class Term(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        help_text=_("Stable identifier used in URLs and search filters; never translated."),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Discipline(Term):
    class Meta(Term.Meta):
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_discipline_slug")
        ]


class DiversityDimension(Term):
    class Meta(Term.Meta):
        verbose_name = _("diversity dimension")
        verbose_name_plural = _("diversity dimensions")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_diversity_slug")
        ]


class QualityCriterion(Term):
    class Meta(Term.Meta):
        verbose_name = _("quality criterion")
        verbose_name_plural = _("quality criteria")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_criterion_slug")
        ]


class ResourceLanguage(TranslatableMixin, index.Indexed, models.Model):
    """A language a material is available in (not necessarily a site language)."""

    code = models.CharField(
        _("ISO 639-1 code"),
        max_length=8,
        help_text=_("Two-letter language code, e.g. 'de'. Never translated."),
    )
    name = models.CharField(_("name"), max_length=80)

    override_translatable_fields = [SynchronizedField("code")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("resource language")
        verbose_name_plural = _("resource languages")
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_language_code")
        ]

    def __str__(self):
        return self.name
