"""Free-form pages: about, guidelines, quality criteria."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from materials.blocks import BodyBlock


class StandardPage(Page):
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    links_quality_check = models.BooleanField(
        _("link to the quality self-check"),
        default=False,
        help_text=_(
            "Show a link to the quality self-check after the text, e.g. on the page that "
            "explains the quality criteria."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("links_quality_check")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["materials.HomePage", "materials.StandardPage"]
    subpage_types = ["materials.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
