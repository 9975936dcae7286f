"""The bench times its search rows as production serves them (the page cache on, which
never stores a search), and repeats the target row with the cache off."""

from django.conf import settings

from bench.search_worker import (
    SERVED_CACHE_SECONDS,
    UNKEPT_FACETED,
    WARM_FACETED,
    search_rows,
    served_as_production,
)

WORDS = {"common": ["light", "cells", "energy"], "rare": ["loops", "rockets", "microbit"]}


def test_every_search_row_is_served_but_the_page_cache_off_repeat_of_the_target_row():
    rows = {row["label"]: row for row in search_rows(WORDS)}
    assert [label for label, row in rows.items() if not row["served"]] == [UNKEPT_FACETED]
    assert rows[UNKEPT_FACETED]["urls"] == rows[WARM_FACETED]["urls"]
    assert rows[WARM_FACETED]["target"] and not rows[UNKEPT_FACETED]["target"]


def test_served_rows_turn_the_page_cache_on_and_the_others_leave_the_settings_alone():
    bench_seconds = settings.PAGE_CACHE_SECONDS
    with served_as_production(True):
        assert settings.PAGE_CACHE_SECONDS == SERVED_CACHE_SECONDS > 0
    with served_as_production(False):
        assert bench_seconds == settings.PAGE_CACHE_SECONDS
    assert bench_seconds == settings.PAGE_CACHE_SECONDS
