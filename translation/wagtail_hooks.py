"""Admin rules for translation teams: their own language only, publishing by reviewers only."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import TranslatableMixin
from wagtail_localize import wagtail_hooks as localize_hooks

from materials.extension_points import (
    ANNOTATE_CARDS_MACHINE_TEXT,
    CARD_MACHINE_TEXT,
    MATERIAL_MACHINE_INDEX_TEXT,
)
from translation import listing_buttons
from translation.access import team_locale_ids
from translation.machine_text import index_texts, machine_text, with_machine_text
from translation.po_upload import checked_upload_pofile
from translation.review import submit_url_for
from translation.team_views import (
    TeamSubmitPageTranslationView,
    TeamSubmitSnippetTranslationView,
    TeamTranslationsReportView,
)
from translation.views import ReviewedUpdateTranslationsView, SubmitForReviewView


@hooks.register("register_admin_urls", order=-10)
def register_reviewed_update_translations():
    # Ordered before wagtail_localize's own URL hook (order 0), whichever module registers
    # first, so these patterns answer the same URLs that reverse("wagtail_localize:...")
    # gives. The team guard (translation.localize_guard) is keyed on these routes and checks
    # them all. tests/translation/test_localize_guard.py resolves each URL to these views.
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            ReviewedUpdateTranslationsView.as_view(),
            name="reviewed_update_translations",
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            TeamSubmitPageTranslationView.as_view(),
            name="team_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            TeamSubmitSnippetTranslationView.as_view(),
            name="team_submit_snippet_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            checked_upload_pofile,
            name="checked_upload_pofile",
        ),
        path(
            "localize/reports/translations/",
            TeamTranslationsReportView.as_view(),
            name="team_translations_report",
        ),
        path(
            "localize/reports/translations/results/",
            TeamTranslationsReportView.as_view(results_only=True),
            name="team_translations_report_results",
        ),
        path(
            "translation/review/<int:page_id>/submit/",
            SubmitForReviewView.as_view(),
            name="translation_submit_for_review",
        ),
    ]


@hooks.register("register_page_header_buttons")
def submit_for_review_button(page, user, view_name, next_url=None):
    """'Submit for review' on translated pages that can go to their language's reviewers."""
    url = submit_url_for(page, user)
    if url is None:
        return
    yield Button(_("Submit for review"), url, icon_name="tasks", priority=12)


def _check_snippet_locale(request, instance):
    """Team members edit taxonomy labels of their own languages only; others are unaffected."""
    if request.user.is_superuser or not isinstance(instance, TranslatableMixin):
        return None
    locales = team_locale_ids(request.user)
    if locales and instance.locale_id not in locales:
        raise PermissionDenied
    return None


# Before wagtail-localize's own before_edit_snippet, which answers a translated snippet with
# its translation editor and so would end the hooks before this check ran.
hooks.register("before_edit_snippet", _check_snippet_locale, order=-10)


@hooks.register("register_admin_urls")
def register_translation_dashboard_urls():
    from django.urls import include

    from translation import admin_views

    patterns = [
        path("", admin_views.OverviewView.as_view(), name="overview"),
        path("csv/", admin_views.overview_csv, name="overview_csv"),
        path("<str:code>/", admin_views.LanguageView.as_view(), name="language"),
        path("<str:code>/csv/", admin_views.language_csv, name="language_csv"),
        path("<str:code>/pretranslate/", admin_views.pretranslate, name="pretranslate"),
        path(
            "<str:code>/review/<int:page_id>/",
            admin_views.review_decision,
            name="review_decision",
        ),
    ]
    return [
        path(
            "translations/",
            include((patterns, "translation_dashboard"), namespace="translation_dashboard"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_translation_dashboard_menu_item():
    from django.utils.translation import gettext_lazy

    from wagtail.admin.menu import MenuItem

    return MenuItem(
        gettext_lazy("Translations"),
        reverse("translation_dashboard:overview"),
        name="translations",
        icon_name="globe",
        order=250,
    )


# wagtail-localize's listing buttons give way to the same buttons read from the listing's
# query (translation.listing_buttons). Wagtail has no public way to unregister a hook; the
# test of the listing checks that the upstream function is no longer registered.
hooks._hooks["register_page_listing_more_buttons"].remove(
    (localize_hooks.page_listing_more_buttons, 0)
)
hooks.register("register_page_listing_more_buttons", listing_buttons.page_listing_more_buttons)
hooks.register("construct_explorer_page_queryset", listing_buttons.annotate_translation_state)

hooks.register(ANNOTATE_CARDS_MACHINE_TEXT, with_machine_text)
hooks.register(CARD_MACHINE_TEXT, machine_text)
hooks.register(MATERIAL_MACHINE_INDEX_TEXT, index_texts)
