"""Reports > Metadata quality, and its two tables as CSV, for those who may curate
materials: the same people who may import them (superusers and editors)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from materials.curators import may_curate
from metadata_quality.export import rows_as_csv
from metadata_quality.scorecard import build_scorecard
from metadata_quality.weights import SCORED_FIELDS

TABLES = ("partners", "languages")


class CuratorsOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_curate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScorecardView(CuratorsOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "metadata_quality/scorecard.html"
    page_title = gettext_lazy("Metadata quality")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["scorecard"] = build_scorecard()
        context["weights"] = sorted(SCORED_FIELDS, key=lambda f: -f.weight)
        return context


def scorecard_csv(request, table: str):
    if not may_curate(request.user):
        raise PermissionDenied
    if table not in TABLES:
        raise Http404
    scorecard = build_scorecard()
    rows = (
        scorecard.partners + [scorecard.partner_total]
        if table == "partners"
        else scorecard.languages
    )
    response = HttpResponse(rows_as_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="metadata-quality-{table}.csv"'
    return response
