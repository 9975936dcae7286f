"""The record of every harvest: what was asked, what came back, what was written.

A run is stored whether it succeeded or failed, so the admin's listing answers "when did
we last harvest this repository, and what happened". The responseDate of a successful run
is where the next run of the same repository, set and format continues (`watermark`).
Which draft a record became is curation's ImportedMaterial (`oai:<identifier>`), the same
table the spreadsheet import keys its drafts in.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class HarvestRun(models.Model):
    OK = "ok"
    FAILED = "failed"
    STATUSES = [(OK, pgettext_lazy("harvest", "ok")), (FAILED, pgettext_lazy("harvest", "failed"))]

    started_at = models.DateTimeField(pgettext_lazy("harvest", "started"))
    finished_at = models.DateTimeField(pgettext_lazy("harvest", "finished"))
    base_url = models.URLField(pgettext_lazy("harvest", "repository URL"), max_length=500)
    metadata_prefix = models.CharField(pgettext_lazy("harvest", "metadata prefix"), max_length=50)
    set_spec = models.CharField(pgettext_lazy("harvest", "set"), max_length=200, blank=True)
    from_date = models.CharField(
        pgettext_lazy("harvest", "from"),
        max_length=20,
        blank=True,
        help_text=_("The `from` the repository was asked for."),
    )
    response_date = models.CharField(
        pgettext_lazy("harvest", "response date"),
        max_length=40,
        blank=True,
        help_text=_("The repository's responseDate: the next run continues from it."),
    )
    partner = models.CharField(pgettext_lazy("harvest", "partner"), max_length=100)
    country = models.CharField(pgettext_lazy("harvest", "country"), max_length=2)
    dry_run = models.BooleanField(pgettext_lazy("harvest", "dry run"), default=False)
    status = models.CharField(pgettext_lazy("harvest", "status"), max_length=10, choices=STATUSES)
    error = models.TextField(pgettext_lazy("harvest", "error"), blank=True)
    created = models.PositiveIntegerField(pgettext_lazy("harvest", "new"), default=0)
    updated = models.PositiveIntegerField(pgettext_lazy("harvest", "updated"), default=0)
    unchanged = models.PositiveIntegerField(pgettext_lazy("harvest", "unchanged"), default=0)
    refused = models.PositiveIntegerField(pgettext_lazy("harvest", "refused"), default=0)
    deleted = models.PositiveIntegerField(_("deleted at the source"), default=0)
    # [{"identifier", "field", "reason"}]
    refusals = models.JSONField(pgettext_lazy("harvest", "refusals"), default=list, blank=True)
    # {"subject": {"value": count}}
    unmapped = models.JSONField(_("unmapped values"), default=dict, blank=True)
    # [{"identifier", "page_id", "title"}]: records the repository deleted, for the editors.
    deleted_records = models.JSONField(_("deleted records"), default=list, blank=True)

    class Meta:
        verbose_name = _("harvest run")
        verbose_name_plural = _("harvest runs")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["base_url", "set_spec", "metadata_prefix", "-started_at"])]

    def __str__(self):
        return f"{self.base_url} {self.started_at:%Y-%m-%d %H:%M}"

    @classmethod
    def watermark(cls, base_url: str, set_spec: str, metadata_prefix: str) -> str:
        """The responseDate of the last successful, written run of this list, or ""."""
        last = (
            cls.objects.filter(
                base_url=base_url,
                set_spec=set_spec,
                metadata_prefix=metadata_prefix,
                status=cls.OK,
                dry_run=False,
            )
            .exclude(response_date="")
            .first()
        )
        return last.response_date if last else ""
