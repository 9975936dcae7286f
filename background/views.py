"""Reports > Failed tasks: the background tasks that failed for good (retries used up or
an error no retry cures), newest first, with their error, for superusers only: a task's
arguments and traceback may name any object of the site."""

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

PAGE_SIZE = 50


def may_see_failed_tasks(user) -> bool:
    return user.is_active and user.is_superuser


class FailedTasksView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "background/failed_tasks.html"
    page_title = gettext_lazy("Failed tasks")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_failed_tasks(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by(
            "-finished_at"
        )
        page = Paginator(failed, PAGE_SIZE).get_page(self.request.GET.get("p"))
        context["page"] = page
        context["waiting_retry"] = (
            DBTaskResult.objects.filter(status=TaskResultStatus.READY)
            .exclude(exception_class_path="")
            .count()
        )
        return context
