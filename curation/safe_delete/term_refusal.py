"""Deleting a taxonomy term that pages use is refused, on Wagtail's own delete screens.

Wagtail's single and bulk snippet deletes both run `before_delete_snippet`; answering it
with a page stops the deletion. That page shows the term's real usage in every language
(curation.safe_delete.term_usage) and offers the merge instead. A GET shows it (200); a
POST that would delete answers 409. A translated label that no page links to directly may
be deleted; deleting an unused source term also deletes its translations, which would
otherwise be left behind with nothing to translate.
"""

from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.models import Locale

from curation.safe_delete.term_relations import TERM_MODELS
from curation.safe_delete.term_usage import term_usage


def refuse_deleting_terms_in_use(request, instances):
    usages = [term_usage(term) for term in instances if isinstance(term, TERM_MODELS)]
    used = [usage for usage in usages if usage.in_use and usage.term.pk == usage.canonical.pk]
    if not used:
        return None
    for usage in used:
        usage.merge_url = merge_url(usage.term)  # type: ignore[attr-defined]
    return TemplateResponse(
        request,
        "curation/term_in_use.html",
        {"usages": used},
        status=409 if request.method == "POST" else 200,
    )


def delete_orphaned_translations(request, instances):
    """`after_delete_snippet`: a deleted source term takes its translated labels along."""
    default = Locale.get_default()
    for term in instances:
        if isinstance(term, TERM_MODELS) and term.locale_id == default.pk:
            type(term).objects.filter(translation_key=term.translation_key).delete()


def merge_url(term) -> str:
    opts = term._meta
    return reverse("curation_term_merge", args=(opts.app_label, opts.model_name, term.pk))
