"""/robots.txt: keep crawlers out of the admin and point them at the multilingual sitemap."""

from django.http import HttpResponse
from django.urls import path, reverse
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


urlpatterns = [path("robots.txt", robots_txt, name="robots-txt")]
