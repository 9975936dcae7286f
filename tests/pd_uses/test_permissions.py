"""Who may add, edit and delete PD uses: a matrix of roles × actions, through the admin."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from materials.models import PDUse
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = ["own_editor", "other_editor", "translator", "anonymous", "superuser"]
# Whether the role may act on a use recorded by the "own" partner.
ALLOWED = {
    "own_editor": True,
    "other_editor": False,
    "translator": False,
    "anonymous": False,
    "superuser": True,
}


@pytest.fixture
def setting():
    own = factories.PartnerFactory(slug="own-centre")
    other = factories.PartnerFactory(slug="other-centre")
    use = factories.PDUseFactory(partner=own, teachers=20)
    return {"own": own, "other": other, "use": use}


def login(client, role, setting):
    if role == "anonymous":
        return
    if role == "own_editor":
        user = factories.partner_editor(setting["own"])
    elif role == "other_editor":
        user = factories.partner_editor(setting["other"])
    elif role == "translator":
        # Full model permissions on PD uses, but no partner: the partner link is what counts.
        group = Group.objects.create(name="de translators")
        group.permissions.add(
            *Permission.objects.filter(codename__endswith="_pduse"),
            Permission.objects.get(codename="access_admin"),
        )
        user = get_user_model().objects.create_user("translator", password="unused")
        user.groups.add(group)
    else:
        user = get_user_model().objects.create_superuser("root", password="unused")
    client.force_login(user)


def url(name, *args):
    return reverse(f"wagtailsnippets_materials_pduse:{name}", args=args)


def form_data(use, partner, teachers):
    return {
        "material": use.material_id,
        "partner": partner.pk,
        "date": "2025-03-01",
        "country": "NL",
        "format": "online",
        "hours": "2.5",
        "teachers": str(teachers),
        "adaptations": "",
        "evaluation": "",
    }


@pytest.mark.parametrize("role", ROLES)
def test_add(client, setting, role):
    login(client, role, setting)
    before = PDUse.objects.count()  # the demo's uses too, when it is seeded
    response = client.post(url("add"), form_data(setting["use"], setting["own"], 33))
    created = PDUse.objects.count() > before
    assert created is ALLOWED[role], response.status_code
    if role in ("translator", "anonymous"):  # no partner: the form is not even offered
        assert response.status_code in (302, 403)
    elif role == "other_editor":  # may add, but only for their own partner
        assert "partner" in response.context["form"].errors


@pytest.mark.parametrize("role", ROLES)
def test_edit(client, setting, role):
    login(client, role, setting)
    use = setting["use"]
    response = client.post(url("edit", use.pk), form_data(use, setting["own"], 44))
    use.refresh_from_db()
    assert (use.teachers == 44) is ALLOWED[role], response.status_code
    if not ALLOWED[role]:
        assert response.status_code in (302, 403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_delete(client, setting, role):
    login(client, role, setting)
    use = setting["use"]
    response = client.post(url("delete", use.pk))
    assert (not PDUse.objects.filter(pk=use.pk).exists()) is ALLOWED[role], response.status_code


@pytest.mark.parametrize("role", ["own_editor", "other_editor"])
def test_the_list_shows_only_the_editors_own_partners_uses(client, setting, role):
    login(client, role, setting)
    response = client.get(url("list"))
    assert response.status_code == 200
    listed = url("edit", setting["use"].pk) in response.content.decode()
    assert listed is ALLOWED[role]


def test_an_editor_cannot_record_a_use_for_another_partner(client, setting):
    login(client, "own_editor", setting)
    before = PDUse.objects.count()
    response = client.post(url("add"), form_data(setting["use"], setting["other"], 55))
    assert response.status_code == 200  # the form again, with the error
    assert PDUse.objects.count() == before
    assert "partner" in response.context["form"].errors


@pytest.mark.parametrize(
    ("field", "value"),
    [("teachers", "-3"), ("teachers", "many"), ("hours", "99999"), ("date", "2025-13-40"),
     ("format", "lecture"), ("country", "XX")],
)  # fmt: skip
def test_bad_input_is_refused_with_a_message_and_nothing_is_lost(client, setting, field, value):
    login(client, "own_editor", setting)
    use = setting["use"]
    data = form_data(use, setting["own"], 66) | {field: value}
    response = client.post(url("edit", use.pk), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    use.refresh_from_db()
    assert use.teachers == 20
