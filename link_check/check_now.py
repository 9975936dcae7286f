"""Reports > Broken links > Check now: queue a link check for the background worker.

A confirmation screen (GET) and the queueing (POST), so a link followed by a crawler or
prefetched by a browser starts nothing. With the immediate task backend (development) the
check runs inside the request and the message gives its counts.
"""

from django_tasks import TaskResultStatus

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from wagtail.models import Locale

from link_check.access import may_check_links
from link_check.tasks import check_links
from materials.models import Partner


class CheckNowForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=gettext_lazy("Partner"),
        queryset=Partner.objects.none(),
        required=False,
        empty_label=gettext_lazy("All partners"),
        help_text=gettext_lazy("Only this partner's materials; empty for every link."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partner = self.fields["partner"]
        assert isinstance(partner, forms.ModelChoiceField)
        partner.queryset = Partner.objects.filter(locale=Locale.get_default())


@require_http_methods(["GET", "POST"])
def check_now(request):
    if not may_check_links(request.user):
        raise PermissionDenied
    form = CheckNowForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        partner = form.cleaned_data["partner"]
        result = check_links.enqueue(partner=partner.slug if partner else None)
        if result.status == TaskResultStatus.SUCCESSFUL:
            messages.success(
                request,
                _("Link check done: %(checked)d checked, %(broken)d broken.") % result.return_value,
            )
        elif result.status == TaskResultStatus.FAILED:
            messages.error(request, _("The link check failed; try again later."))
        else:
            messages.success(
                request, _("Link check queued: the report shows its results when it is done.")
            )
        return redirect(reverse("link_check_report"))
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "link_check/check_now.html",
        {"form": form, "page_title": _("Check links now"), "header_icon": "link"},
        status=status,
    )
