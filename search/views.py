"""The search page (/<lang>/search/, also served as the material index page) and the
JSON API (/api/search/): same parameters, same engine, same results. When the search
engine cannot answer, both say so with a 503 and Retry-After, in the visitor's language."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search.api import search_payload
from search.forms import SORT_LABELS
from search.results import run_search

# Seconds a client should wait before asking again when the search engine is unavailable.
RETRY_AFTER = 30


def unavailable_message() -> str:
    return _("Search is temporarily unavailable. Please try again in a few minutes.")


def status_of(results) -> int:
    if not results.is_valid:
        return 400
    return 503 if results.unavailable else 200


def search_response(request, *, page=None):
    """Render the search page; 400 (with the form and its messages) on bad parameters,
    503 (with the form and a message) when the search engine cannot answer."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    results = run_search(request.GET, language)
    context = {
        "page": page,
        "results": results,
        "form": results.form,
        "sort_labels": SORT_LABELS,
        "clear_url": request.path,
        "heading": page.title if page else _("Search materials"),
    }
    if page is None:
        context["language_alternates"] = search_alternates(request, language)
    if results.unavailable:
        context["unavailable_message"] = unavailable_message()
    response = render(request, "search/search.html", context, status=status_of(results))
    if results.unavailable:
        response["Retry-After"] = str(RETRY_AFTER)
    return response


def search_alternates(request, current: str) -> list[dict]:
    """The same search in every partner language, for the switcher and hreflang."""
    query = request.GET.urlencode()
    alternates = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse("search")
        alternates.append(
            {
                "code": code,
                "name": name,
                "url": f"{url}?{query}" if query else url,
                "current": code == current,
            }
        )
    return alternates


@require_GET
def search_page(request):
    return search_response(request)


@require_GET
def search_api(request):
    language = request.GET.get("lang") or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        return JsonResponse(
            {"errors": {"lang": [f"Unknown language {language[:20]!r}."]}}, status=400
        )
    with translation.override(language):
        results = run_search(request.GET, language)
        if not results.is_valid:
            errors = {
                name: [str(m) for m in messages] for name, messages in results.form.errors.items()
            }
            return JsonResponse({"errors": errors}, status=400)
        if results.unavailable:
            response = JsonResponse({"errors": {"search": [unavailable_message()]}}, status=503)
            response["Retry-After"] = str(RETRY_AFTER)
            return response
        return JsonResponse(
            search_payload(request, results), json_dumps_params={"ensure_ascii": False}
        )
