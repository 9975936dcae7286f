"""What the link check knows: one row per URL (its last answer and how long it has been
failing) and one row per page that uses it.

A URL is stored once however many pages use it, keyed by its normalised form
(link_check.urls), so the same link in ten materials is checked once and reported with the
ten pages. The rows are kept between runs: "failing since" needs the history.
"""

from datetime import timedelta
from http import HTTPStatus

from django.db import models
from django.utils.translation import gettext_lazy as _

# MERLOT's rule, which the network adopted: a link that has failed at every check for four
# weeks is treated as dead, and the material's page says so.
DEAD_AFTER = timedelta(weeks=4)


class LinkError(models.TextChoices):
    """Why a check got no HTTP answer worth a status code."""

    TIMEOUT = "timeout", _("Timed out")
    CONNECTION = "connection", _("Connection failed")
    TLS = "tls", _("Certificate or TLS error")
    TOO_MANY_REDIRECTS = "redirects", _("Too many redirects")
    INVALID = "invalid", _("Not a valid web address")


class CheckedLink(models.Model):
    url = models.URLField(_("URL"), max_length=2000)
    normalised_url = models.CharField(_("normalised URL"), max_length=2000, unique=True)
    host = models.CharField(_("host"), max_length=255, db_index=True)
    status_code = models.PositiveSmallIntegerField(_("last status code"), null=True, blank=True)
    error = models.CharField(_("last error"), max_length=16, choices=LinkError.choices, blank=True)
    final_url = models.URLField(
        _("moved permanently to"),
        max_length=2000,
        blank=True,
        help_text=_("Where a chain of permanent redirects (301, 308) ended with a success."),
    )
    first_failure_at = models.DateTimeField(_("failing since"), null=True, blank=True)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    long_broken = models.BooleanField(
        _("broken for four weeks"),
        default=False,
        db_index=True,
        help_text=_("Every check has failed for at least four weeks."),
    )

    class Meta:
        verbose_name = _("checked link")
        verbose_name_plural = _("checked links")
        ordering = ["normalised_url"]

    def __str__(self):
        return self.url

    @property
    def is_broken(self) -> bool:
        return self.consecutive_failures > 0

    def problem_label(self) -> str:
        """What went wrong, as the report and the export show it: the status code with its
        standard phrase ("404 Not Found"), or the kind of error."""
        if self.error:
            return str(LinkError(self.error).label)
        if not self.status_code:
            return ""
        try:
            return f"{self.status_code} {HTTPStatus(self.status_code).phrase}"
        except ValueError:  # a code outside the standard, e.g. 599
            return str(self.status_code)

    def record(self, *, status_code: int | None, error: str, final_url: str, now) -> None:
        """Take one check's answer, checked at `now`. Broken means an error or a status of
        400 and above; a success ends the failing streak."""
        self.status_code = status_code
        self.error = error
        self.final_url = final_url
        self.last_checked_at = now
        if error or (status_code is not None and status_code >= 400):
            if not self.consecutive_failures:
                self.first_failure_at = now
            self.consecutive_failures += 1
        else:
            self.first_failure_at = None
            self.consecutive_failures = 0
        self.long_broken = bool(
            self.consecutive_failures > 1
            and self.first_failure_at is not None
            and now - self.first_failure_at >= DEAD_AFTER
        )


class LinkUse(models.Model):
    """One page's use of a link, and in which field: editors fix links page by page."""

    class Field(models.TextChoices):
        ORIGINAL_URL = "original_url", _("Original URL")
        COMMENTARY = "commentary", _("Commentary")
        INTRO = "intro", _("Introduction")
        SECTIONS = "sections", _("Section guidance")
        BODY = "body", _("Review text")

    link = models.ForeignKey(
        CheckedLink, verbose_name=_("link"), on_delete=models.CASCADE, related_name="uses"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    field = models.CharField(_("where"), max_length=16, choices=Field.choices)
    partner = models.ForeignKey(
        "materials.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The source-language partner of the material; empty for other pages."),
    )

    class Meta:
        verbose_name = _("link use")
        verbose_name_plural = _("link uses")
        constraints = [
            models.UniqueConstraint(fields=["link", "page", "field"], name="unique_link_use")
        ]

    def __str__(self):
        return f"{self.link} on page {self.page_id} ({self.field})"
