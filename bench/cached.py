"""The cached-page rows: cached pages against a static file served by the same process."""

STATIC_FILE = "static file (site.css)"
CACHED_ROWS = ("home (cached)", "material (en, cached)")
CACHED_TARGET_RATIO = 0.25  # of the static file's throughput


def cached_ratios(pages: dict) -> dict[str, float]:
    """Each cached page's throughput as a share of the static file's, one client at a time
    (requests per second are 1 / p50, so the share is the static p50 over the page's)."""
    static = pages.get(STATIC_FILE, {}).get("p50")
    return {
        label: static / pages[label]["p50"]
        for label in CACHED_ROWS
        if static and "p50" in pages.get(label, {})
    }
