"""PD uses in the admin: a snippet listing each editor's own partner's uses.

Wagtail's edit and delete views fetch the object without asking for instance permissions,
so each looks it up among the uses the policy allows: another partner's use is a 404, as if
it did not exist for that editor (nothing leaks about it).
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList, PageChooserPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import DeleteView, EditView, IndexView, SnippetViewSet

from materials.models import PDUse
from pd_uses.forms import PDUseForm


class AllowedObjectMixin:
    """The object is looked up among the instances the user has the view's permission for."""

    def get_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, self.permission_required
        )


class PDUseEditView(AllowedObjectMixin, EditView):
    pass


class PDUseDeleteView(AllowedObjectMixin, DeleteView):
    pass


class PDUseIndexView(IndexView):
    def get_base_queryset(self):
        return (
            self.permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["change", "delete"]
            )
            .select_related("material", "partner")
            .order_by("-date", "-pk")
        )


class PDUseViewSet(SnippetViewSet):
    model = PDUse
    icon = "group"
    menu_label = _("PD uses")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = PDUseIndexView
    edit_view_class = PDUseEditView
    delete_view_class = PDUseDeleteView
    list_display = ["__str__", "country", "teachers", Column("partner", label=_("Partner"))]
    list_filter = ["format"]
    edit_handler = ObjectList(
        [
            PageChooserPanel("material", "materials.MaterialPage"),
            FieldPanel("partner"),
            FieldRowPanel([FieldPanel("date"), FieldPanel("country"), FieldPanel("format")]),
            FieldRowPanel([FieldPanel("hours"), FieldPanel("teachers")]),
            FieldPanel("adaptations"),
            FieldPanel("evaluation"),
        ],
        base_form_class=PDUseForm,
    )
