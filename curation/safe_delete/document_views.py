"""The admin's document deletion, refused while any revision of any page uses the document.

These views take the place of Wagtail's at the same URLs (curation's admin URLs are
registered before wagtail.documents'), so every link to "delete" reaches them. A refusal
lists the pages, drafts included, and answers 409 to a POST; nothing is deleted.
"""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.documents.views import documents, multiple

from curation.safe_delete.document_usage import document_usage


class DocumentDeleteView(documents.DeleteView):
    template_name = "curation/document_delete.html"

    def get_usage(self):
        return document_usage(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["usage_count"] = self.usage.count()
        context["is_protected"] = self.usage.in_use
        context["document_usage"] = self.usage
        return context

    def form_valid(self, form):
        if self.usage.in_use:
            context = self.get_context_data()
            return TemplateResponse(self.request, self.template_name, context, status=409)
        return super().form_valid(form)


class MultipleDocumentDeleteView(multiple.DeleteView):
    """The delete button beside a just-uploaded document (a POST answered in JSON)."""

    def post(self, request, *args, **kwargs):
        model = self.get_model()
        document = model.objects.filter(pk=kwargs[self.pk_url_kwarg]).first()
        if document is not None and document_usage(document).in_use:
            return JsonResponse({"success": False, "error_message": in_use_message()}, status=409)
        return super().post(request, *args, **kwargs)


def in_use_message() -> str:
    return _("This document is used by a page or a draft, so it cannot be deleted.")


def refuse_bulk_delete_of_used_documents(request, action_type, objects, action_class_instance):
    """`before_bulk_action`: the bulk "delete" of documents stops if any of them is used."""
    if action_type != "delete" or not objects:
        return None
    if not isinstance(objects[0], get_document_model()):
        return None
    used = [document for document in objects if document_usage(document).in_use]
    if not used:
        return None
    return TemplateResponse(
        request,
        "curation/documents_in_use.html",
        {"documents": used, "message": in_use_message()},
        status=409,
    )
