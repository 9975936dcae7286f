"""The home page of each locale's tree."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from materials.blocks import BodyBlock
from materials.models.cards import card_queryset, with_localized_disciplines
from materials.models.fallback import SourceFallbackRoutingMixin
from materials.models.material import MaterialPage

LATEST_MATERIALS_COUNT = 6


class HomePage(SourceFallbackRoutingMixin, Page):
    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences."))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "materials.MaterialIndexPage",
        "materials.CatalogueIndexPage",
        "materials.ReviewIndexPage",
        "materials.StandardPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        latest = card_queryset(
            MaterialPage.objects.live().descendant_of(self).order_by("-first_published_at", "-pk")
        )[:LATEST_MATERIALS_COUNT]
        context["latest_materials"] = with_localized_disciplines(list(latest))
        return context
