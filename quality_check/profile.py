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
    scored = [answer for answer in answers if answer.score is not None]
    if len(scored) != len(answers) or not answers:
        raise ValueError("A profile needs a score for every criterion.")
    order = {id(answer): position for position, answer in enumerate(answers)}
    strengths = sorted(
        (answer for answer in answers if answer.score >= STRENGTH_FROM),
        key=lambda answer: (-answer.score, order[id(answer)]),
    )
    weakest = sorted(
        (answer for answer in answers if answer.score <= WEAK_UP_TO),
        key=lambda answer: (answer.score, order[id(answer)]),
    )
    average = sum(answer.score for answer in answers) / len(answers)
    return Profile(answers=answers, strengths=strengths, weakest=weakest, average=average)
