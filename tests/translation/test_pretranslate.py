"""One action machine-pre-translates every pending page of a language, in the background,
for the language's own team only, without touching a translator's work or publishing."""

import pytest

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from materials.models import MaterialPage
from tests.conftest import shared_data
from tests.factories import MaterialPageFactory, language_team, refused, site_tree, team_member
from translation.trees import ensure_translation_draft

pytestmark = pytest.mark.django_db


def untranslated_segments(draft) -> int:
    translation = Translation.objects.get(
        source__object_id=draft.translation_key, target_locale=draft.locale
    )
    segments = StringSegment.objects.filter(source=translation.source)
    translated = StringTranslation.objects.filter(
        translation_of__in=segments.values("string"), locale=draft.locale
    )
    return segments.count() - translated.count()


def build_german_draft() -> int:
    """A published English material with a German draft translation not yet translated, and
    the German and Dutch teams."""
    for language in ("de", "nl"):
        language_team(language)
    page = MaterialPageFactory(parent=site_tree().materials, title="Pulleys and levers")
    page.save_revision().publish()
    return ensure_translation_draft(page, Locale.objects.get(language_code="de")).pk


@pytest.fixture(scope="module")
def german_draft_pk(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_german_draft) as pk:
        yield pk


@pytest.fixture
def german_draft(db, german_draft_pk):
    return MaterialPage.objects.get(pk=german_draft_pk)


def test_a_german_translator_pre_translates_every_pending_german_page(client, german_draft):
    assert untranslated_segments(german_draft) > 0
    client.force_login(team_member("translators", "de"))
    response = client.post("/admin/translations/de/pretranslate/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/translations/de/?status=in_progress"
    assert untranslated_segments(german_draft) == 0
    german_draft.refresh_from_db()
    assert not german_draft.live
    title = StringTranslation.objects.get(
        locale=german_draft.locale, translation_of__data="Pulleys and levers"
    )
    assert title.data == "levers and Pulleys"  # the dummy translator's output


def test_other_teams_are_refused_and_nothing_changes(client, german_draft):
    before = untranslated_segments(german_draft)
    client.force_login(team_member("translators", "nl"))
    assert refused(client.post("/admin/translations/de/pretranslate/"))
    assert untranslated_segments(german_draft) == before


def test_only_post_starts_it(client, german_draft):
    client.force_login(team_member("translators", "de"))
    assert client.get("/admin/translations/de/pretranslate/").status_code == 405


def test_without_a_machine_translator_it_says_so(client, german_draft, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    before = untranslated_segments(german_draft)
    client.force_login(team_member("translators", "de"))
    response = client.post("/admin/translations/de/pretranslate/", follow=True)
    assert "No machine translator is configured." in response.content.decode()
    assert untranslated_segments(german_draft) == before
