"""Wagtail API v2 at /api/v2/: pages, images and documents, read-only.

Wagtail's viewsets do the work. The subclasses here only close what a public API
must not leave open:
- write methods are refused (405): only GET, HEAD and OPTIONS are routed;
- malformed parameters that Wagtail passes on to the database or the search backend
  get a 400 with a message instead of a 500 (each case is pinned in the tests);
- a MaterialPage's record-backed fields (open_data/api_fields.py) are output only:
  they are representations of the MaterialRecord, not columns to filter or order by
  (filtering by taxonomy is the search app's job);
- the API's 404s stay JSON 404s (repo_site.middleware keeps them from language redirects).
"""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.http import require_http_methods

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from materials.privacy import public_material_document_ids
from open_data.api_fields import RECORD_FIELD_NAMES

API_NAMESPACE = "wagtailapi"
# SQLite and PostgreSQL integers are signed 64-bit; a larger OFFSET fails in the database.
MAX_OFFSET = 2**63 - 1
SEARCH_OPERATORS = ("and", "or")


class SafeSearchFilter(SearchFilter):
    """?search= without double quotes and surrounding whitespace.

    The SQLite FTS5 backend wraps each term in double quotes without escaping the
    ones inside it, so `?search="` is a syntax error in the database, and a query of
    only whitespace compiles to nothing (both a 500). The API searches plain text,
    where a double quote is punctuation, not a phrase.
    """

    def filter_queryset(self, request, queryset, view):
        query = request.GET.get("search")
        if query is not None and query != query.replace('"', " ").strip():
            params = request.GET.copy()
            params["search"] = query.replace('"', " ").strip()
            request = SimpleNamespace(GET=params)
        return super().filter_queryset(request, queryset, view)


def with_safe_search(filter_backends):
    return [SafeSearchFilter if backend is SearchFilter else backend for backend in filter_backends]


class PublicReadOnlyMixin:
    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        params = request.GET
        offset = params.get("offset", "")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError("offset is too large")
        if "search_operator" in params and params["search_operator"] not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if "\x00" in params.get("search", ""):
            raise BadRequestError("null characters are not allowed in search")

    def listing_view(self, request):
        try:
            return super().listing_view(request)
        except Http404 as error:
            # A filter naming something that does not exist (?locale=xx, ?site=...):
            # the listing exists, the query is wrong.
            raise BadRequestError(str(error)) from error

    def filter_queryset(self, queryset):
        try:
            return super().filter_queryset(queryset)
        except ValidationError as error:
            # Field filters Wagtail does not convert itself, e.g. ?first_published_at=abc.
            raise BadRequestError("field filter error: " + " ".join(error.messages)) from error

    def find_object(self, queryset, request):
        try:
            return super().find_object(queryset, request)
        except (ValueError, ValidationError) as error:
            raise BadRequestError("id must be a positive integer") from error


class PublicPagesAPIViewSet(PublicReadOnlyMixin, PagesAPIViewSet):
    filter_backends = with_safe_search(PagesAPIViewSet.filter_backends)

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            fields = [field for field in fields if field not in RECORD_FIELD_NAMES]
        return fields

    def get_queryset(self):
        # The listing's "locale" field would otherwise cost one query per page.
        return super().get_queryset().select_related("locale")


class PublicImagesAPIViewSet(PublicReadOnlyMixin, ImagesAPIViewSet):
    filter_backends = with_safe_search(ImagesAPIViewSet.filter_backends)


class PublicDocumentsAPIViewSet(PublicReadOnlyMixin, DocumentsAPIViewSet):
    """Only the files of public materials (materials.privacy): a document of an unpublished
    or restricted material, or one attached to no material (a draft upload, a file linked
    only from some page's text) is neither listed nor found by id. Harvesters get the
    files of the materials they can see, and nothing else."""

    filter_backends = with_safe_search(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_material_document_ids())


api_router = WagtailAPIRouter(API_NAMESPACE)
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def endpoints(request):
    """/api/v2/: where each endpoint is."""
    return JsonResponse(
        {
            name: request.build_absolute_uri(f"{request.path}{name}/")
            for name in ("pages", "images", "documents")
        }
    )


def unknown_endpoint(request, rest):
    return JsonResponse({"message": "unknown endpoint"}, status=404)


urlpatterns = [
    path(
        "api/v2/",
        include(
            (
                api_router.get_urlpatterns()
                + [
                    path("", endpoints, name="endpoints"),
                    # Paths without the slash are left to CommonMiddleware's APPEND_SLASH.
                    re_path(r"^(?P<rest>.+/)$", unknown_endpoint),
                ],
                API_NAMESPACE,
            ),
            namespace=API_NAMESPACE,
        ),
    ),
]
