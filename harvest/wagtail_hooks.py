"""The harvest's admin: the runs and the deleted-at-the-source reports in Wagtail's Reports
menu, for those who may import, and the warning on such a material's edit view."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from curation.material_import.access import can_import
from harvest.deleted_at_source import deleted_since
from harvest.start import start_harvest
from harvest.views import DeletedAtSourceView, HarvestRunsView, HarvestRunView
from materials.models import MaterialPage


class HarvestRunsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_urls")
def register_harvest_urls():
    return [
        path("reports/harvests/", HarvestRunsView.as_view(), name="harvest_runs"),
        path("reports/harvests/<int:pk>/", HarvestRunView.as_view(), name="harvest_run"),
        path("reports/harvests/start/", start_harvest, name="harvest_start"),
        path(
            "reports/deleted-at-source/",
            DeletedAtSourceView.as_view(),
            name="harvest_deleted_at_source",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_harvest_runs_menu_item():
    return HarvestRunsMenuItem(
        _("Harvest runs"), reverse("harvest_runs"), icon_name="download", order=800
    )


@hooks.register("register_reports_menu_item")
def register_deleted_at_source_menu_item():
    return HarvestRunsMenuItem(
        _("Deleted at the source"),
        reverse("harvest_deleted_at_source"),
        icon_name="warning",
        order=810,
    )


@hooks.register("before_edit_page")
def warn_when_deleted_at_source(request, page):
    """The edit view of a harvested material says when its source deleted it (one query,
    on material pages only; the page itself is not changed)."""
    if request.method != "GET" or not isinstance(page, MaterialPage):
        return
    since = deleted_since(page.pk)
    if since:
        messages.warning(
            request,
            gettext(
                "Its repository deleted this material's record (first seen by the harvest "
                "of %(date)s). Decide whether to keep, unpublish or delete it."
            )
            % {"date": date_format(localtime(since), "DATE_FORMAT")},
        )
