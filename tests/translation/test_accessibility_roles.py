"""Who may state a material's accessibility: the matrix of team roles against the source
page and its translation. The keys are facts of the material, set by its editors on the
source page and shared by every translation; translators translate only the summary."""

import pytest

from wagtail_localize.models import OverridableSegment, StringSegment, TranslationSource

from materials.models import MaterialPage
from tests.conftest import shared_data
from tests.factories import full_material, language_team, refused, team_member, translate_page
from tests.materials.test_editor_journey import material_form

pytestmark = pytest.mark.django_db

ROLES = ("de_translator", "de_reviewer", "nl_translator", "admin")
KEY_FIELDS = ("access_modes", "accessibility_features", "accessibility_hazards")


def build_material() -> int:
    """The material (translated into German) and the German and Dutch teams."""
    page = full_material(
        related=0,
        reviews=0,
        access_modes=["textual"],
        accessibility_features=["transcript"],
        accessibility_hazards=["none"],
        accessibility_summary="Transcripts for every clip.",
    )
    translate_page(page, "de")
    for language in ("de", "nl"):
        language_team(language)
    return page.pk


@pytest.fixture(scope="module")
def material_pk(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_material) as pk:
        yield pk


@pytest.fixture
def material(db, material_pk):
    return MaterialPage.objects.get(pk=material_pk)


def user_for(role: str, admin_user):
    if role == "admin":
        return admin_user
    language, kind = role.split("_")
    return team_member(f"{kind}s", language)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_source_pages_editors_change_its_accessibility(client, admin_user, material, role):
    user = user_for(role, admin_user)
    client.force_login(user)
    data = material_form(slug=material.slug, title=material.title)
    data["accessibility_features"] = ["signLanguage"]
    data["accessibility_hazards"] = ["flashing"]
    response = client.post(f"/admin/pages/{material.pk}/edit/", data)

    stored = MaterialPage.objects.get(pk=material.pk)
    may_edit = role == "admin"
    assert material.permissions_for_user(user).can_edit() is may_edit
    if may_edit:
        assert response.status_code == 302, response.context["form"].errors
        assert stored.accessibility_features == ["signLanguage"]
        assert stored.accessibility_hazards == ["flashing"]
    else:
        assert refused(response)
        assert stored.accessibility_features == ["transcript"]
        assert stored.accessibility_hazards == ["none"]


def test_translators_translate_the_summary_and_cannot_override_the_keys(material):
    source = TranslationSource.objects.get(object_id=material.translation_key)
    strings = {segment.context.path for segment in StringSegment.objects.filter(source=source)}
    overridable = {
        segment.context.path for segment in OverridableSegment.objects.filter(source=source)
    }
    assert "accessibility_summary" in strings
    assert not set(KEY_FIELDS) & (strings | overridable)
