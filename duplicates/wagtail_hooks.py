"""Admin wiring of the review queue of likely duplicates: its URLs and its menu item,
shown to those who may decide (duplicates.access)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from duplicates import views
from duplicates.access import can_decide


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
