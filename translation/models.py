"""Which groups translate and review which locale: the one link between people and languages."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale


class LanguageTeam(models.Model):
    locale = models.OneToOneField(
        Locale, verbose_name=_("locale"), on_delete=models.CASCADE, related_name="team"
    )
    translators = models.OneToOneField(
        Group, verbose_name=_("translators"), on_delete=models.PROTECT, related_name="+"
    )
    reviewers = models.OneToOneField(
        Group, verbose_name=_("reviewers"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("language team")
        verbose_name_plural = _("language teams")

    def __str__(self):
        return str(self.locale)

    @classmethod
    def locales_of(cls, user) -> set[int]:
        """Ids of the locales whose team the user belongs to (as translator or reviewer)."""
        groups = user.groups.all()
        return set(
            cls.objects.filter(
                models.Q(translators__in=groups) | models.Q(reviewers__in=groups)
            ).values_list("locale_id", flat=True)
        )


class TranslationDemand(models.Model):
    """How often visitors asked for a page in a language: a count, and nothing about who asked.

    Keyed by the page's translation_key, so the count holds for every version of the page and
    survives until the translation exists; the dashboard orders untranslated work by it.
    """

    translation_key = models.UUIDField(_("translation key"))
    locale = models.ForeignKey(
        Locale, verbose_name=_("requested language"), on_delete=models.CASCADE, related_name="+"
    )
    count = models.PositiveIntegerField(_("requests"), default=0)

    class Meta:
        verbose_name = _("translation demand")
        verbose_name_plural = _("translation demand")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"], name="unique_translation_demand"
            )
        ]

    def __str__(self):
        return f"{self.translation_key} → {self.locale}: {self.count}"

    @classmethod
    def counts(cls, translation_keys, locale_ids) -> dict[tuple, int]:
        """{(translation_key, locale_id): count} for the given pages and languages, one query."""
        rows = cls.objects.filter(translation_key__in=translation_keys, locale_id__in=locale_ids)
        return {
            (key, locale_id): count
            for key, locale_id, count in rows.values_list("translation_key", "locale_id", "count")
        }


class UntranslatableText(models.Model):
    """Texts of a source page that wagtail-localize cannot extract, found when it is published.

    No translation can replace them, so a "complete" translation would still show them in the
    source language. Recorded on publish (see translation/coverage.py) so the dashboard can
    name them without re-reading every page.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    texts = models.JSONField(_("texts"), default=list)
    checked_at = models.DateTimeField(_("checked at"), auto_now=True)

    class Meta:
        verbose_name = _("text that cannot be translated")
        verbose_name_plural = _("texts that cannot be translated")

    def __str__(self):
        return f"{self.page_id}: {len(self.texts)}"


class MachineMetadata(models.Model):
    """A material's title, summary and keywords machine-translated into one partner language.

    Stored per translation_key and locale, so a teacher can find and judge a material that
    no translator has reached yet. It stands in only while there is no human translation
    in that language: publishing one deletes it (translation.machine_metadata). The source
    text's fingerprint tells whether the source changed since it was made.
    """

    translation_key = models.UUIDField(_("translation key"), db_index=True)
    locale = models.ForeignKey(
        Locale, verbose_name=_("locale"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    keywords = models.TextField(_("keywords"), blank=True)
    source_fingerprint = models.CharField(_("source fingerprint"), max_length=64)
    provider = models.CharField(_("provider"), max_length=100)
    translated_at = models.DateTimeField(_("translated at"), auto_now=True)

    class Meta:
        verbose_name = _("machine-translated metadata")
        verbose_name_plural = _("machine-translated metadata")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"], name="one_machine_metadata_per_locale"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.locale})"
