"""Machine pre-translation: DeepL when configured, wagtail-localize's dummy translator in tests."""

import os
import subprocess
import sys

import pytest

from django.conf import settings

from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from materials.models import MaterialPage
from tests import factories
from tests.conftest import shared_data
from tests.factories import team_member

pytestmark = pytest.mark.django_db


def build_german_material() -> int:
    """An English material translated into German, and the German and Dutch teams."""
    material = factories.publish(
        factories.MaterialPageFactory(parent=factories.site_tree().materials)
    )
    german = factories.translate_page(material, "de")
    for language in ("de", "nl"):
        factories.language_team(language)
    return german.pk


@pytest.fixture(scope="module")
def german_pk(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_german_material) as pk:
        yield pk


def pending_german_summary(german_pk: int):
    """Edit an English source so its German translation has one untranslated segment."""
    german = MaterialPage.objects.live().get(pk=german_pk)
    english = MaterialPage.objects.get(
        translation_key=german.translation_key, locale__language_code="en"
    )
    english.summary = "Pupils compare the brightness of bulbs in series and in parallel."
    english.save_revision().publish()
    source = TranslationSource.objects.get(object_id=english.translation_key)
    source.update_from_db()
    translation = Translation.objects.get(source=source, target_locale=german.locale)
    segment = StringSegment.objects.get(source=source, context__path="summary")
    return translation, segment


def test_translator_pre_translates_pending_segments_of_their_language(client, german_pk):
    translation, segment = pending_german_summary(german_pk)
    client.force_login(team_member("translators", "de"))
    response = client.post(f"/admin/localize/translate/{translation.pk}/machine_translate/")
    assert response.status_code == 302
    machine = StringTranslation.objects.get(
        translation_of=segment.string, locale=translation.target_locale, context=segment.context
    )
    assert machine.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
    assert machine.data and machine.data != segment.string.data


def test_translator_of_another_language_cannot_pre_translate(client, german_pk):
    translation, segment = pending_german_summary(german_pk)
    client.force_login(team_member("translators", "nl"))
    response = client.post(f"/admin/localize/translate/{translation.pk}/machine_translate/")
    assert response.status_code in (302, 403)
    assert not StringTranslation.objects.filter(
        translation_of=segment.string, locale=translation.target_locale
    ).exists()


def test_tests_use_the_dummy_translator():
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["CLASS"].endswith("DummyTranslator")


@pytest.mark.parametrize(("key", "expected"), [("abc:fx", "DeepLTranslator"), ("", "None")])
def test_deepl_is_configured_from_the_environment(key, expected):
    code = (
        "from repo_site.settings import base as s; "
        "print(getattr(s, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', {'CLASS': 'None'})['CLASS'])"
    )
    env = {**os.environ, "DEEPL_API_KEY": key}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
        check=True,
    )
    assert result.stdout.strip().endswith(expected)
