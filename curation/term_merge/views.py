"""The admin's "Merge into…" screen for a taxonomy term.

Who may delete a taxonomy's terms may merge them (a merge ends in a delete); translators,
who may only change labels, may not. Only source-language terms are merged: pages link to
those, and the translated labels follow them.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from curation.safe_delete.term_relations import TERM_MODELS
from curation.safe_delete.term_usage import canonical_term, term_usage
from curation.term_merge.merge import MergeRefused, merge_term


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=None,  # set per source term
        label=gettext_lazy("Merge into"),
        help_text=gettext_lazy(
            "Every page, draft and translation that uses this term will use the chosen one; "
            "then this term is deleted."
        ),
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            type(source).objects.filter(locale=source.locale).exclude(pk=source.pk)
        )


def term_model(app_label: str, model_name: str):
    for model in TERM_MODELS:
        if (model._meta.app_label, model._meta.model_name) == (app_label, model_name):
            return model
    raise Http404


def can_merge(user, model) -> bool:
    opts = model._meta
    return user.is_active and user.has_perm(f"{opts.app_label}.delete_{opts.model_name}")


def listing_url(model) -> str:
    return model.snippet_viewset.get_url_name("list")


@require_http_methods(["GET", "POST"])
def merge(request, app_label, model_name, pk):
    model = term_model(app_label, model_name)
    if not can_merge(request.user, model):
        raise PermissionDenied
    source = get_object_or_404(model, pk=pk)
    context = {"source": source, "opts": model._meta, "listing_url": listing_url(model)}
    if canonical_term(source).pk != source.pk:
        context["message"] = _(
            "This is a translated label. Merge the source-language term; "
            "its translations follow it."
        )
        return TemplateResponse(request, "curation/term_merge.html", context, status=400)
    form = MergeForm(request.POST if request.method == "POST" else None, source=source)
    context.update(form=form, usage=term_usage(source))
    if request.method == "GET":
        return TemplateResponse(request, "curation/term_merge.html", context)
    if not form.is_valid():
        return TemplateResponse(request, "curation/term_merge.html", context, status=400)
    target = form.cleaned_data["target"]
    try:
        report = merge_term(source, target)
    except MergeRefused as error:
        context["message"] = str(error)
        return TemplateResponse(request, "curation/term_merge.html", context, status=400)
    messages.success(
        request,
        _(
            "'%(source)s' was merged into '%(target)s': %(pages)d pages and %(drafts)d drafts "
            "now use it; %(moved)d translations moved, %(dropped)d dropped."
        )
        % {
            "source": source,
            "target": target,
            "pages": report.pages,
            "drafts": report.drafts,
            "moved": report.translations_moved,
            "dropped": report.translations_dropped,
        },
    )
    return redirect(listing_url(model))
