"""Download counters: nothing but a key and a number.

Teachers are counted, never tracked: no IP address, user agent, user or time of a download
is stored, so the counters hold no personal data and need no consent or retention policy.
The file counter is keyed by the document, which every language version of a material shares;
the material counter by the material's translation_key, so all language versions add up to one
count that a "most downloaded" sort can read with a single subquery.
"""

from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


def _count_or_zero(counts):
    """The `count` of the one counter row `counts` selects, 0 when there is none yet."""
    return Coalesce(Subquery(counts.values("count")[:1]), 0)


class FileDownloadCount(models.Model):
    document = models.OneToOneField(
        "materials.CustomDocument",
        verbose_name=_("document"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="download_counter",
    )
    count = models.PositiveBigIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("file download count")
        verbose_name_plural = _("file download counts")

    def __str__(self):
        return f"{self.document_id}: {self.count}"

    @classmethod
    def for_outer_document(cls, document_field: str = "document_id"):
        """The count of the outer query's document, 0 if never downloaded, for annotate():
        a page lists its files with their counts in the same single query."""
        return _count_or_zero(cls.objects.filter(document_id=OuterRef(document_field)))


class MaterialDownloadCount(models.Model):
    translation_key = models.UUIDField(_("material translation key"), primary_key=True)
    count = models.PositiveBigIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("material download count")
        verbose_name_plural = _("material download counts")

    def __str__(self):
        return f"{self.translation_key}: {self.count}"

    @classmethod
    def count_for(cls, translation_key) -> int:
        return cls.objects.filter(pk=translation_key).values_list("count", flat=True).first() or 0


class MonthlyDownloadCount(models.Model):
    """Downloads of a material in one calendar month, for the open statistics: still only a
    key and a number (the month is the download's, not anything about who downloaded).
    Counted from the day this table exists; MaterialDownloadCount keeps the all-time total."""

    translation_key = models.UUIDField(_("material translation key"))
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    count = models.PositiveBigIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("monthly download count")
        verbose_name_plural = _("monthly download counts")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "month"], name="unique_monthly_download_count"
            )
        ]

    def __str__(self):
        return f"{self.translation_key} {self.month:%Y-%m}: {self.count}"
