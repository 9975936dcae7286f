"""Reports > Metadata quality, shown to those who may curate materials."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from materials.curators import may_curate
from metadata_quality.views import ScorecardView, scorecard_csv


@hooks.register("register_admin_urls")
def register_scorecard_urls():
    return [
        path("reports/metadata-quality/", ScorecardView.as_view(), name="metadata_quality"),
        path(
            "reports/metadata-quality/<slug:table>.csv",
            scorecard_csv,
            name="metadata_quality_csv",
        ),
    ]


class CuratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_curate(request.user)


@hooks.register("register_reports_menu_item")
def register_scorecard_menu_item():
    return CuratorsMenuItem(
        _("Metadata quality"), reverse("metadata_quality"), icon_name="tasks", order=800
    )
