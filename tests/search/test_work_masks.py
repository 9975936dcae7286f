"""The database engine's bitmask helpers (the mask of a set of positions and back), and
the work index kept out of the garbage collector's reach on large sites."""

import gc
import random
import uuid

import pytest

from search import work_index
from search.work_index import WorkIndex, mask_of, positions


@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, 1000, 100_000])
def test_mask_of_sets_exactly_the_given_positions(size):
    chosen = random.Random(size).sample(range(max(size, 1) * 3), size)
    mask = mask_of(dict.fromkeys(chosen, 1.0))
    expected = 0
    for position in chosen:
        expected |= 1 << position
    assert mask == expected
    assert positions(mask) == sorted(chosen)


@pytest.fixture
def collector(monkeypatch):
    """Counts full collections; leaves nothing frozen behind."""
    full = []
    real_collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *args: full.append(args) or real_collect(*args))
    gc.unfreeze()
    yield full
    gc.unfreeze()


def sized(size: int) -> WorkIndex:
    index = WorkIndex(token=uuid.uuid4())
    index.keys = [None] * size
    return index


def test_a_large_index_is_frozen_out_of_the_collector_and_garbage_still_goes(
    monkeypatch, collector
):
    monkeypatch.setattr(work_index, "COLLECT_EVERY", 3)
    settling = work_index.Settling()
    large = sized(work_index.FREEZE_FROM)

    assert settling(large, built=True) is large
    assert gc.get_freeze_count() > 0  # the index is out of every collection's reach
    assert collector == [()]  # a build collects everything before freezing
    settling(large, built=False)
    settling(large, built=False)
    assert collector == [()]  # updates only freeze
    settling(large, built=False)
    assert collector == [(), ()]  # every COLLECT_EVERY-th update reclaims what was kept


def test_a_small_index_leaves_the_collector_alone(collector):
    work_index.Settling()(sized(work_index.FREEZE_FROM - 1), built=True)
    assert gc.get_freeze_count() == 0
    assert collector == []
