"""wagtail-localize's "Translate this page" and "Sync translated pages" buttons on the
explorer's page listing, decided in the listing's own query.

wagtail-localize asks three queries of every row (is a locale left to translate into? is
the page a translation source? has that source an enabled translation?): 150 queries for
a listing of 50 materials, a third of the listing's time at 10,000 materials.
`annotate_translation_state` adds both answers to the listing's queryset (the
`construct_explorer_page_queryset` hook); rows that do not carry them (the page header,
the admin's page search) are asked the way wagtail-localize asks, by its own function.
"""

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale, Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import TranslationSource

UNTRANSLATED = "_localize_has_untranslated_locale"
SYNC_SOURCE = "_localize_sync_source_id"


def annotate_translation_state(parent_page, pages, request):
    """The hook: whether a locale has no (non-alias) version of each page yet, and the id of
    the page's translation source when it has an enabled translation."""
    versions = Page.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True
    ).values("locale_id")
    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    ).values("pk")[:1]
    return pages.annotate(
        **{
            UNTRANSLATED: Exists(Locale.objects.exclude(id__in=versions)),
            SYNC_SOURCE: Subquery(sources),
        }
    )


def page_listing_more_buttons(page, user, view_name=None, next_url=None):
    """wagtail-localize's buttons, from the annotations when the row carries them."""
    if not hasattr(page, UNTRANSLATED):
        yield from localize_hooks.page_listing_more_buttons(page, user, view_name, next_url)
        return
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    if getattr(page, UNTRANSLATED):
        yield ListingButton(
            _("Translate this page"),
            reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id]),
            priority=60,
            icon_name="wagtail-localize-language",
        )
    source_id = getattr(page, SYNC_SOURCE)
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield ListingButton(_("Sync translated pages"), url, priority=60, icon_name="resubmit")
