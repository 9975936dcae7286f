"""The home page of each locale's tree."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from materials.blocks import BodyBlock
from materials.extension_points import HOME_ENTRY_POINTS
from materials.localization import active_language, localize_all
from materials.models.cards import card_queryset, with_localized_disciplines
from materials.models.catalogue import CataloguePage
from materials.models.fallback import SourceFallbackRoutingMixin
from materials.models.material import MaterialPage
from materials.models.partners import Partner
from materials.models.review import ReviewPage

LATEST_MATERIALS_COUNT = 6


class HomePage(SourceFallbackRoutingMixin, Page):
    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences."))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    featured_catalogue = models.ForeignKey(
        "materials.CataloguePage",
        verbose_name=_("featured catalogue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the home page. Leave empty to show the latest catalogue."),
    )
    featured_review = models.ForeignKey(
        "materials.ReviewPage",
        verbose_name=_("featured review"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the home page. Leave empty to show the latest review."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("featured_catalogue"), FieldPanel("featured_review")],
            heading=_("Featured on the home page"),
        ),
    ]
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
        context["featured_catalogue"] = self.featured(self.featured_catalogue_id, CataloguePage)
        context["featured_review"] = self.featured(self.featured_review_id, ReviewPage)
        context["partners"] = sorted(
            localize_all(Partner.objects.filter(locale__language_code=settings.LANGUAGE_CODE)),
            key=lambda partner: partner.institution.casefold(),
        )
        context["entry_groups"] = self.entry_groups()
        return context

    def featured(self, chosen_id: int | None, model: type[Page]) -> Page | None:
        """The editor's choice in the visitor's language where a live translation exists;
        the latest live page of the kind in this tree when nothing (live) was chosen."""
        chosen = model.objects.live().filter(pk=chosen_id).first() if chosen_id else None
        if chosen is not None:
            return localize_all([chosen])[0]
        return (
            model.objects.live()
            .descendant_of(self)
            .select_related("locale")
            .order_by("-first_published_at", "-pk")
            .first()
        )

    @staticmethod
    def entry_groups() -> list:
        """The ways into the search by discipline and age band, with counts, from the app
        that serves the search (materials.extension_points.HOME_ENTRY_POINTS)."""
        providers = hooks.get_hooks(HOME_ENTRY_POINTS)
        return providers[-1](active_language()) if providers else []
