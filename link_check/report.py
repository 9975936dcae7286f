"""Reports > Broken links: every page that uses a broken link, grouped by partner, with the
CSV and XLSX downloads Wagtail's own reports offer.

A row is one page's use of one link, since editors fix links page by page; a link used by
five pages is five rows, each with the link's status. Materials are grouped under their
source-language partner; catalogues and reviews, which belong to no partner, come last.
"""

from dataclasses import dataclass

import django_filters

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Locale, Page

from link_check.access import may_check_links
from link_check.models import CheckedLink, LinkUse
from materials.models import Partner

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value) -> str:
    """CSV text a spreadsheet will not run as a formula: a title such as "=HYPERLINK(...)"
    written by an editor stays text when the file is opened."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class BrokenLinksFilterSet(WagtailFilterSet):
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=lambda request: Partner.objects.filter(locale=Locale.get_default()),
        empty_label=_("All partners"),
    )
    problem = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[
            ("dead", _("Broken for four weeks or more")),
            ("moved", _("Moved permanently (update the link)")),
        ],
        empty_label=_("Broken now"),
        method="filter_problem",
    )

    class Meta:
        model = LinkUse
        fields = ["partner", "problem"]

    def filter_problem(self, queryset, name, value):
        if value == "dead":
            return queryset.filter(link__long_broken=True)
        if value == "moved":
            return queryset.exclude(link__final_url="")
        return queryset


class BrokenLinksReportView(ReportView):
    page_title = _("Broken links")
    header_icon = "link"
    results_template_name = "link_check/broken_links_results.html"
    index_url_name = "link_check_report"
    index_results_url_name = "link_check_report_results"
    filterset_class = BrokenLinksFilterSet
    paginate_by = 100
    export_filename = "broken-links"
    list_export = [
        "partner_name",
        "link.url",
        "problem",
        "link.first_failure_at",
        "link.last_checked_at",
        "link.consecutive_failures",
        "link.final_url",
        "page.title",
        "language",
        "field_label",
        "edit_url",
    ]
    export_headings = {
        "partner_name": _("Partner"),
        "link.url": _("Link"),
        "problem": _("Problem"),
        "link.first_failure_at": _("Failing since"),
        "link.last_checked_at": _("Last checked"),
        "link.consecutive_failures": _("Failures in a row"),
        "link.final_url": _("Moved permanently to"),
        "page.title": _("Page"),
        "language": _("Language"),
        "field_label": _("Where"),
        "edit_url": _("Edit"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # XLSX cells that look like formulas are stored as text by Wagtail already.
        text = {self.FORMAT_CSV: spreadsheet_text}
        self.custom_field_preprocess = {"page.title": text, "partner_name": text}

    def dispatch(self, request, *args, **kwargs):
        if not may_check_links(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        self.queryset = LinkUse.objects.select_related(
            "link", "page", "page__locale", "partner"
        ).order_by(
            F("partner__institution").asc(nulls_last=True),
            "link__normalised_url",
            "page__title",
            "pk",
        )
        return super().get_queryset()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.chosen_problem != "moved":
            queryset = queryset.filter(link__consecutive_failures__gt=0)
        return queryset

    @cached_property
    def chosen_problem(self) -> str:
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("problem") or ""
        return ""

    def decorate_paginated_queryset(self, object_list):
        return [Row.of(use) for use in object_list]

    def get_filename(self):
        return f"{self.export_filename}-{self.chosen_problem or 'broken'}"

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Check now"),
                url=reverse("link_check_now"),
                icon_name="resubmit",
                attrs={"data-link-check-now": ""},
            )
        ]


@dataclass(frozen=True)
class Row:
    """One page's use of a problem link, as the listing and the exports show it (both read
    the same values)."""

    link: CheckedLink
    page: Page
    partner_name: str
    problem: str
    language: str
    field_label: str
    edit_url: str

    @classmethod
    def of(cls, use: LinkUse) -> "Row":
        link, page = use.link, use.page
        return cls(
            link=link,
            page=page,
            partner_name=use.partner.institution if use.partner else str(_("No partner")),
            problem=link.problem_label() if link.is_broken else str(_("Moved permanently")),
            language=page.locale.get_display_name() if page.locale_id else "",
            field_label=str(use.get_field_display()),
            edit_url=reverse("wagtailadmin_pages:edit", args=[use.page_id]),
        )
