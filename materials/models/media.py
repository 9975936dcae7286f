"""Custom image and document models, in place from day one so fields can be added
later without migrating Wagtail's built-in tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or source, shown under the image where it is used."),
    )

    admin_form_fields = Image.admin_form_fields + ("credit",)


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    """A downloadable file; its format and size are shown to teachers before they download."""

    admin_form_fields = Document.admin_form_fields

    def save(self, *args, **kwargs):
        # Listings show the size without touching storage, so it is always recorded on save.
        if self.file and self.file_size is None:
            self._set_document_file_metadata()
        super().save(*args, **kwargs)

    @property
    def format_label(self) -> str:
        return self.file_extension.upper() or _("File")
