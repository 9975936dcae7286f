"""Admin rules for translation teams: their own language only, publishing by reviewers only."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from wagtail import hooks
from wagtail.models import TranslatableMixin

from translation.models import LanguageTeam
from translation.views import ReviewedUpdateTranslationsView


@hooks.register("register_admin_urls")
def register_reviewed_update_translations():
    # Registered before wagtail_localize's own hooks (INSTALLED_APPS order), so this
    # pattern answers the same URL that reverse("wagtail_localize:update_translations") gives.
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            ReviewedUpdateTranslationsView.as_view(),
            name="reviewed_update_translations",
        )
    ]


def _check_snippet_locale(request, instance):
    """Team members edit taxonomy labels of their own languages only; others are unaffected."""
    if request.user.is_superuser or not isinstance(instance, TranslatableMixin):
        return None
    locales = LanguageTeam.locales_of(request.user)
    if locales and instance.locale_id not in locales:
        raise PermissionDenied
    return None


hooks.register("before_edit_snippet", _check_snippet_locale)
