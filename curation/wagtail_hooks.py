"""Admin wiring of the curation tools: URLs and a menu item shown to those who may use them."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from curation.material_import import views
from curation.material_import.access import can_import


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
