"""StreamField blocks for commentary, catalogue sections and standard pages."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        label=_("Attribution"), required=False, help_text=_("Who said it, e.g. 'a teacher, Brno'.")
    )

    class Meta:
        icon = "openquote"
        template = "materials/blocks/quote.html"
        label = _("Quote")


class TeachingTipBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    text = blocks.TextBlock(label=_("Tip"))

    class Meta:
        icon = "pick"
        template = "materials/blocks/teaching_tip.html"
        label = _("Teaching tip")


class ActivityOutlineBlock(blocks.StructBlock):
    """A PD session built around the material, as PD providers plan one."""

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    duration_minutes = blocks.IntegerBlock(
        label=_("Duration (minutes)"), required=False, min_value=5, max_value=2400
    )
    goal = blocks.TextBlock(label=_("Goal"), help_text=_("What participants achieve."))
    steps = blocks.ListBlock(blocks.TextBlock(label=_("Step")), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "materials/blocks/activity_outline.html"
        label = _("PD activity outline")


class CommentaryBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Text"))
    quote = QuoteBlock()
    tip = TeachingTipBlock()
    activity = ActivityOutlineBlock()
    image = ImageBlock(label=_("Image"))
    embed = EmbedBlock(label=_("Embedded media"), help_text=_("A video or slide deck URL."))


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=160, form_classname="title")
    text = blocks.RichTextBlock(features=["h3", *PARAGRAPH_FEATURES], label=_("Text"))
    quote = QuoteBlock()
    image = ImageBlock(label=_("Image"))


class CatalogueEntryBlock(blocks.StructBlock):
    material = blocks.PageChooserBlock(page_type="materials.MaterialPage", label=_("Material"))
    note = blocks.TextBlock(
        label=_("Note"), help_text=_("Why this material serves this part of the catalogue.")
    )


class CatalogueSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=160)
    guidance = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("Guidance for PD providers"),
    )
    # Empty by default: a new section does not start with an empty entry, which would fail
    # validation until the editor removed it or chose a material.
    materials = blocks.ListBlock(CatalogueEntryBlock(), label=_("Materials"), default=[])

    class Meta:
        icon = "folder-open-inverse"
        template = "materials/blocks/catalogue_section.html"
        label = _("Section")
