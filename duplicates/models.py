"""Fingerprints of source-language materials and the pairs flagged as likely duplicates.

A fingerprint holds what the three rules compare, taken from the material's latest
revision (drafts included, as imports and harvests make drafts): its normalised original
URL, its partner, year and normalised title, and the SHA-256 of each of its files. Each
is indexed, so checking one material asks the database for the few materials that share a
value, never reads all of them.

A pair is unordered: it is stored once, with the lower page id first. Its decision is
empty while it waits in the review queue; once decided it stays, so a pair decided "not a
duplicate" is never flagged again.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    URL = "url", _("Same original URL")
    FILE = "file", _("Same file")
    TITLE = "title", _("Similar title, same partner and year")


class Decision(models.TextChoices):
    SAME = "same", _("Same material")
    VERSION = "version", _("Version of")
    ADAPTATION = "adaptation", _("Adaptation of")
    DISTINCT = "distinct", _("Not a duplicate")


class MaterialFingerprint(models.Model):
    page = models.OneToOneField(
        "materials.MaterialPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    url_key = models.CharField(max_length=255, blank=True, db_index=True)
    title_key = models.CharField(max_length=255, blank=True)
    # The partner's id, not a foreign key: a fingerprint is no use of the partner (the safe
    # delete and merge of terms count every foreign key to one), and it is rewritten on the
    # material's next save.
    partner_pk = models.BigIntegerField(null=True)
    year = models.PositiveSmallIntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["partner_pk", "year"], name="fingerprint_partner_year")]

    def __str__(self):
        return f"{self.page_id}: {self.url_key or self.title_key}"


class FileFingerprint(models.Model):
    page = models.ForeignKey("materials.MaterialPage", on_delete=models.CASCADE, related_name="+")
    sha256 = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "sha256"], name="unique_file_fingerprint")
        ]

    def __str__(self):
        return f"{self.page_id}: {self.sha256}"


class DuplicatePair(models.Model):
    first = models.ForeignKey(
        "materials.MaterialPage",
        verbose_name=_("first material"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    second = models.ForeignKey(
        "materials.MaterialPage",
        verbose_name=_("second material"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reasons = models.JSONField(_("reasons"), default=list)
    title_similarity = models.FloatField(_("title similarity"), null=True, blank=True)
    flagged_at = models.DateTimeField(_("flagged at"), auto_now_add=True)
    decision = models.CharField(
        _("decision"), max_length=16, choices=Decision.choices, blank=True, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("likely duplicate")
        verbose_name_plural = _("likely duplicates")
        ordering = ["flagged_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="unique_duplicate_pair"),
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="pair_in_order"),
        ]

    def __str__(self):
        return f"{self.first_id} ~ {self.second_id}"

    @property
    def is_pending(self) -> bool:
        return not self.decision

    def reason_labels(self) -> list[str]:
        return [str(Reason(reason).label) for reason in self.reasons if reason in Reason.values]
