"""Marks every page Wagtail serves live as a candidate for the page cache."""

from wagtail import hooks

from page_cache.marking import mark


@hooks.register("before_serve_page")
def mark_served_page(page, request, serve_args, serve_kwargs):
    mark(request, page=page)
