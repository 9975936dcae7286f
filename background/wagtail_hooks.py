"""The failed-task report in Wagtail's Reports menu, shown to superusers only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from background.views import FailedTasksView


@hooks.register("register_admin_urls")
def register_failed_tasks_url():
    return [path("reports/failed-tasks/", FailedTasksView.as_view(), name="failed_tasks")]


@hooks.register("register_reports_menu_item")
def register_failed_tasks_menu_item():
    return AdminOnlyMenuItem(
        _("Failed tasks"), reverse("failed_tasks"), icon_name="warning", order=900
    )
