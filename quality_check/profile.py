"""Scoring: from checked answers to a profile of strengths and criteria to work on.

Pure functions over the answers, no queries, so the rules are easy to read and to test:
a criterion rated STRENGTH_FROM or higher is a strength; one rated WEAK_UP_TO or lower is
one to work on, the lowest first (criteria with the same rating keep the criteria's order).
"""

from dataclasses import dataclass

from quality_check.answers import Answer
from quality_check.scale import STRENGTH_FROM, WEAK_UP_TO


@dataclass(frozen=True)
class Profile:
    answers: list[Answer]
    strengths: list[Answer]
    weakest: list[Answer]
    average: float


def build_profile(answers: list[Answer]) -> Profile:
    """The profile of valid answers (every answer has a score)."""
    scores = [answer.score for answer in answers]
    if not answers or None in scores:
        raise ValueError("A profile needs a score for every criterion.")
    rated = [
        (answer, int(score or 0), position)
        for position, (answer, score) in enumerate(zip(answers, scores, strict=True))
    ]
    strengths = [
        answer
        for answer, _score, _position in sorted(
            (item for item in rated if item[1] >= STRENGTH_FROM),
            key=lambda item: (-item[1], item[2]),
        )
    ]
    weakest = [
        answer
        for answer, _score, _position in sorted(
            (item for item in rated if item[1] <= WEAK_UP_TO), key=lambda item: (item[1], item[2])
        )
    ]
    average = sum(score for _answer, score, _position in rated) / len(rated)
    return Profile(answers=answers, strengths=strengths, weakest=weakest, average=average)
