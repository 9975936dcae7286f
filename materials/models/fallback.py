"""Visitors of a language stay under its URL prefix when content is not yet translated.

A link from /de/ to an English-only material leads to /de/materials/<slug>/, not to /en/:
the German home and index pages answer a slug they lack with the source-language page of that
slug (or with its live translation, if that was given another slug), so the page is served
with the German interface. The templates then mark the content with its own language.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from wagtail.models import Page

from materials.locale_codes import language_of


class SourceFallbackRoutingMixin:
    """For pages with children in every language tree (home, index pages)."""

    def route(self, request, path_components):
        try:
            return self.route_to_child(request, path_components)
        except Http404:
            child = self.source_fallback_child(path_components[0]) if path_components else None
            if child is None:
                raise
            return child.specific.route(request, path_components[1:])

    def route_to_child(self, request, path_components):
        """Wagtail's Page.route, reading the child as its own type in one query where this
        page allows one child type (index pages): Wagtail reads the base page, then its type.
        The child model's `route_select_related` names relations read in that same query."""
        child_models = self.specific_class.allowed_subpage_models()
        if not path_components or len(child_models) != 1:
            return super().route(request, path_components)
        child_model = child_models[0]
        # Slugs are unique among siblings, so the query needs no ordering (`.first()`
        # would add one, and with it a comparison of every selected column).
        child = next(
            iter(
                child_model.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related(*getattr(child_model, "route_select_related", ()))
                .order_by()[:1]
            ),
            None,
        )
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # as Wagtail does: get_parent() needs no query
        return child.route(request, path_components[1:])

    def source_fallback_child(self, slug: str) -> Page | None:
        if language_of(self) == settings.LANGUAGE_CODE:
            return None
        source_parent = Page.objects.filter(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        if source_parent is None:
            return None
        child = source_parent.get_children().live().filter(slug=slug).first()
        if child is None:
            return None
        translated = (
            Page.objects.live()
            .filter(translation_key=child.translation_key, locale_id=self.locale_id)
            .first()
        )
        return translated or child


def url_in_language(url: str, page_language: str, visitor_language: str) -> str:
    """The page URL under the visitor's language prefix ("/en/x/" -> "/de/x/")."""
    if not url or page_language == visitor_language:
        return url
    parts = urlsplit(url)
    prefix = f"/{page_language}/"
    if not parts.path.startswith(prefix):
        return url
    path = f"/{visitor_language}/" + parts.path[len(prefix) :]
    return urlunsplit(parts._replace(path=path))


def in_language_or_source(model, index: Page):
    """Live `model` pages of the index's language, plus the source-language ones not yet
    translated into it (listed once, in the source language, and linked under the prefix)."""
    pages = model.objects.live()
    if language_of(index) == settings.LANGUAGE_CODE:
        return pages.child_of(index)
    translated_here = model.objects.live().filter(
        translation_key=OuterRef("translation_key"), locale_id=index.locale_id
    )
    return pages.filter(
        Q(locale_id=index.locale_id)
        | Q(locale__language_code=settings.LANGUAGE_CODE) & ~Exists(translated_here)
    )
