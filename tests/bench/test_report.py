"""The bench report's verdicts: the OpenSearch target, the first search after a
publish against the warm faceted search, and the work index and update_index lines."""

from bench.cached import CACHED_ROWS, STATIC_FILE
from bench.report import pages_table, search_table
from bench.search_worker import AFTER_PUBLISH, WARM_FACETED

FLOOR = "floor (trivial view)"
PEER = "peer Wagtail search, common word"


def timing(p50, p95, **extra):
    return {"p50": p50, "p95": p95, "first": p95, "requests": 30, **extra}


def table(engine: str, faceted_p95: float, after_p50: float, peer_p95: float = 100) -> list[str]:
    rows = [
        {"label": FLOOR, **timing(1, 1)},
        {"label": PEER, **timing(peer_p95, peer_p95)},
        {"label": WARM_FACETED, "peer": PEER, "target": True, **timing(40, faceted_p95)},
        {"label": AFTER_PUBLISH, "warm": WARM_FACETED, **timing(after_p50, after_p50)},
    ]
    size = {
        "size": 1000,
        "german": 100,
        "added": 1000,
        "insert_seconds": 1.0,
        "index_seconds": 2.0,
        "words": {"common": ["light"], "rare": ["vitamins"]},
        "rows": rows,
        "work_index": {"bytes": 3 * 2**20, "peak_bytes": 5 * 2**20, "seconds": 0.5, "size": 1000},
        "update_index_seconds": 12.5,
    }
    result = {"database": "postgresql", "backend": "x.Y", "engine": engine, "label": engine}
    return search_table(result, size)


def line(lines: list[str], label: str) -> str:
    return next(text for text in lines if text.strip().startswith(label))


def test_opensearch_is_held_to_its_own_target():
    assert line(table("elasticsearch", 100, 50), WARM_FACETED).endswith("FAIL")
    assert line(table("database", 100, 50), WARM_FACETED).endswith("PASS")
    assert line(table("elasticsearch", 55, 50), WARM_FACETED).endswith("PASS")


def test_the_peer_ratio_holds_on_the_databases_and_is_only_reported_on_opensearch():
    """OpenSearch's peer is the same engine's 20 titles as plain text: no page."""
    assert line(table("database", 100, 50, peer_p95=50), WARM_FACETED).endswith("FAIL")
    assert line(table("database", 100, 50, peer_p95=70), WARM_FACETED).endswith("PASS")
    opensearch = line(table("elasticsearch", 55, 50, peer_p95=15), WARM_FACETED)
    assert "3.67" in opensearch and opensearch.endswith("PASS")


def test_the_first_search_after_a_publish_is_compared_with_the_warm_one():
    assert "PASS (p50 1.50x warm)" in line(table("database", 50, 60), AFTER_PUBLISH)
    assert "FAIL (p50 2.50x warm)" in line(table("database", 50, 100), AFTER_PUBLISH)


def test_memory_and_update_index_are_reported():
    lines = table("database", 50, 60)
    assert "3.0 MiB held (peak 5.0 MiB)" in line(lines, "work index per worker")
    assert line(lines, "update_index").endswith("12.5 s")


def test_cached_pages_are_compared_with_the_static_file():
    pages = {
        FLOOR: timing(1, 1),
        STATIC_FILE: timing(0.5, 0.6),
        CACHED_ROWS[0]: timing(1.0, 1.2),  # half the static file's throughput
        CACHED_ROWS[1]: timing(4.0, 5.0),  # an eighth
    }
    lines = pages_table({"pages": pages, "page_repeat": 50, "database": "sqlite"})
    assert line(lines, f"{CACHED_ROWS[0]}:").endswith(
        f"50% of the throughput of the {STATIC_FILE} (target >= 25%): PASS"
    )
    assert line(lines, f"{CACHED_ROWS[1]}:").endswith("(target >= 25%): FAIL")
