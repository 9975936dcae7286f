"""Reading the answers from the query string (the shared URL): every tampering is caught and
reported next to its criterion, and the visitor's input is kept."""

from types import SimpleNamespace

from django.http import QueryDict
from django.utils import translation

from quality_check import answers

CRITERIA = [SimpleNamespace(slug="content-focus"), SimpleNamespace(slug="collaboration")]


def read(query: str):
    with translation.override("en"):
        return answers.read(QueryDict(query), CRITERIA)


def by_slug(submission):
    return {answer.slug: answer for answer in submission.answers}


def test_complete_answers_are_valid_with_scores_and_notes():
    submission = read("rating-content-focus=2&rating-collaboration=5&note-collaboration=+PLC+")
    assert submission.is_valid
    answers_ = by_slug(submission)
    assert answers_["content-focus"].score == 2
    assert answers_["collaboration"].score == 5
    assert answers_["collaboration"].note == "PLC"
    assert answers_["content-focus"].note == ""


def test_a_missing_rating_is_reported_on_its_criterion():
    submission = read("rating-content-focus=3")
    assert not submission.is_valid
    answers_ = by_slug(submission)
    assert answers_["content-focus"].errors == []
    assert answers_["collaboration"].errors == ["Choose a rating from 1 to 5 for this criterion."]


def test_out_of_range_and_non_numbers_are_refused_and_kept_for_the_form():
    for value in ("0", "6", "-1", "4.5", "x", "٣", "99999999999999999999"):
        submission = read(f"rating-content-focus={value}&rating-collaboration=4")
        answer = by_slug(submission)["content-focus"]
        assert not submission.is_valid, value
        assert answer.score is None
        assert answer.sent_score == value
        assert "is not a rating" in answer.errors[0]


def test_a_repeated_rating_or_note_is_refused():
    submission = read("rating-content-focus=3&rating-content-focus=4&rating-collaboration=4")
    assert by_slug(submission)["content-focus"].errors == [
        "The link gives this criterion more than one rating; keep one."
    ]
    assert by_slug(submission)["content-focus"].score is None
    submission = read(
        "rating-content-focus=3&rating-collaboration=4&note-collaboration=a&note-collaboration=b"
    )
    assert by_slug(submission)["collaboration"].errors == [
        "The link gives this criterion more than one note; keep one."
    ]


def test_an_unknown_criterion_is_refused_but_unrelated_parameters_are_ignored():
    submission = read("rating-content-focus=3&rating-collaboration=4&rating-made-up=5")
    assert not submission.is_valid
    assert submission.errors == ["The link names a criterion that does not exist: “made-up”."]
    submission = read("rating-content-focus=3&rating-collaboration=4&utm_source=newsletter")
    assert submission.is_valid


def test_an_overlong_note_is_refused_and_kept_whole():
    note = "x" * (answers.NOTE_MAX_LENGTH + 1)
    submission = read(f"rating-content-focus=3&rating-collaboration=4&note-content-focus={note}")
    answer = by_slug(submission)["content-focus"]
    assert answer.errors == [f"The note is {len(note)} characters long; keep it to 1000."]
    assert answer.note == note
    fits = read(f"rating-content-focus=3&rating-collaboration=4&note-content-focus={note[:-1]}")
    assert fits.is_valid


def test_only_answer_parameters_count_as_a_submission():
    assert not answers.is_submitted(QueryDict(""))
    assert not answers.is_submitted(QueryDict("utm_source=x"))
    assert answers.is_submitted(QueryDict("note-collaboration="))
