"""Free-form pages: about, guidelines, quality criteria."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from materials.blocks import BodyBlock


class StandardPage(Page):
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["materials.HomePage", "materials.StandardPage"]
    subpage_types = ["materials.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
