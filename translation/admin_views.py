"""The Translations dashboard in the admin: an overview, one page per language, CSV exports.

Team members see their own languages only; superusers and admin users outside any team see
every language. A translator or reviewer of a single language lands straight on it.
"""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail_localize.machine_translators import get_machine_translator

from materials.models import Partner
from translation.access import may_work_on
from translation.dashboard import (
    CATEGORIES,
    UNTRANSLATED,
    language_counts,
    language_listing,
    language_statuses,
    partner_locales,
)
from translation.models import LanguageTeam
from translation.review_decision import APPROVE, DecisionRefused, decide
from translation.review_queue import awaiting_review
from translation.tasks import pretranslate_language_task

PAGE_SIZE = 50


def visible_locale_ids(user) -> set[int] | None:
    """Locale ids the user may see on the dashboard; None means every language."""
    if user.is_superuser:
        return None
    return LanguageTeam.locales_of(user) or None


def _language(request, code: str):
    """The source locale, the partner language and its locale, if the user may see it."""
    source, pairs = partner_locales()
    language, locale = next(((lang, loc) for lang, loc in pairs if lang.code == code), (None, None))
    if locale is None:
        raise Http404
    allowed = visible_locale_ids(request.user)
    if allowed is not None and locale.pk not in allowed:
        raise PermissionDenied
    return source, language, locale


def _language_status(request, code: str):
    _source, _language_unused, locale = _language(request, code)
    return language_statuses({locale.pk})[0]


class DashboardFilters(forms.Form):
    """The language page's filters. The untranslated list is ordered by demand (translation
    requests for the language): see translation.dashboard.demand_ordering."""

    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=CATEGORIES, required=False)
    partner = forms.ModelChoiceField(
        label=gettext_lazy("Partner"),
        queryset=Partner.objects.none(),
        required=False,
        empty_label=gettext_lazy("All partners"),
    )
    requested = forms.BooleanField(label=gettext_lazy("Requested by visitors"), required=False)

    def __init__(self, *args, source_locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Materials point at the canonical (source-locale) partner records.
        self.fields["partner"].queryset = Partner.objects.filter(locale=source_locale).order_by(
            "institution"
        )


# What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"), tab and
# carriage return included: some programs strip them and then see the "=" behind.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """Titles are typed by editors: keep spreadsheets from running any text cell as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class _SafeWriter:
    """csv.writer whose every text cell goes through _cell: no row can skip it."""

    def __init__(self, response):
        self._writer = csv.writer(response)

    def writerow(self, row):
        self._writer.writerow([_cell(value) for value in row])


def _csv_response(filename: str) -> tuple[HttpResponse, _SafeWriter]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response, _SafeWriter(response)


class OverviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translation/dashboard_overview.html"
    page_title = gettext_lazy("Translations")
    header_icon = "globe"

    def get(self, request, *args, **kwargs):
        locale_ids = visible_locale_ids(request.user)
        self.statuses = language_counts(locale_ids)
        if locale_ids is not None and len(self.statuses) == 1:
            code = self.statuses[0].locale.language_code
            return redirect("translation_dashboard:language", code=code)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = CATEGORIES
        context["rows"] = [
            (status, [status.counts[category] for category, _label in CATEGORIES])
            for status in self.statuses
        ]
        return context


class LanguageView(WagtailAdminTemplateMixin, TemplateView):
    """One language: its counts per status, and one status's pages, 50 a page."""

    template_name = "translation/dashboard_language.html"
    header_icon = "globe"

    def get(self, request, *args, **kwargs):
        source_locale, language, locale = _language(request, kwargs["code"])
        self.filters = DashboardFilters(request.GET, source_locale=source_locale)
        if not self.filters.is_valid():
            self.status = language_listing(source_locale, language, locale, UNTRANSLATED)
            response = super().get(request, *args, **kwargs)
            response.status_code = 400
            return response
        self.category = self.filters.cleaned_data["status"] or UNTRANSLATED
        partner = self.filters.cleaned_data["partner"]
        self.status = language_listing(
            source_locale,
            language,
            locale,
            self.category,
            partner.pk if partner else None,
            requested_only=self.filters.cleaned_data["requested"],
        )
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Translations: %(language)s") % {"language": self.status.language.english_name}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("translation_dashboard:overview"), "label": _("Translations")},
            {"url": "", "label": self.status.language.english_name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status"] = self.status
        # The guard on wagtail-localize's submit view decides; this only hides a button
        # that would be refused (admin users outside every team see all languages).
        context["can_translate"] = may_work_on(self.request.user, self.status.locale.pk)
        context["can_pretranslate"] = get_machine_translator() is not None
        context["filters"] = self.filters
        context["awaiting_review"], context["more_awaiting_review"] = awaiting_review(
            self.request.user, self.status.locale
        )
        if self.filters.is_valid():
            context["category"] = self.category
            context["tabs"] = [
                (category, label, self.status.counts[category]) for category, label in CATEGORIES
            ]
            paginator = Paginator(self.status.entries, PAGE_SIZE)
            context["entries"] = paginator.get_page(self.request.GET.get("page"))
        return context


@require_POST
def pretranslate(request, code):
    """Queue machine pre-translation of every pending page of one language."""
    _source, language, locale = _language(request, code)
    if not may_work_on(request.user, locale.pk):
        raise PermissionDenied
    target = reverse("translation_dashboard:language", args=[code]) + "?status=in_progress"
    if get_machine_translator() is None:
        messages.error(request, _("No machine translator is configured."))
        return redirect(target)
    pretranslate_language_task.enqueue(locale.pk, request.user.pk)
    messages.success(
        request,
        _(
            "Machine pre-translation of the pending %(language)s pages has started. The pages"
            " stay drafts until reviewed."
        )
        % {"language": language.english_name},
    )
    return redirect(target)


@require_POST
def review_decision(request, code, page_id):
    """Approve or reject (with a comment) a page of this language from the dashboard: plain
    form posts, no script needed. Refusals answer 4xx with the reason and change nothing."""
    _source, language, locale = _language(request, code)
    page = get_object_or_404(Page, pk=page_id, locale=locale).specific
    back = reverse("translation_dashboard:language", args=[code])
    action = request.POST.get("action", "")
    try:
        decide(page, request.user, action, request.POST.get("comment", ""))
    except DecisionRefused as refusal:
        return TemplateResponse(
            request,
            "translation/review_refused.html",
            {"message": str(refusal), "page": page, "back_url": back},
            status=refusal.status,
        )
    title = page.get_admin_display_title()
    if action == APPROVE:
        messages.success(request, _("'%(title)s' is approved and published.") % {"title": title})
    else:
        messages.success(
            request,
            _("'%(title)s' is sent back to the translator with your comment.") % {"title": title},
        )
    return redirect(back)


def overview_csv(request):
    response, writer = _csv_response("translations.csv")
    writer.writerow([_("Language"), _("Language code")] + [str(label) for _c, label in CATEGORIES])
    for status in language_counts(visible_locale_ids(request.user)):
        counts = [status.counts[category] for category, _label in CATEGORIES]
        writer.writerow([status.language.english_name, status.language.code] + counts)
    return response


def language_csv(request, code):
    status = _language_status(request, code)
    response, writer = _csv_response(f"translations-{status.language.code}.csv")
    writer.writerow([_("Status"), _("Title"), _("Percent translated"), _("Edit URL")])
    for category, label in CATEGORIES:
        for entry in status.lists[category]:
            percent = "" if entry.percent_done is None else entry.percent_done
            writer.writerow(
                [str(label), entry.title, percent, request.build_absolute_uri(entry.edit_url)]
            )
    return response
