"""Reading a self-check from the query string, which is also the shared URL.

The URL holds every answer (`rating-<criterion slug>=1..5`, `note-<criterion slug>=text`),
so a profile can be bookmarked and sent to a colleague, and nothing is stored. A URL can also
be edited by hand: every answer is checked here, and each problem becomes a message next to
the criterion it concerns (or above the form), so the view can answer 400 with the form,
the visitor's answers kept, instead of failing.

Parameters without the `rating-`/`note-` prefixes (e.g. a campaign tag added by a mail
client) are not answers and are ignored.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from quality_check.scale import HIGHEST, LEVEL_BY_SCORE, LOWEST

RATING_PREFIX = "rating-"
NOTE_PREFIX = "note-"
NOTE_MAX_LENGTH = 1000


@dataclass
class Answer:
    """One criterion's answer: the criterion (labels in the visitor's language), the score
    (None until valid), what was sent (kept for the form) and what is wrong with it."""

    criterion: Any  # a QualityCriterion in the visitor's language, with canonical_pk
    score: int | None = None
    sent_score: str = ""
    note: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.criterion.slug

    @property
    def rating_name(self) -> str:
        return RATING_PREFIX + self.slug

    @property
    def note_name(self) -> str:
        return NOTE_PREFIX + self.slug

    @property
    def level(self):
        return LEVEL_BY_SCORE.get(self.score) if self.score else None


@dataclass
class Submission:
    answers: list[Answer]
    errors: list[str] = field(default_factory=list)  # problems not tied to one criterion

    @property
    def is_valid(self) -> bool:
        return not self.errors and not any(answer.errors for answer in self.answers)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(len(answer.errors) for answer in self.answers)


def is_submitted(query) -> bool:
    """Whether the query string carries any answer: a bare visit shows the empty form."""
    return any(name.startswith((RATING_PREFIX, NOTE_PREFIX)) for name in query)


def blank(criteria) -> Submission:
    return Submission(answers=[Answer(criterion=criterion) for criterion in criteria])


def read(query, criteria) -> Submission:
    """The answers in `query` (a QueryDict) for `criteria`, each checked."""
    submission = blank(criteria)
    known = {answer.slug: answer for answer in submission.answers}
    for name in query:
        prefix = next((p for p in (RATING_PREFIX, NOTE_PREFIX) if name.startswith(p)), None)
        if prefix is None:
            continue
        slug = name[len(prefix) :]
        if slug not in known:
            submission.errors.append(
                _("The link names a criterion that does not exist: “%(slug)s”.")
                % {"slug": slug[:80]}
            )
        elif len(query.getlist(name)) > 1:
            known[slug].errors.append(
                _("The link gives this criterion more than one rating; keep one.")
                if prefix == RATING_PREFIX
                else _("The link gives this criterion more than one note; keep one.")
            )
    for answer in submission.answers:
        read_rating(answer, query.getlist(answer.rating_name))
        read_note(answer, query.getlist(answer.note_name))
    return submission


def read_rating(answer: Answer, values: list[str]) -> None:
    answer.sent_score = values[-1] if values else ""
    if not values or not answer.sent_score.strip():
        answer.errors.append(_("Choose a rating from 1 to 5 for this criterion."))
        return
    text = answer.sent_score.strip()
    score = int(text) if text.isascii() and text.isdigit() and len(text) < 3 else None
    if score is None or not LOWEST <= score <= HIGHEST:
        answer.errors.append(
            _("“%(value)s” is not a rating: choose a whole number from 1 to 5.")
            % {"value": text[:20]}
        )
        return
    if len(values) == 1:
        answer.score = score


def read_note(answer: Answer, values: list[str]) -> None:
    answer.note = (values[-1] if values else "").strip()
    if len(answer.note) > NOTE_MAX_LENGTH:
        answer.errors.append(
            _("The note is %(length)d characters long; keep it to %(limit)d.")
            % {"length": len(answer.note), "limit": NOTE_MAX_LENGTH}
        )
