"""Admin wiring of the link check (the report, Check now, the Reports menu item) and the
material page's answer to "has the original link been dead for four weeks?"."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from link_check import check_now, notice
from link_check.access import may_check_links
from link_check.report import BrokenLinksReportView
from materials.extension_points import ORIGINAL_LINK_DEAD_SINCE


class BrokenLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return may_check_links(request.user)


@hooks.register("register_admin_urls")
def register_link_check_urls():
    return [
        path("reports/broken-links/", BrokenLinksReportView.as_view(), name="link_check_report"),
        path(
            "reports/broken-links/results/",
            BrokenLinksReportView.as_view(results_only=True),
            name="link_check_report_results",
        ),
        path("reports/broken-links/check/", check_now.check_now, name="link_check_now"),
    ]


@hooks.register("register_reports_menu_item")
def register_broken_links_menu_item():
    return BrokenLinksMenuItem(
        _("Broken links"), reverse("link_check_report"), icon_name="link", order=800
    )


@hooks.register(ORIGINAL_LINK_DEAD_SINCE)
def original_link_dead_since(page):
    return notice.original_link_dead_since(page)
