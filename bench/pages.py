"""The public pages measured on the demo content: label -> URL."""

from bench.cached import CACHED_ROWS, STATIC_FILE
from materials.models import CataloguePage, MaterialPage, ReviewPage


def page_urls() -> dict[str, str]:
    pages = {
        "floor (trivial view)": "/bench-floor/",
        "home": "/en/",
        "material index": "/en/materials/",
    }
    for label, model in (
        ("material", MaterialPage),
        ("catalogue", CataloguePage),
        ("review", ReviewPage),
    ):
        for language in ("en", "de"):
            page = model.objects.live().filter(locale__language_code=language).first()
            pages[f"{label} ({language})"] = page.url

    material = MaterialPage.objects.live().filter(locale__language_code="en").first()
    first_file = material.files.select_related("document").first()
    pages["file download"] = material.url + material.download_route(
        "download_file", first_file.document
    )
    pages["OAI ListRecords (50)"] = "/oai/?verb=ListRecords&metadataPrefix=oai_dc"
    pages["sitemap.xml"] = "/sitemap.xml"
    pages["Atom feed (de)"] = "/feeds/de/materials.atom"
    pages["API materials (20)"] = "/api/v2/pages/?type=materials.MaterialPage&fields=*"
    return pages


def cached_page_urls() -> dict[str, str]:
    """The pages an anonymous visitor gets from the page cache, and a static file served by
    the same Django process: the throughput a cached page can at best approach."""
    material = MaterialPage.objects.live().filter(locale__language_code="en").first()
    return {
        STATIC_FILE: "/bench-static/css/site.css",
        CACHED_ROWS[0]: "/en/",
        CACHED_ROWS[1]: material.url,
    }
