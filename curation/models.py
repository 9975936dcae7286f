"""What the importer remembers between runs.

The source id lives here, not on MaterialPage, so the content model stays ignorant of where
a page came from and a deleted page takes its mapping with it (CASCADE): the next import
then creates it again instead of failing on a dangling id.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from materials.models import MaterialPage


class ImportedMaterial(models.Model):
    """One imported row's identity: `source_id` -> the source-language draft it became."""

    source_id = models.CharField(_("source id"), max_length=200, unique=True)
    page = models.OneToOneField(
        MaterialPage,
        verbose_name=_("material"),
        on_delete=models.CASCADE,
        related_name="import_record",
    )
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated by an import"), auto_now=True)
    # Set by the first harvest that finds the record deleted in its repository, cleared
    # when a harvest finds it again: the material stays, an editor decides (harvest).
    deleted_at_source = models.DateTimeField(_("deleted at the source"), null=True, blank=True)

    class Meta:
        verbose_name = _("imported material")
        verbose_name_plural = _("imported materials")

    def __str__(self):
        return self.source_id


class PendingImport(models.Model):
    """An uploaded file between its preview and its confirmation.

    Kept on the server (not re-posted by the browser) so the confirmed import is exactly
    the previewed file; the SHA-256 is checked again on confirm, and old uploads expire.
    """

    token = models.CharField(max_length=64, unique=True)
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")

    def __str__(self):
        return self.filename
