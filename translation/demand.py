"""Visitors ask for a page in their language: counted once per browser session, nothing stored
about them.

The button sits on a page shown in its source language (see translation/templatetags). It is
a plain form POST (works without JavaScript, protected by Django's CSRF check) that answers
with a redirect back to the page, which then says the request was counted.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Locale, Page

from translation.models import TranslationDemand

SESSION_KEY = "translation_requests"


def session_marker(translation_key, language_code: str) -> str:
    return f"{translation_key}:{language_code}"


def already_requested(request, translation_key, language_code: str) -> bool:
    """Whether this browser session asked for it; reads the session only if one exists."""
    if not request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return False
    markers = request.session.get(SESSION_KEY, [])
    return session_marker(translation_key, language_code) in markers


def count_request(translation_key, locale: Locale) -> None:
    with transaction.atomic():
        demand, _created = TranslationDemand.objects.get_or_create(
            translation_key=translation_key, locale=locale
        )
        TranslationDemand.objects.filter(pk=demand.pk).update(count=F("count") + 1)


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


@require_POST
def request_translation(request):
    """POST page=<id>, next=<the page's URL>: one more visitor wants the page in this language."""
    language = get_language()
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return _bad_request(_("This language has no content to translate into."))
    try:
        page_id = int(request.POST.get("page", ""))
    except ValueError:
        return _bad_request(_("Say which page should be translated."))
    page = Page.objects.live().filter(pk=page_id).select_related("locale").first()
    if page is None:
        return _bad_request(_("There is no such page."))
    if page.locale_id == locale.pk:
        return _bad_request(_("This page is already in your language."))
    if Page.objects.live().filter(translation_key=page.translation_key, locale=locale).exists():
        return _bad_request(_("This page has already been translated into your language."))

    requested = request.session.get(SESSION_KEY, [])
    marker = session_marker(page.translation_key, language)
    if marker not in requested:
        count_request(page.translation_key, locale)
        request.session[SESSION_KEY] = [*requested, marker]

    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = page.get_url(request)
    return HttpResponseRedirect(next_url, status=303)
