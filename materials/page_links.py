"""What a link to another page reads of it, for queries that load only that.

A material page links other materials (related materials, its lineage) by URL, title and
language, and leaves out those not live. Loading only these fields keeps a whole page row
(its commentary, metadata, search fields) out of queries that run on every material page;
the translation key finds the page's version in the visitor's language
(materials.localization), and Page.get_url reads the url_path.
"""

LINKED_PAGE_FIELDS = (
    "title",
    "slug",
    "live",
    "url_path",
    "translation_key",
    "locale",
    "path",
    "depth",
)


def linked_page_fields(relation: str) -> tuple[str, ...]:
    """LINKED_PAGE_FIELDS as seen through `relation` (for QuerySet.only)."""
    return tuple(f"{relation}__{field}" for field in LINKED_PAGE_FIELDS)
