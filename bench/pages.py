"""The public pages measured on the demo content: label -> URL."""

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
