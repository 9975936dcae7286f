"""Catalogues for diverse classrooms: guided selections of materials for PD providers."""

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from materials.blocks import PARAGRAPH_FEATURES, CatalogueSectionBlock
from materials.localization import localize_all, localize_groups
from materials.models.fallback import SourceFallbackRoutingMixin, in_language_or_source
from materials.models.listing import ListingPageMixin
from materials.models.taxonomy import source_locale_only
from materials.widgets import FilterableCheckboxSelectMultiple


class CatalogueIndexPage(SourceFallbackRoutingMixin, ListingPageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["materials.HomePage"]
    subpage_types = ["materials.CataloguePage"]
    max_count_per_parent = 1
    # Created as a draft in every partner language's tree (translation.trees).
    part_of_language_tree = True

    class Meta:
        verbose_name = _("catalogue index page")

    def listing_queryset(self):
        return in_language_or_source(CataloguePage, self).order_by("title", "pk")


class CataloguePage(Page):
    intro = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES)
    diversity_dimensions = ParentalManyToManyField(
        "materials.DiversityDimension",
        verbose_name=_("diversity dimensions addressed"),
        limit_choices_to=source_locale_only,
        related_name="catalogues",
        blank=True,
    )
    sections = StreamField(
        [("section", CatalogueSectionBlock())],
        verbose_name=_("sections"),
        help_text=_("Each section: a heading, guidance for PD providers and chosen materials."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("diversity_dimensions", widget=FilterableCheckboxSelectMultiple),
        FieldPanel("sections"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("sections"),
    ]
    parent_page_types = ["materials.CatalogueIndexPage"]
    subpage_types = []
    # Copied from the source page onto its translations on publish (materials.signals).
    synchronised_taxonomy_fields = ("diversity_dimensions",)

    class Meta:
        verbose_name = _("catalogue")
        verbose_name_plural = _("catalogues")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["diversity_dimensions"] = localize_all(self.diversity_dimensions.all())
        # Each chosen material in the visitor's language where a live translation exists
        # (however the catalogue was translated); the source version otherwise, marked.
        entries = [entry for section in self.sections for entry in section.value["materials"]]
        localized = localize_all(entry["material"] for entry in entries if entry["material"])
        for entry, material in zip((e for e in entries if e["material"]), localized, strict=True):
            entry["material"] = material
        with_entry_languages(localized)
        return context


def with_entry_languages(materials: list) -> None:
    """Set `entry_languages` on each chosen material: the languages it is available in, in
    the visitor's language. Two queries for the whole catalogue, not two per entry."""
    prefetch_related_objects(materials, "resource_languages")
    groups = localize_groups(
        {
            str(index): list(material.resource_languages.all())
            for index, material in enumerate(materials)
        }
    )
    for position, material in enumerate(materials):
        material.entry_languages = groups[str(position)]
