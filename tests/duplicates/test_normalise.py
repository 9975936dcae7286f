"""The comparable forms of URLs and titles, and the title threshold."""

import pytest

from duplicates.normalise import (
    SIMILAR_TITLE_THRESHOLD,
    normalise_title,
    normalise_url,
    similar_titles,
    title_similarity,
)


@pytest.mark.parametrize(
    "written",
    [
        "https://example.org/unit/forces",
        "HTTPS://WWW.Example.ORG/unit/forces/",
        "https://example.org:443/unit/forces#worksheet",
        "https://www.example.org/unit/forces?utm_source=newsletter&utm_medium=mail",
        "https://example.org/unit/forces/?fbclid=abc&gclid=def",
        "http://www.example.org/unit/forces",  # a record kept from before the move to https
        "http://example.org:80/unit/forces/",
    ],
)
def test_the_same_address_written_differently_is_one_key(written):
    assert normalise_url(written) == "https://example.org/unit/forces"


def test_query_parameters_that_matter_are_kept_in_a_stable_order():
    assert normalise_url("https://example.org/view?id=7&lang=de&utm_campaign=x") == (
        normalise_url("https://example.org/view?lang=de&id=7")
    )
    assert normalise_url("https://example.org/view?id=7") != normalise_url(
        "https://example.org/view?id=8"
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.org/unit/forces", "https://example.org/unit/forces-2"),
        ("https://example.org/unit", "https://example.org:8443/unit"),
        ("https://example.org/unit", "https://other.example.org/unit"),
        ("http://example.org:8443/unit", "https://example.org/unit"),
        ("ftp://example.org/unit", "https://example.org/unit"),
    ],
)
def test_near_misses_are_different_keys(first, second):
    assert normalise_url(first) != normalise_url(second)


@pytest.mark.parametrize("written", ["", "   ", "not a url", "http://[::1", "mailto:"])
def test_an_unreadable_url_has_no_key(written):
    assert normalise_url(written) == ""


def test_titles_fold_case_accents_and_punctuation():
    assert normalise_title("Énergie à l’École: 2nd Ed.") == "energie a l ecole 2nd ed"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Light and colour", "Light and color"),
        ("Forces and motion: a teacher guide", "Forces & Motion – a Teacher's Guide"),
        ("The water cycle", "Water cycle, the"),
    ],
)
def test_similar_titles(first, second):
    similarity = title_similarity(normalise_title(first), normalise_title(second))
    assert similarity >= SIMILAR_TITLE_THRESHOLD
    assert similar_titles(normalise_title(first), normalise_title(second))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Energy in the home", "Energy in the school"),
        ("Electricity for primary schools", "Magnetism for primary schools"),
        ("Climate change lab", ""),
    ],
)
def test_titles_that_only_look_alike_are_not_similar(first, second):
    assert not similar_titles(normalise_title(first), normalise_title(second))
