"""Admin wiring of the curation tools: URLs, menu items and buttons shown to those who may
use them, and the hooks that keep deletions safe (curation.safe_delete).

The document delete URLs here take the place of Wagtail's: their hook is ordered before
every other `register_admin_urls`, so its patterns match first.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton

from curation.material_import import views
from curation.material_import.access import can_import
from curation.safe_delete import document_views, term_refusal
from curation.safe_delete.term_relations import TERM_MODELS
from curation.safe_delete.term_usage import canonical_term
from curation.term_merge import views as merge_views


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("materials/import/", views.upload, name="materials_import"),
        path("materials/import/confirm/", views.confirm, name="materials_import_confirm"),
        path(
            "materials/import/template.csv",
            views.download_template,
            name="materials_import_template",
        ),
        path(
            "taxonomy/merge/<str:app_label>/<str:model_name>/<int:pk>/",
            merge_views.merge,
            name="curation_term_merge",
        ),
    ]


# Ordered first: these patterns take the place of Wagtail's at the same paths.
@hooks.register("register_admin_urls", order=-100)
def register_document_delete_urls():
    return [
        path(
            "documents/delete/<int:document_id>/",
            document_views.DocumentDeleteView.as_view(),
            name="curation_document_delete",
        ),
        path(
            "documents/multiple/<int:doc_id>/delete/",
            document_views.MultipleDocumentDeleteView.as_view(),
            name="curation_document_delete_multiple",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import materials"),
        reverse("materials_import"),
        name="import-materials",
        icon_name="upload",
        order=260,
    )


@hooks.register("before_delete_snippet")
def refuse_deleting_terms_in_use(request, instances):
    return term_refusal.refuse_deleting_terms_in_use(request, instances)


@hooks.register("after_delete_snippet")
def delete_orphaned_translations(request, instances):
    term_refusal.delete_orphaned_translations(request, instances)


@hooks.register("before_bulk_action")
def refuse_bulk_delete_of_used_documents(request, action_type, objects, action_class_instance):
    return document_views.refuse_bulk_delete_of_used_documents(
        request, action_type, objects, action_class_instance
    )


@hooks.register("register_snippet_listing_buttons")
def merge_button(snippet, user, next_url=None):
    if not isinstance(snippet, TERM_MODELS) or not merge_views.can_merge(user, type(snippet)):
        return []
    if canonical_term(snippet).pk != snippet.pk:
        return []
    return [
        ListingButton(
            _("Merge into…"), term_refusal.merge_url(snippet), icon_name="resubmit", priority=60
        )
    ]
