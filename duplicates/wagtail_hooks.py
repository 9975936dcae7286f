"""Admin wiring of the review queue of likely duplicates: its URLs and its menu item,
shown to those who may decide (duplicates.access); and the lineage links the decisions
write, as a snippet."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from duplicates import views
from duplicates.access import can_decide
from materials.models import MaterialLineage


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_decide(request.user)


@hooks.register("register_admin_urls")
def register_queue_urls():
    return [
        path("duplicates/", views.queue, name="duplicates_queue"),
        path("duplicates/<int:pair_id>/decide/", views.decide_pair, name="duplicates_decide"),
    ]


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        _("Likely duplicates"),
        reverse("duplicates_queue"),
        name="likely-duplicates",
        icon_name="duplicate",
        order=270,
    )


class LineageCreateView(CreateView):
    """A refused form is a 400, as everywhere in this admin, not a 200 with errors."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LineageEditView(EditView):
    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LineageViewSet(SnippetViewSet):
    """Lineage links as a snippet: for correcting or removing a decided link. Its model
    permissions belong to superusers unless granted; being a snippet, every save and delete
    refreshes the page cache (page_cache.invalidation), so both material pages show it."""

    model = MaterialLineage
    icon = "link"
    list_display = ["derived", "kind", "original", "country", "diversity_dimension"]
    add_view_class = LineageCreateView
    edit_view_class = LineageEditView
    panels = [
        FieldPanel("original"),
        FieldPanel("derived"),
        FieldPanel("kind"),
        FieldPanel("country"),
        FieldPanel("diversity_dimension"),
    ]


register_snippet(LineageViewSet)
