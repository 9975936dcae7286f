"""The review queue: pending pairs side by side, each with its decision form.

Only those who may decide see or use it (duplicates.access). A decision on an unknown pair
is a 404, an incomplete or unknown decision a 400 that shows the queue with the message at
the pair, a pair decided meanwhile by someone else a 409; nothing is written then.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from duplicates.access import can_decide
from duplicates.decisions import AlreadyDecided, decide
from duplicates.forms import DecisionForm, canonical_dimensions
from duplicates.models import DuplicatePair
from materials.models import MaterialFile

PAGE_SIZE = 20


def _deciders_only(request) -> None:
    if not can_decide(request.user):
        raise PermissionDenied


def pending_pairs():
    files = MaterialFile.objects.select_related("document").order_by("sort_order", "pk")
    return (
        DuplicatePair.objects.filter(decision="")
        .select_related("first__partner", "second__partner")
        .prefetch_related(
            Prefetch("first__files", queryset=files),
            Prefetch("second__files", queryset=files),
        )
        .order_by("flagged_at", "pk")
    )


def _queue_page(request, *, invalid=None, status=200):
    paginator = Paginator(pending_pairs(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("p"))
    invalid_pk = invalid.pair.pk if invalid is not None else None
    dimensions = canonical_dimensions()
    rows = [
        (
            pair,
            invalid if pair.pk == invalid_pk else DecisionForm(pair, dimension_choices=dimensions),
        )
        for pair in page.object_list
    ]
    if invalid is not None and all(pair.pk != invalid_pk for pair, _form in rows):
        rows.insert(0, (invalid.pair, invalid))
    return TemplateResponse(
        request,
        "duplicates/queue.html",
        {"rows": rows, "page": page, "total": paginator.count},
        status=status,
    )


@require_GET
def queue(request):
    _deciders_only(request)
    return _queue_page(request)


@require_POST
def decide_pair(request, pair_id: int):
    _deciders_only(request)
    pair = DuplicatePair.objects.select_related("first", "second").filter(pk=pair_id).first()
    if pair is None:
        raise Http404(_("There is no flagged pair with this number."))
    if not pair.is_pending:
        return _already_decided(request)
    form = DecisionForm(pair, request.POST)
    if not form.is_valid():
        return _queue_page(request, invalid=form, status=400)
    try:
        decide(pair.pk, form.cleaned_data, request.user)
    except AlreadyDecided:
        return _already_decided(request)
    messages.success(
        request,
        _("Decided: “%(first)s” and “%(second)s”.")
        % {"first": pair.first.title, "second": pair.second.title},
    )
    return redirect("duplicates_queue")


def _already_decided(request):
    return TemplateResponse(
        request,
        "duplicates/already_decided.html",
        {"message": _("This pair has already been decided; the queue shows what is left.")},
        status=409,
    )
