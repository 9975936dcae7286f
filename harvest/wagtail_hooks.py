"""The harvest runs report in Wagtail's Reports menu, for those who may import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from curation.material_import.access import can_import
from harvest.start import start_harvest
from harvest.views import HarvestRunsView, HarvestRunView


class HarvestRunsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_urls")
def register_harvest_urls():
    return [
        path("reports/harvests/", HarvestRunsView.as_view(), name="harvest_runs"),
        path("reports/harvests/<int:pk>/", HarvestRunView.as_view(), name="harvest_run"),
        path("reports/harvests/start/", start_harvest, name="harvest_start"),
    ]


@hooks.register("register_reports_menu_item")
def register_harvest_runs_menu_item():
    return HarvestRunsMenuItem(
        _("Harvest runs"), reverse("harvest_runs"), icon_name="download", order=800
    )
