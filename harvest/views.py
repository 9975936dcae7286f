"""Reports > Harvest runs: every run, newest first, and one run's full report.

Read-only. Shown to those who may import materials (superusers and editors of the
source-language tree, curation.material_import.access): a run lists refused records and
drafts, which translators and reviewers have no business with.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from curation.material_import.access import can_import
from harvest.deleted_at_source import marked_materials
from harvest.models import HarvestRun
from harvest.report import summary

PAGE_SIZE = 50


class _EditorsOnlyView(WagtailAdminTemplateMixin, TemplateView):
    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class HarvestRunsView(_EditorsOnlyView):
    template_name = "harvest/runs.html"
    page_title = gettext_lazy("Harvest runs")
    header_icon = "download"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = Paginator(HarvestRun.objects.all(), PAGE_SIZE).get_page(
            self.request.GET.get("p")
        )
        return context


class HarvestRunView(_EditorsOnlyView):
    template_name = "harvest/run.html"
    page_title = gettext_lazy("Harvest run")
    header_icon = "download"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = get_object_or_404(HarvestRun, pk=self.kwargs["pk"])
        context["run"] = run
        context["summary"] = summary(run)
        return context


class DeletedAtSourceView(_EditorsOnlyView):
    """Harvested materials whose record their repository deleted, oldest first: the ones
    waiting longest for an editor's decision."""

    template_name = "harvest/deleted_at_source.html"
    page_title = gettext_lazy("Deleted at the source")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = Paginator(marked_materials(), PAGE_SIZE).get_page(
            self.request.GET.get("p")
        )
        return context
