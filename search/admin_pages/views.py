"""Wagtail's page listings that search (the page search, the explorer, a page type's
pages) with the permission filter of `explorable.py`.

Each class repeats one Wagtail method (wagtail 8.0; pyproject pins <8.1) and changes only
its permission filter: `pk__in=explorable_instances(user)`, which a search engine receives
as every explorable page id, becomes `explorable_filter(user)`, a few tree-path clauses.
Both also send only the words of the query (`query.py`), and answer a 503 with the public
search's message when the engine cannot answer, not a server error. The filter always applies:
WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS = False, Wagtail's way around the engine's
limit, would show every page's title to every editor and translator.
"""

import logging
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.utils.functional import cached_property

from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.search import SearchView, page_filter_search
from wagtail.admin.views.pages.usage import ContentTypeUseView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from search.admin_pages.explorable import explorable_filter
from search.admin_pages.query import admin_search_words
from search.backends.engine_errors import ENGINE_ERRORS
from search.views import RETRY_AFTER, unavailable_message

logger = logging.getLogger(__name__)


def explorable(pages: QuerySet, user) -> QuerySet:
    """`pages` narrowed to those `user` may explore, in a form any search backend runs."""
    condition = explorable_filter(user)
    return pages if condition is None else pages.filter(condition)


class EngineUnavailableMixin:
    """A 503 with a message when Elasticsearch/OpenSearch cannot answer. The listing asks
    the engine while it renders (the page of results is read lazily), so the response is
    rendered here, inside the guard."""

    page_title: Any

    def get(self, request, *args, **kwargs):
        try:
            response = super().get(request, *args, **kwargs)  # type: ignore[misc]
            if isinstance(response, TemplateResponse):
                response.render()
            return response
        except ENGINE_ERRORS as error:
            logger.warning("admin page search: the search engine did not answer: %s", error)
            response = TemplateResponse(
                request,
                "search/admin/engine_unavailable.html",
                {"page_title": self.page_title, "message": unavailable_message()},
                status=503,
            )
            response["Retry-After"] = str(RETRY_AFTER)
            return response


class PermittedPageSearchView(EngineUnavailableMixin, SearchView):
    """/admin/pages/search/ (the page search and the sidebar's search box)."""

    @cached_property
    def search_query(self):
        return admin_search_words(super().search_query)

    def get_queryset(self) -> QuerySet[Any]:
        permitted = explorable(Page.objects.all(), self.request.user)
        pages = permitted
        if self.show_locale_labels:
            pages = pages.select_related("locale")
        if self.ordering:
            pages = pages.order_by(self.ordering)
        if self.selected_content_type:
            pages = pages.filter(content_type=self.selected_content_type)
        pages = self.annotate_queryset(pages)
        pages, self.all_pages = page_filter_search(
            self.search_query, pages, permitted, self.ordering
        )
        if pages.supports_facet:
            self.content_types = [
                (ContentType.objects.get_for_id(content_type_id), count)
                for content_type_id, count in self.all_pages.facet("content_type_id").items()
            ]
        return pages


class PermittedExplorableIndexView(EngineUnavailableMixin, ExplorableIndexView):
    """The explorer's listing (/admin/pages/<id>/), whose search box searches below the
    page shown or, with "search all", the whole tree."""

    @cached_property
    def search_query(self):
        return admin_search_words(super().search_query)

    def get_base_queryset(self):
        if self.is_searching or self.is_filtering:
            if self.is_searching_whole_tree:
                pages = self.model._default_manager.all()
            else:
                pages = self.model._default_manager.descendant_of(self.parent_page)
        else:
            pages = self.model._default_manager.child_of(self.parent_page)
        return self.annotate_queryset(explorable(pages, self.request.user))


class PermittedContentTypeUseView(EngineUnavailableMixin, ContentTypeUseView):
    """Reports > Page types usage > one type's pages, with a search box of its own. Wagtail's
    `pk__in` there is on a page subclass, which the engine drops without a word: it counted
    every language's pages, and the page of results was then cut by the database."""

    @cached_property
    def search_query(self):
        return admin_search_words(super().search_query)

    def get_base_queryset(self):
        pages = self.model.objects.filter(depth__gt=1)
        return self.annotate_queryset(explorable(pages, self.request.user))


class PermittedPageViewSet(PageViewSet):
    """Takes the place of Wagtail's default page viewset (registered after it, for the base
    Page model), so the page search and explorer URLs reach the views above. A viewset for
    a specific page model would list that model's parents in the explorer with its own
    index view: it should subclass this one."""

    search_view_class = PermittedPageSearchView
    index_view_class = PermittedExplorableIndexView
    content_type_use_view_class = PermittedContentTypeUseView
