"""Reports > Harvest runs > Start a harvest: the command's options as a form, run as the
background task.

With a background worker the run is queued and the listing shows it when it ends; with
the immediate task backend it runs inside the request and the editor lands on its report.
Refused options answer 400 with the reason on the form; nothing is queued.
"""

from django_tasks.base import TaskResultStatus

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from curation.material_import.access import can_import
from harvest.forms import HarvestForm
from harvest.tasks import harvest_repository


@require_http_methods(["GET", "POST"])
def start_harvest(request):
    if not can_import(request.user):
        raise PermissionDenied
    form = HarvestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = harvest_repository.enqueue(**form.arguments, user_id=request.user.pk)
        if result.status == TaskResultStatus.SUCCESSFUL:
            messages.success(request, _("The harvest has run; here is its report."))
            return redirect(reverse("harvest_run", args=[result.return_value]))
        if result.status == TaskResultStatus.FAILED:
            messages.error(request, _("The harvest could not start; try again later."))
        else:
            messages.success(
                request, _("Harvest queued: it is listed here with its report when it ends.")
            )
        return redirect(reverse("harvest_runs"))
    return TemplateResponse(
        request,
        "harvest/start.html",
        {"form": form, "page_title": _("Start a harvest"), "header_icon": "download"},
        status=400 if request.method == "POST" else 200,
    )
