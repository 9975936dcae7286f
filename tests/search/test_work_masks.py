"""The database engine's bitmask helpers: the mask of a set of positions and back."""

import random

import pytest

from search.work_index import mask_of, positions


@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, 1000, 100_000])
def test_mask_of_sets_exactly_the_given_positions(size):
    chosen = random.Random(size).sample(range(max(size, 1) * 3), size)
    mask = mask_of(dict.fromkeys(chosen, 1.0))
    expected = 0
    for position in chosen:
        expected |= 1 << position
    assert mask == expected
    assert positions(mask) == sorted(chosen)
