"""/<lang>/quality-check/ (the form, or the profile when the URL holds answers) and
/<lang>/quality-check/profile.pdf (the same profile as a PDF).

Both are plain GET views: the answers live in the URL, which can be shared; nothing is
stored and no login is needed. A URL with bad answers (hand-edited or cut short) gets the
form back with the visitor's answers and a message per problem, as a 400. Only the empty
form may be kept by the page cache (marked without its query string): a profile is
never stored, whatever its URL.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from materials.locale_codes import language_of
from materials.localization import active_language
from materials.models.fallback import url_in_language
from page_cache.marking import cacheable
from quality_check import answers
from quality_check.criteria import criteria_for
from quality_check.pdf import FontMissing, profile_pdf
from quality_check.profile import build_profile
from quality_check.recommendations import help_for
from quality_check.scale import LEVELS

PDF_FILENAME = "quality-self-check.pdf"


def page_title() -> str:
    return _("Quality self-check for a PD activity")


def answer_query(submission) -> str:
    """The query string of a valid submission, in the criteria's order (the shared URL)."""
    pairs = []
    for answer in submission.answers:
        pairs.append((answer.rating_name, str(answer.score)))
        if answer.note:
            pairs.append((answer.note_name, answer.note))
    return urlencode(pairs)


def alternates(request, view_name: str) -> list[dict]:
    """The same check (answers included) in every partner language, for the switcher."""
    query = request.GET.urlencode()
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse(view_name)
        links.append(
            {
                "code": code,
                "name": name,
                "url": f"{url}?{query}" if query else url,
                "current": code == current,
                "fallback": False,
            }
        )
    return links


def evaluate(request):
    """(criteria, submission, profile, help) for the request; profile None when the form
    is to be shown (empty, or with errors)."""
    language = active_language() or settings.LANGUAGE_CODE
    criteria = criteria_for(language)
    if not answers.is_submitted(request.GET):
        return criteria, answers.blank(criteria), None, {}
    submission = answers.read(request.GET, criteria)
    if not submission.is_valid or not criteria:
        return criteria, submission, None, {}
    profile = build_profile(submission.answers)
    weak_ids = [answer.criterion.canonical_pk for answer in profile.weakest]
    return criteria, submission, profile, help_for(weak_ids, language)


def render_check(request, criteria, submission, profile, help_by_criterion):
    status = 200
    if answers.is_submitted(request.GET) and profile is None:
        status = 400
    query = answer_query(submission) if profile else ""
    context = {
        "title": page_title(),
        "criteria": criteria,
        "submission": submission,
        "profile": profile,
        "help_by_criterion": help_by_criterion,
        "weak_items": [
            (answer, help_by_criterion.get(answer.criterion.canonical_pk))
            for answer in (profile.weakest if profile else [])
        ],
        "levels": LEVELS,
        "note_max_length": answers.NOTE_MAX_LENGTH,
        "share_url": request.build_absolute_uri(f"{request.path}?{query}") if query else "",
        "pdf_url": f"{reverse('quality-check-pdf')}?{query}" if query else "",
        "language_alternates": alternates(request, "quality-check"),
    }
    response = render(request, "quality_check/check.html", context, status=status)
    if answers.is_submitted(request.GET):
        # The answers are the visitor's; shared caches and search engines keep out.
        response["Cache-Control"] = "private, no-cache"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
@cacheable(with_query=False)
def quality_check(request):
    return render_check(request, *evaluate(request))


@require_GET
def quality_check_pdf(request):
    criteria, submission, profile, help_by_criterion = evaluate(request)
    if profile is None:
        if not answers.is_submitted(request.GET):
            submission.errors.append(_("Rate every criterion first: the PDF shows your profile."))
        response = render_check(request, criteria, submission, None, {})
        response.status_code = 400
        return response
    language = active_language() or settings.LANGUAGE_CODE

    def page_url(page) -> str:
        url = url_in_language(page.get_url(request), language_of(page), language)
        return request.build_absolute_uri(url)

    share = request.build_absolute_uri(f"{reverse('quality-check')}?{answer_query(submission)}")
    try:
        content = profile_pdf(
            title=page_title(),
            profile=profile,
            help_by_criterion=help_by_criterion,
            page_url=page_url,
            share_url=share,
        )
    except FontMissing:
        return HttpResponse(
            _("The PDF cannot be made on this server right now; print the page instead."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{PDF_FILENAME}"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
