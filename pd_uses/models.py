"""Which partner a user records PD uses for: a Django group stands for a partner's editors.

A group rather than a field on the user: administrators already manage people through groups
(Settings > Groups), a centre's staff come and go, and one group per partner carries both
the model permissions (add, change, delete PD uses) and the partner they apply to.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from materials.models.taxonomy import source_locale_only


class PartnerGroup(models.Model):
    group = models.OneToOneField(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="partner_link"
    )
    partner = models.ForeignKey(
        "materials.Partner",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        limit_choices_to=source_locale_only,
        related_name="+",
    )

    class Meta:
        verbose_name = _("partner group")
        verbose_name_plural = _("partner groups")

    def __str__(self):
        return f"{self.group} → {self.partner}"

    @classmethod
    def partner_ids_of(cls, user) -> set[int]:
        """The partners whose uses `user` may record: those of the groups they are in."""
        if not user.is_authenticated:
            return set()
        return set(cls.objects.filter(group__user=user).values_list("partner_id", flat=True))
