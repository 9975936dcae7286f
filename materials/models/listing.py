"""Paginated listings of child pages, shared by the three index pages."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404

LISTING_PAGE_SIZE = 20


class ListingPageMixin:
    """Index pages list their live children, 20 a page; `?page=` out of range is a 404."""

    def listing_queryset(self):
        raise NotImplementedError

    def decorate_listing(self, items: list) -> list:
        """Hook for subclasses to attach localised data to a page of items in bulk."""
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.listing_queryset(), LISTING_PAGE_SIZE)
        try:
            listing = paginator.page(request.GET.get("page") or 1)
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404("No such page of results") from error
        listing.object_list = self.decorate_listing(list(listing.object_list))
        context["listing"] = listing
        return context
