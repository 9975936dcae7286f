"""Scoring: strengths are the criteria rated 4 or 5 (best first), the criteria to work on
those rated 3 or lower (weakest first, ties in the criteria's order)."""

from types import SimpleNamespace

import pytest

from quality_check.answers import Answer
from quality_check.profile import build_profile


def answers_for(scores: dict[str, int]) -> list[Answer]:
    return [Answer(criterion=SimpleNamespace(slug=slug), score=s) for slug, s in scores.items()]


def slugs(answers) -> list[str]:
    return [answer.slug for answer in answers]


def test_strengths_and_weakest_follow_the_ratings():
    profile = build_profile(answers_for({"a": 4, "b": 1, "c": 5, "d": 3, "e": 1, "f": 2}))
    assert slugs(profile.strengths) == ["c", "a"]
    assert slugs(profile.weakest) == ["b", "e", "f", "d"]
    assert profile.average == pytest.approx(16 / 6)


def test_a_strong_activity_has_nothing_to_work_on():
    profile = build_profile(answers_for({"a": 4, "b": 5}))
    assert profile.weakest == []
    assert slugs(profile.strengths) == ["b", "a"]


def test_a_weak_activity_has_no_strengths():
    profile = build_profile(answers_for({"a": 3, "b": 2}))
    assert profile.strengths == []
    assert slugs(profile.weakest) == ["b", "a"]


def test_a_profile_needs_every_score():
    with pytest.raises(ValueError):
        build_profile([Answer(criterion=SimpleNamespace(slug="a"))])
    with pytest.raises(ValueError):
        build_profile([])
