"""Admin registration of PD uses: the partner-scoped permission policy, then the viewset
(which adds its own menu item)."""

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from materials.models import PDUse
from pd_uses.permissions import PartnerPermissionPolicy
from pd_uses.views import PDUseViewSet

register_permission_policy(PDUse, PartnerPermissionPolicy(PDUse))
register_snippet(PDUseViewSet)
