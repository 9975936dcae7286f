import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from materials.models import PDUse
from pd_uses.models import PartnerGroup
from pd_uses.permissions import PartnerPermissionPolicy
from tests import factories

pytestmark = pytest.mark.django_db


def test_each_partner_gets_one_group_whose_members_edit_its_uses():
    own, other = factories.PartnerFactory(), factories.PartnerFactory()
    call_command("setup_partner_editors", stdout=io.StringIO())
    call_command("setup_partner_editors", stdout=io.StringIO())  # idempotent
    assert PartnerGroup.objects.filter(partner__in=[own, other]).count() == 2
    user = get_user_model().objects.create_user("staff", password="unused")
    user.groups.add(PartnerGroup.objects.get(partner=own).group)
    policy = PartnerPermissionPolicy(PDUse)
    mine = factories.PDUseFactory(partner=own)
    theirs = factories.PDUseFactory(partner=other)
    for action in ("change", "delete"):
        assert policy.user_has_permission_for_instance(user, action, mine)
        assert not policy.user_has_permission_for_instance(user, action, theirs)
    assert list(policy.instances_user_has_permission_for(user, "change")) == [mine]
