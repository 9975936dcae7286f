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
