"""What makes every cached page stale: any change to what a public page or sitemap shows.

- pages: publish (a translation's publish included), unpublish, move, delete, and the
  creation of an alias (live at once, without a publish);
- privacy: a page's or a collection's view restriction added, changed or removed;
- snippets: any save or delete of a registered snippet model, which covers the taxonomy
  labels (disciplines, languages, diversity dimensions, quality criteria) and partners;
- sites and locales, which change every URL.

Download counters do not: a cached page shows them as they were when it was rendered, at
most PAGE_CACHE_SECONDS ago (CDN_CACHE_SECONDS behind a CDN).
"""

from django.db.models.signals import post_delete, post_save

from wagtail.models import CollectionViewRestriction, Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from page_cache import generation

ALWAYS = (PageViewRestriction, CollectionViewRestriction, Site, Locale)


def content_changed(**kwargs) -> None:
    generation.bump()


def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        generation.bump()


def model_saved_or_deleted(sender, instance, **kwargs) -> None:
    if sender in ALWAYS or sender in get_snippet_models():
        generation.bump()


def alias_created(sender, instance, created=False, **kwargs) -> None:
    """A new alias is live at once, without a publish, and takes its source page's view
    restrictions (view_restrictions.py keeps which pages are aliases)."""
    if created and isinstance(instance, Page) and instance.alias_of_id is not None:
        generation.bump()


def connect() -> None:
    page_published.connect(content_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(content_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(content_changed, dispatch_uid="page_cache_moved")
    post_delete.connect(page_deleted, dispatch_uid="page_cache_page_deleted")
    post_save.connect(model_saved_or_deleted, dispatch_uid="page_cache_saved")
    post_delete.connect(model_saved_or_deleted, dispatch_uid="page_cache_deleted")
    post_save.connect(alias_created, dispatch_uid="page_cache_alias_created")
