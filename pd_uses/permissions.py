"""A partner's editors edit only their own partner's PD uses; superusers edit all.

Wagtail's model permissions say whether someone may add, change or delete PD uses at all;
this policy adds the partner: a use can be changed or deleted only by an editor of the
partner that recorded it, and only partners the user edits for can be chosen on a new one.
Wagtail's generic edit and delete views do not ask for instance permissions, so the viewset
(pd_uses.views) narrows their querysets with `instances_user_has_permission_for`.
"""

from wagtail.permission_policies.base import ModelPermissionPolicy

from materials.models import PDUse
from pd_uses.models import PartnerGroup


def partner_ids(user) -> set[int] | None:
    """The partners `user` records uses for; None means every partner (active superusers)."""
    if user.is_active and user.is_superuser:
        return None
    return PartnerGroup.partner_ids_of(user)


class PartnerPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if user.is_active and user.is_superuser:
            return True
        if action in ("add", "change", "delete") and not partner_ids(user):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        allowed = partner_ids(user)
        return allowed is None or instance.partner_id in allowed

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        uses = PDUse.objects.all()
        if not self.user_has_any_permission(user, actions):
            return uses.none()
        allowed = partner_ids(user)
        return uses if allowed is None else uses.filter(partner_id__in=allowed)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])
