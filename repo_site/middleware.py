"""Language prefixes for public pages only.

Django's LocaleMiddleware answers a 404 on an unprefixed path by redirecting to the same
path under the visitor's language, because Wagtail's catch-all page route accepts any
prefixed path. For the admin, documents and machine endpoints (OAI, API, feeds, sitemap),
which live outside i18n_patterns, that turns a clear 404 into a redirect to an HTML page.
"""

from django.middleware.locale import LocaleMiddleware

UNPREFIXED_ROOTS = (
    "admin", "documents", "oai", "api", "feeds", "sitemap.xml", "robots.txt", "healthz",
)  # fmt: skip


class PublicLocaleMiddleware(LocaleMiddleware):
    def process_response(self, request, response):
        first_segment = request.path_info.lstrip("/").split("/", 1)[0]
        if first_segment in UNPREFIXED_ROOTS or first_segment.startswith("sitemap-"):
            return response
        return super().process_response(request, response)
