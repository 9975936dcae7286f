"""One gate in front of every wagtail-localize admin URL: team members reach their languages only.

wagtail-localize checks `submit_translation` and "can edit this page / snippet type"; the
latter is true for a translator on every snippet of a type, and upstream never asks which
language a request touches. This middleware resolves the target language of each request
from its URL (the Translation, the translated page, or the locales a submit form posts) and
refuses with 403 before the view runs. It is keyed on URL routes, so it also guards this
project's own views that answer wagtail-localize's URLs (see wagtail_hooks), and a route it
does not know is refused to everyone but superusers: a new upstream URL stays closed until
someone decides who may use it.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from translation.access import may_publish, may_work_on, team_locale_ids

# Routes below the admin's "localize/" prefix that read no translation of any one language.
OPEN_ROUTES = frozenset(
    {
        "jsi18n/",
        # Lists translations; the view itself shows team members their languages only.
        "reports/translations/",
        "reports/translations/results/",
        # Read-only listing of (source) snippets for the chooser in the translation editor.
        "api/snippets/<slug:app_label>/<slug:model_name>/",
        "api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
    }
)


def _translation(request, kwargs) -> None:
    translation = (
        Translation.objects.filter(pk=kwargs["translation_id"]).only("target_locale_id").first()
    )
    if translation is not None and not may_work_on(request.user, translation.target_locale_id):
        raise PermissionDenied


def _submit(request, kwargs) -> None:
    """The form offers the user's languages; a posted locale outside them is refused."""
    allowed = team_locale_ids(request.user)
    if allowed is None:
        return
    if not allowed:
        raise PermissionDenied
    if request.method == "POST":
        posted = request.POST.getlist("locales")
        if any(not value.isdigit() or int(value) not in allowed for value in posted):
            raise PermissionDenied


def _update(request, kwargs) -> None:
    """Syncing is a source-side action: its editors and the teams of its languages may ask.

    What a sync then does to each language is decided by the view (ReviewedUpdateTranslationsView).
    """
    if team_locale_ids(request.user) is None:
        return
    source = TranslationSource.objects.filter(pk=kwargs["translation_source_id"]).first()
    if source is None:
        return
    targets = source.translations.filter(enabled=True).values_list("target_locale_id", flat=True)
    if any(may_work_on(request.user, locale_id) for locale_id in targets):
        return
    instance = source.get_source_instance()
    if isinstance(instance, Page) and instance.permissions_for_user(request.user).can_edit():
        return
    raise PermissionDenied


def _convert_to_alias(request, kwargs) -> None:
    """An alias shows the source text live in the page's language: a publisher's decision."""
    page = Page.objects.filter(pk=kwargs["page_id"]).first()
    if page is not None and not may_publish(request.user, page):
        raise PermissionDenied


CHECKS: dict[str, Callable] = {
    "submit/page/<int:page_id>/": _submit,
    "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/": _submit,
    "update/<int:translation_source_id>/": _update,
    "translate/<int:translation_id>/strings/<int:string_segment_id>/edit/": _translation,
    "translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/": _translation,
    "translate/<int:translation_id>/pofile/download/": _translation,
    "translate/<int:translation_id>/pofile/upload/": _translation,
    "translate/<int:translation_id>/machine_translate/": _translation,
    "translate/<int:translation_id>/preview/": _translation,
    "translate/<int:translation_id>/preview/<str:mode>/": _translation,
    "translate/<int:translation_id>/disable/": _translation,
    "page/<int:page_id>/convert_to_alias/": _convert_to_alias,
}


def localize_route(route: str) -> str | None:
    """The part of a URL route below wagtail-localize's admin prefix, or None elsewhere."""
    prefix = reverse("wagtailadmin_home").lstrip("/") + "localize/"
    return route[len(prefix) :] if route.startswith(prefix) else None


class LocalizeTeamGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        route = localize_route(match.route) if match is not None else None
        if route is None or route in OPEN_ROUTES:
            return None
        if not request.user.is_authenticated:
            return None  # the admin's own login redirect answers
        if request.user.is_superuser:
            return None
        check = CHECKS.get(route)
        if check is None:
            raise PermissionDenied
        check(request, view_kwargs)
        return None
