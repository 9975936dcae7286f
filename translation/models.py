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


class MachineMetadata(models.Model):
    """A material's title and summary machine-translated into one partner language.

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
