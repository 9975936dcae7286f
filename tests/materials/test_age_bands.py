import pytest

from materials.age_bands import bands_for


@pytest.mark.parametrize(
    ("age_min", "age_max", "expected"),
    [
        (10, 14, ["10-12", "12-15"]),
        (6, 10, ["6-10"]),
        (3, 6, ["3-6"]),
        (3, 19, ["3-6", "6-10", "10-12", "12-15", "15-19"]),
        (15, 19, ["15-19"]),
        (16, 99, ["15-19", "adult"]),
        (19, 99, ["adult"]),
        (12, 12, ["12-15"]),
        (11, 11, ["10-12"]),
    ],
)
def test_bands_derive_from_the_age_range(age_min, age_max, expected):
    assert [band.key for band in bands_for(age_min, age_max)] == expected


def test_no_range_no_band():
    assert bands_for(None, 10) == []
