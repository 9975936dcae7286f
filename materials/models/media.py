"""Custom image and document models, in place from day one so fields can be added
later without migrating Wagtail's built-in tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from materials.file_digest import sha256_of


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

    def __setstate__(self, state):
        """A rendition is unpickled when it comes out of the renditions cache. Wagtail's
        `get_renditions` writes back every rendition not marked `_from_cache`, and marks only
        prefetched ones, so each page showing a cover would pickle and store its renditions
        again on every request. Marked here, what the cache gave is not written back."""
        super().__setstate__(state)
        self._from_cache = True

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    """A downloadable file; its format and size are shown to teachers before they download.

    Its SHA-256 is stored beside Wagtail's SHA-1 (`file_hash`, kept for Wagtail's own use):
    the duplicate check finds the same file attached to two materials by it, with an index.
    """

    sha256 = models.CharField(
        _("SHA-256"), max_length=64, blank=True, db_index=True, editable=False
    )

    admin_form_fields = Document.admin_form_fields

    def save(self, *args, **kwargs):
        # Listings show the size without touching storage, so it is always recorded on save.
        if self.file and self.file_size is None:
            self._set_document_file_metadata()
        elif self.file and not self.sha256:
            self._set_sha256()
        super().save(*args, **kwargs)

    def _set_file_hash(self):
        """Wagtail calls this on upload and when the file is replaced: both hashes follow."""
        super()._set_file_hash()
        self._set_sha256()

    def _set_sha256(self):
        with self.open_file() as f:
            self.sha256 = sha256_of(f)

    @property
    def format_label(self) -> str:
        return self.file_extension.upper() or _("File")
