"""The Translations dashboard: what each language lacks, drafts, reviews, has and must update."""

import csv
import io

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page, Workflow
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from materials.models import MaterialPage
from repo_site.languages import load_partner_languages
from tests import factories
from tests.conftest import shared_data
from tests.factories import MaterialPageFactory, refused, team_member
from tests.translation.translated_content import (
    admin,
    draft_tree,
    partner_locales,
    translate_fully,
    translate_tree_fully,
)
from translation.dashboard import (
    IN_PROGRESS,
    OUTDATED,
    PUBLISHED,
    UNTRANSLATED,
    WAITING_FOR_REVIEW,
    language_statuses,
    source_pages,
)
from translation.trees import ensure_translation_draft

pytestmark = pytest.mark.django_db

GERMAN_MATERIALS = 2  # of three English materials; the home and index pages are German too

PARTNER_CODES = [language.code for language in load_partner_languages()][1:]
# Measured: locales, source pages, translated pages (with workflow state), translation sources,
# translations, segment totals, translated segments, visitors' translation requests.
QUERIES = 8
# The overview counts (language_counts): the same without the translation requests, which only
# the lists of untranslated pages show.
COUNT_QUERIES = QUERIES - 1


def status_of(code: str):
    locale = Locale.objects.get(language_code=code)
    return language_statuses({locale.pk})[0]


def source_ids(status, category) -> set[int]:
    return {entry.source_id for entry in status.lists[category]}


def pages_in(code: str, model=Page) -> int:
    return model.objects.filter(locale__language_code=code).count()


def build_languages() -> dict:
    """Every partner language's locale; three English materials, GERMAN_MATERIALS of them
    translated into German (every segment, with the home and index pages above them);
    Finnish with only its draft tree; the German team and the admin.

    A run may have seeded the demo before: the figures the tests pin are what the dashboard
    showed before the build (nothing, without the demo) plus what the build adds, counted here.
    """
    partner_locales()
    before = {code: status_of(code).counts for code in ("de", "fi")}
    german_before = pages_in("de"), pages_in("de", MaterialPage)
    fi_before = pages_in("fi")
    sources_before = source_pages(factories.source_locale()).count()

    translate_tree_fully("de")
    tree = factories.site_tree()
    english = [factories.publish(MaterialPageFactory(parent=tree.materials)) for _n in range(3)]
    german = [translate_fully(page, "de") for page in english[:GERMAN_MATERIALS]]
    draft_tree("fi")
    factories.language_team("de")
    admin()

    new_sources = source_pages(factories.source_locale()).count() - sources_before
    new_german = pages_in("de") - german_before[0]
    new_drafts = pages_in("fi") - fi_before
    return {
        "german": [page.pk for page in german],
        "german_materials": german_before[1] + GERMAN_MATERIALS,
        "de": {
            **before["de"],
            UNTRANSLATED: before["de"][UNTRANSLATED] + new_sources - new_german,
            PUBLISHED: before["de"][PUBLISHED] + new_german,
        },
        "fi": {
            **before["fi"],
            UNTRANSLATED: before["fi"][UNTRANSLATED] + new_sources - new_drafts,
            IN_PROGRESS: before["fi"][IN_PROGRESS] + new_drafts,
        },
    }


@pytest.fixture(scope="module", autouse=True)
def languages(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_languages) as built:
        yield built


@pytest.fixture
def translated_material(languages):
    """A live English material and its live German translation (every segment translated)."""

    def english_and_german() -> tuple[MaterialPage, MaterialPage]:
        target = MaterialPage.objects.live().get(pk=languages["german"][0])
        return target.get_translation(Locale.objects.get(language_code="en")), target

    return english_and_german


def test_german_has_its_eleven_materials_published_and_the_rest_untranslated(
    languages, translated_material
):
    """Named for the demo's eleven: the module's GERMAN_MATERIALS (and the demo's, if seeded)."""
    status = status_of("de")
    published = Page.objects.filter(pk__in=[e.translation_id for e in status.lists[PUBLISHED]])
    assert published.type(MaterialPage).count() == languages["german_materials"]
    # the home and 3 index pages are translated too (without the demo: 4 + GERMAN_MATERIALS)
    assert status.counts == languages["de"]
    assert status.counts[PUBLISHED] > 0 and status.counts[UNTRANSLATED] > 0
    assert status.counts[IN_PROGRESS] == status.counts[WAITING_FOR_REVIEW] == 0
    assert status.counts[OUTDATED] == 0
    english, german = translated_material()
    entry = next(e for e in status.lists[PUBLISHED] if e.source_id == english.pk)
    assert entry.title == german.title
    assert entry.edit_url == f"/admin/pages/{german.pk}/edit/"


def test_finnish_has_only_its_draft_tree_in_progress_and_the_rest_untranslated(languages):
    status = status_of("fi")
    live_sources = Page.objects.live().filter(locale__language_code="en", depth__gt=1).count()
    assert status.counts == languages["fi"]
    assert status.counts == {
        UNTRANSLATED: live_sources - 4,
        IN_PROGRESS: 4,
        WAITING_FOR_REVIEW: 0,
        PUBLISHED: 0,
        OUTDATED: 0,
    }
    drafts = Page.objects.filter(pk__in=[e.translation_id for e in status.lists[IN_PROGRESS]])
    assert sorted(page.specific_class.__name__ for page in drafts) == [
        "CatalogueIndexPage",
        "HomePage",
        "MaterialIndexPage",
        "ReviewIndexPage",
    ]
    untranslated = status.lists[UNTRANSLATED][0]
    assert untranslated.edit_url == f"/admin/pages/{untranslated.source_id}/edit/"


def test_publishing_an_edited_source_makes_its_translation_outdated_until_republished(
    translated_material,
):
    english, german = translated_material()
    assert english.pk in source_ids(status_of("de"), PUBLISHED)

    english.title = english.title + " (revised)"
    english.save_revision().publish()
    status = status_of("de")
    assert english.pk in source_ids(status, OUTDATED)
    assert english.pk not in source_ids(status, PUBLISHED)
    assert status.counts[OUTDATED] == 1

    german.save_revision().publish()
    assert english.pk in source_ids(status_of("de"), PUBLISHED)


def test_starting_the_language_workflow_puts_the_translation_in_review(translated_material):
    english, german = translated_material()
    user = admin()
    Workflow.objects.get(name="German review").start(german, user)

    status = status_of("de")
    assert source_ids(status, WAITING_FOR_REVIEW) == {english.pk}
    assert english.pk not in source_ids(status, PUBLISHED)


def test_missing_string_translations_show_the_percentage_done(translated_material):
    english, german = translated_material()
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=german.locale
    )
    segments = StringSegment.objects.filter(source=translation.source).exclude(context__path="slug")
    total = segments.count()
    segment = segments.first()
    StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=german.locale
    ).delete()

    status = status_of("de")
    entry = next(e for e in status.lists[IN_PROGRESS] if e.source_id == english.pk)
    assert entry.percent_done == 100 * (total - 1) // total
    assert 0 < entry.percent_done < 100
    assert english.pk not in source_ids(status, PUBLISHED)


def test_german_translator_lands_on_german_and_is_refused_dutch(client):
    client.force_login(team_member("translators", "de"))
    response = client.get("/admin/translations/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/translations/de/"
    german = client.get("/admin/translations/de/")
    assert german.status_code == 200
    assert german.context["status"].locale.language_code == "de"
    assert refused(client.get("/admin/translations/nl/"))
    assert refused(client.get("/admin/translations/nl/csv/"))
    rows = list(csv.reader(io.StringIO(client.get("/admin/translations/csv/").content.decode())))
    assert [row[1] for row in rows[1:]] == ["de"]


def test_superusers_and_admins_outside_teams_see_every_language(client, admin_client):
    overview = admin_client.get("/admin/translations/")
    assert overview.status_code == 200
    assert [s.language.code for s, _counts in overview.context["rows"]] == PARTNER_CODES

    editor = get_user_model().objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get("/admin/translations/")
    assert [s.language.code for s, _counts in response.context["rows"]] == PARTNER_CODES
    assert client.get("/admin/translations/nl/").status_code == 200


def test_the_admin_menu_links_to_the_dashboard(admin_client):
    # the sidebar menu is rendered as JSON props, hence no plain href
    assert b"/admin/translations/" in admin_client.get("/admin/").content


def test_language_csv_lists_every_source_page_with_its_status(
    admin_client, languages, translated_material
):
    response = admin_client.get("/admin/translations/de/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="translations-de.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Status", "Title", "Percent translated", "Edit URL"]
    status = status_of("de")
    assert len(rows) - 1 == sum(status.counts.values())
    assert sum(row[0] == "Published" for row in rows) == languages["de"][PUBLISHED]
    _english, german = translated_material()
    assert [
        "Published",
        german.title,
        "100",
        f"http://testserver/admin/pages/{german.pk}/edit/",
    ] in rows


def test_overview_csv_counts_every_language(admin_client, languages):
    response = admin_client.get("/admin/translations/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="translations.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Language",
        "Language code",
        "Untranslated",
        "In progress",
        "Waiting for review",
        "Published",
        "Outdated",
    ]
    assert [row[1] for row in rows[1:]] == PARTNER_CODES
    german = next(row for row in rows if row[1] == "de")
    assert german[5] == str(languages["de"][PUBLISHED])


def test_query_count_does_not_grow_with_pages(material_index):
    with CaptureQueriesContext(connection) as before:
        language_statuses()
    assert len(before.captured_queries) == QUERIES

    for _n in range(3):
        page = MaterialPageFactory(parent=material_index)
        page.save_revision().publish()
    ensure_translation_draft(page, Locale.objects.get(language_code="de"))
    with CaptureQueriesContext(connection) as after:
        statuses = language_statuses()
    assert len(after.captured_queries) == QUERIES
    assert page.pk in source_ids(statuses[0], IN_PROGRESS)


def test_overview_page_query_count_is_pinned(admin_client, django_assert_num_queries):
    admin_client.get("/admin/translations/")  # warm per-process caches (site, user menus)
    # the dashboard's own queries plus session, user and admin chrome, and the list of text
    # that cannot be translated
    with django_assert_num_queries(COUNT_QUERIES + 7):
        assert admin_client.get("/admin/translations/").status_code == 200


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"], ids=repr)
def test_csv_exports_neutralise_formula_cells(admin_client, start, translated_material):
    english, german = translated_material()
    german.title = f'{start}HYPERLINK("https://evil.example/")'
    german.save_revision().publish()
    response = admin_client.get("/admin/translations/de/csv/")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    titles = [row[1] for row in rows[1:]]
    assert f"'{german.title}" in titles
    # No cell of either export starts as a formula would.
    overview = admin_client.get("/admin/translations/csv/").content.decode()
    for row in rows + list(csv.reader(io.StringIO(overview))):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_a_german_translator_translates_an_untranslated_page_from_the_dashboard(client):
    translator = team_member("translators", "de")
    client.force_login(translator)
    status = status_of("de")
    entry = status.lists[UNTRANSLATED][0]
    page = client.get("/admin/translations/de/").content.decode()
    action = f'action="/admin/localize/submit/page/{entry.source_id}/"'
    assert action in page
    assert "Translate into German" in page
    assert f'name="locales" value="{status.locale.pk}"' in page

    response = client.post(
        f"/admin/localize/submit/page/{entry.source_id}/", {"locales": [status.locale.pk]}
    )
    english = Page.objects.get(pk=entry.source_id)
    german = english.get_translation(status.locale)
    assert not german.live
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{german.pk}/edit/"
    # The translator's editor for the new draft is wagtail-localize's translation editor.
    editor = client.get(response["Location"])
    assert editor.status_code == 200
    assert b"js-translation-editor" in editor.content


def test_the_dashboard_offers_no_translate_action_where_it_would_be_refused(client):
    editor = get_user_model().objects.create_user("dashboard-viewer", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    page = client.get("/admin/translations/de/").content.decode()
    assert "Translate into German" not in page
