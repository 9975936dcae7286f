"""The role matrix: every wagtail-localize endpoint, four team roles, four translations.

Each case sends the request an admin screen would send and asserts both the answer and the
state afterwards: what the role may do happened, what it may not do left no trace.
Roles: German translator, German reviewer, Dutch translator, superuser. Targets: the German
and Dutch translations of one English material page and of one English discipline.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Locale, Page
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from materials import models
from materials.models import Discipline, MaterialPage
from tests import factories
from tests.conftest import shared_data
from tests.factories import DisciplineFactory, refused, team_member
from tests.translation.translated_content import admin, translate_fully

pytestmark = pytest.mark.django_db


def build_targets() -> None:
    """An English material (with an original URL, a file and a partner: segments a
    translator may override) and an English discipline, both translated into German and
    Dutch with every segment translated; an English material in neither language; the German
    and Dutch teams and the admin."""
    materials = factories.site_tree().materials
    material = factories.MaterialPageFactory(
        parent=materials, original_url="https://example.org/original"
    )
    material.files = [models.MaterialFile(title="Worksheet", document=factories.DocumentFactory())]
    material = factories.publish(material)
    factories.publish(factories.MaterialPageFactory(parent=materials))
    discipline = DisciplineFactory()
    for language in ("de", "nl"):
        translate_fully(material, language)
        translate_fully(discipline, language)
        factories.language_team(language)
    admin()


@pytest.fixture(scope="module", autouse=True)
def targets(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_targets):
        yield


ROLES = ("de_translator", "de_reviewer", "nl_translator", "admin")
TARGETS = ("de_page", "nl_page", "de_snippet", "nl_snippet")


def works_on(role: str, language: str) -> bool:
    return role == "admin" or role.startswith(f"{language}_")


def publishes(role: str, language: str) -> bool:
    return role == "admin" or role == f"{language}_reviewer"


@dataclass
class Target:
    language: str
    kind: str  # "page" or "snippet"
    source: object
    locale: Locale

    @property
    def model(self):
        return Page if self.kind == "page" else Discipline

    def instance(self):
        return self.model.objects.filter(
            translation_key=self.source.translation_key, locale=self.locale
        ).first()

    @property
    def translation(self) -> Translation:
        return Translation.objects.get(
            source__object_id=self.source.translation_key, target_locale=self.locale
        )

    @property
    def edit_url(self) -> str:
        instance = self.instance()
        if self.kind == "page":
            return f"/admin/pages/{instance.pk}/edit/"
        return f"/admin/snippets/materials/discipline/edit/{instance.pk}/"


def languages_of(model, instance) -> set[str]:
    return set(
        model.objects.filter(translation_key=instance.translation_key).values_list(
            "locale__language_code", flat=True
        )
    )


class CommittingClient:
    """The test client, with on-commit callbacks run as a real request's commit would.

    wagtail-localize publishes on commit; without running the callbacks a test could not
    see a page going live.
    """

    def __init__(self, client, capture):
        self.client = client
        self.capture = capture

    def __getattr__(self, method):
        def send(*args, **kwargs):
            with self.capture(execute=True):
                return getattr(self.client, method)(*args, **kwargs)

        return send


@pytest.fixture
def login(client, django_capture_on_commit_callbacks):
    def login_as(role: str):
        if role == "admin":
            user = admin()
        else:
            language, team_role = role.split("_")
            user = team_member(f"{team_role}s", language)
        client.force_login(user)
        return CommittingClient(client, django_capture_on_commit_callbacks)

    return login_as


def translated(target_name: str) -> Target:
    """The German or Dutch translation of an English page or discipline that has both."""
    language, kind = target_name.split("_")
    if kind == "page":
        source = next(
            page
            for page in MaterialPage.objects.filter(locale__language_code="en").order_by("pk")
            if {"de", "nl"} <= languages_of(Page, page)
        )
    else:
        source = next(
            discipline
            for discipline in Discipline.objects.filter(locale__language_code="en").order_by("pk")
            if {"de", "nl"} <= languages_of(Discipline, discipline)
        )
    return Target(language, kind, source, Locale.objects.get(language_code=language))


def untranslated(target_name: str) -> Target:
    """An English page or discipline with neither a German nor a Dutch version."""
    language, kind = target_name.split("_")
    if kind == "page":
        source = next(
            page
            for page in MaterialPage.objects.filter(locale__language_code="en").order_by("pk")
            if not {"de", "nl"} & languages_of(Page, page)
        )
    else:
        source = DisciplineFactory()
    return Target(language, kind, source, Locale.objects.get(language_code=language))


def first_text_segment(target: Target) -> StringSegment:
    return (
        StringSegment.objects.filter(source=target.translation.source)
        .exclude(context__path="slug")
        .select_related("string", "context")
        .order_by("order")
        .first()
    )


def string_translation(target: Target, segment: StringSegment):
    return StringTranslation.objects.filter(
        translation_of=segment.string, locale=target.locale, context=segment.context
    ).first()


def live_text(target: Target) -> str:
    instance = target.instance()
    return instance.title if target.kind == "page" else instance.name


# ------------------------------------------------------------------ one function per endpoint


def submit(client, target_name, allowed):
    target = untranslated(target_name)
    if target.kind == "page":
        url = f"/admin/localize/submit/page/{target.source.pk}/"
    else:
        url = f"/admin/localize/submit/snippet/materials/discipline/{target.source.pk}/"
    response = client.post(url, {"locales": [target.locale.pk]})
    created = target.instance()
    if allowed:
        assert response.status_code == 302
        assert created is not None
        if target.kind == "page":
            assert not created.live, "a submitted translation starts as a draft"
    else:
        assert response.status_code == 403
        assert created is None
        assert not Translation.objects.filter(
            source__object_id=target.source.translation_key, target_locale=target.locale
        ).exists()


def string_edit(client, target_name, allowed):
    target = translated(target_name)
    segment = first_text_segment(target)
    before = string_translation(target, segment).data
    response = client.put(
        f"/admin/localize/translate/{target.translation.pk}/strings/{segment.pk}/edit/",
        urlencode({"value": "Vom Team geändert"}),
        content_type="application/x-www-form-urlencoded",
    )
    after = string_translation(target, segment).data
    if allowed:
        assert response.status_code == 200
        assert after == "Vom Team geändert"
    else:
        assert response.status_code == 403
        assert after == before


def override_edit(client, target_name, allowed):
    target = translated(target_name)
    segment = OverridableSegment.objects.filter(source=target.translation.source).first()
    assert segment is not None, "the source has an overridable segment"
    overrides = SegmentOverride.objects.filter(locale=target.locale, context=segment.context)
    before = list(overrides.values_list("data_json", flat=True))
    response = client.put(
        f"/admin/localize/translate/{target.translation.pk}/overrides/{segment.pk}/edit/",
        urlencode({"value": "https://example.org/overridden"}),
        content_type="application/x-www-form-urlencoded",
    )
    after = list(overrides.values_list("data_json", flat=True))
    if allowed:
        assert response.status_code in (200, 201)
        assert after == ['"https://example.org/overridden"']
    else:
        assert response.status_code == 403
        assert after == before


def po_download(client, target_name, allowed):
    target = translated(target_name)
    response = client.get(f"/admin/localize/translate/{target.translation.pk}/pofile/download/")
    if allowed:
        assert response.status_code == 200
        assert str(target.translation.uuid) in response.content.decode()
    else:
        assert response.status_code == 403
        assert str(target.translation.uuid) not in response.content.decode()


def po_upload(client, target_name, allowed):
    target = translated(target_name)
    po = target.translation.export_po()
    entry = next(entry for entry in po if entry.msgctxt != "slug")
    entry.msgstr = "Aus der PO-Datei"
    marked = StringTranslation.objects.filter(locale=target.locale, data="Aus der PO-Datei")
    response = client.post(
        f"/admin/localize/translate/{target.translation.pk}/pofile/upload/",
        {"file": SimpleUploadedFile("t.po", str(po).encode()), "next": "/admin/"},
    )
    if allowed:
        assert response.status_code == 302
        assert marked.count() == 1
    else:
        assert response.status_code == 403
        assert not marked.exists()


def machine_translate(client, target_name, allowed):
    target = translated(target_name)
    segment = first_text_segment(target)
    string_translation(target, segment).delete()
    response = client.post(
        f"/admin/localize/translate/{target.translation.pk}/machine_translate/",
        {"next": "/admin/"},
    )
    after = string_translation(target, segment)
    if allowed:
        assert response.status_code == 302
        assert after is not None and after.translation_type == "machine"
    else:
        assert response.status_code == 403
        assert after is None


def preview(client, target_name, allowed):
    target = translated(target_name)
    response = client.get(f"/admin/localize/translate/{target.translation.pk}/preview/")
    if not allowed:
        assert response.status_code == 403
    elif target.kind == "page":
        assert response.status_code == 200
    else:
        assert response.status_code == 404  # snippets have no preview, for anyone


def stop(client, target_name, allowed):
    target = translated(target_name)
    translation = target.translation
    response = client.post(f"/admin/localize/translate/{translation.pk}/disable/")
    translation.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert not translation.enabled
    else:
        assert response.status_code == 403
        assert translation.enabled


def update(client, target_name, allowed):
    """Sync + publish after a source edit: never source text on the live translation."""
    target = translated(target_name)
    page_or_snippet = target.instance()
    live_before = live_text(target)
    revision_before = page_or_snippet.latest_revision_id if target.kind == "page" else None
    source = target.source
    if target.kind == "page":
        source.title = "A new English title"
        source.save_revision().publish()
    else:
        source.name = "A new English name"
        source.save()
    translation_source = TranslationSource.objects.get(object_id=source.translation_key)
    response = client.post(
        f"/admin/localize/update/{translation_source.pk}/", {"publish_translations": "on"}
    )
    assert response.status_code == 302  # every role works on one of the source's languages
    assert live_text(target) == live_before
    if target.kind == "page":
        revision_after = target.instance().latest_revision_id
        assert (revision_after != revision_before) == allowed  # a draft for the team's review


def convert_to_alias(client, target_name, allowed):
    target = translated(target_name)
    response = client.post(f"/admin/localize/page/{target.instance().pk}/convert_to_alias/")
    if allowed:
        assert response.status_code == 302
        assert target.instance().alias_of_id == target.source.pk
    else:
        assert response.status_code == 403
        assert target.instance().alias_of_id is None


def report(client, target_name, allowed):
    target = translated(target_name)
    response = client.get(
        "/admin/localize/reports/translations/",
        {"source_title": str(target.source), "target_locale": target.language},
    )
    assert response.status_code == 200
    listed = {translation.pk for translation in response.context["object_list"]}
    assert (target.translation.pk in listed) == allowed


def editor(client, target_name, allowed):
    target = translated(target_name)
    response = client.get(target.edit_url)
    if allowed:
        assert response.status_code == 200
    else:
        assert refused(response)


ENDPOINTS = {
    "submit": submit,
    "string_edit": string_edit,
    "override_edit": override_edit,
    "po_download": po_download,
    "po_upload": po_upload,
    "machine_translate": machine_translate,
    "preview": preview,
    "stop": stop,
    "update": update,
    "convert_to_alias": convert_to_alias,
    "report": report,
    "editor": editor,
}
PAGE_ONLY = {"convert_to_alias"}
PUBLISHERS_ONLY = {"convert_to_alias"}

CASES = [
    pytest.param(endpoint, role, target, id=f"{endpoint}-{role}-{target}")
    for endpoint in ENDPOINTS
    for role in ROLES
    for target in TARGETS
    if not (endpoint in PAGE_ONLY and target.endswith("snippet"))
]


@pytest.mark.parametrize("endpoint,role,target", CASES)
def test_role_matrix(login, endpoint, role, target):
    language = target.split("_")[0]
    rule = publishes if endpoint in PUBLISHERS_ONLY else works_on
    ENDPOINTS[endpoint](login(role), target, rule(role, language))


def test_the_matrix_covers_every_wagtail_localize_url():
    """A new upstream URL must be added to the guard (or left closed) and to this matrix."""
    from translation.localize_guard import CHECKS, OPEN_ROUTES

    upstream = {
        str(pattern.pattern)
        for pattern in __import__(
            "wagtail_localize.wagtail_hooks", fromlist=["register_admin_urls"]
        )
        .register_admin_urls()[0]
        .url_patterns
    }
    assert upstream == set(CHECKS) | OPEN_ROUTES


@pytest.mark.parametrize(
    "role,offered",
    [("de_translator", {"de"}), ("nl_translator", {"nl"}), ("admin", {"de", "nl"})],
)
def test_the_submit_form_offers_only_the_users_languages(login, role, offered):
    target = untranslated("de_page")
    response = login(role).get(f"/admin/localize/submit/page/{target.source.pk}/")
    assert response.status_code == 200
    codes = set(
        response.context["form"].fields["locales"].queryset.values_list("language_code", flat=True)
    )
    assert offered <= codes if role == "admin" else codes == offered


def test_a_submit_naming_an_unknown_locale_is_refused(login):
    target = untranslated("de_page")
    response = login("de_translator").post(
        f"/admin/localize/submit/page/{target.source.pk}/", {"locales": ["not-a-number"]}
    )
    assert response.status_code == 403
    assert target.instance() is None


def test_users_outside_every_team_reach_no_translation(client, django_user_model):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("no-team", password="x")
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="submit_translation"),
        Permission.objects.get(codename="change_discipline"),
    )
    client.force_login(editor)
    target = translated("de_snippet")
    translation = target.translation
    assert (
        client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/").status_code
        == 403
    )
    assert client.post(f"/admin/localize/translate/{translation.pk}/disable/").status_code == 403
    source = untranslated("de_snippet").source
    response = client.post(
        f"/admin/localize/submit/snippet/materials/discipline/{source.pk}/",
        {"locales": [target.locale.pk]},
    )
    assert response.status_code == 403
