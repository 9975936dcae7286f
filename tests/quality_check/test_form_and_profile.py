"""/<lang>/quality-check/: the form in every partner language, the profile, the 400s."""

import re

import pytest

from django.utils import translation

from quality_check import views
from quality_check.scale import LEVELS
from tests import factories
from tests.quality_check.builders import (
    LABELS,
    LANGUAGES,
    average,
    canonical_criteria,
    criteria,
    other_ratings,
    query,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_criteria():
    factories.site_tree()
    return criteria(3)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_renders_in_every_partner_language(client, three_criteria, language):
    response = client.get(f"/{language}/quality-check/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    form = re.search(r'<form class="qc-form" method="get"[^>]*>(.*?)</form>', html, re.S)
    assert form, "a plain GET form"
    assert "csrfmiddlewaretoken" not in form.group(1)
    fieldsets = [
        re.search(rf'<fieldset[^>]*id="criterion-{c.slug}".*?</fieldset>', form.group(1), re.S)
        for c in three_criteria
    ]
    assert all(fieldsets), "one fieldset per criterion"
    fieldsets = [match.group(0) for match in fieldsets]
    assert form.group(1).count("<fieldset") == len(canonical_criteria())
    with translation.override(language):
        level_labels = [str(level.label) for level in LEVELS]
        descriptors = [str(level.descriptor) for level in LEVELS]
    with translation.override("en"):
        english_labels = [str(level.label) for level in LEVELS]
    if language != "en":
        assert level_labels != english_labels, "the level labels are translated"
    for n, (criterion, fieldset) in enumerate(zip(three_criteria, fieldsets, strict=True)):
        label = f"Criterion {n}" if language == "en" else f"{LABELS[language]} {n}"
        assert f"<legend>{label}</legend>" in fieldset
        guidance = (
            f"Guidance {n} in English." if language == "en" else f"Guidance {n} ({language})."
        )
        assert guidance in fieldset
        radios = re.findall(rf'type="radio" name="rating-{criterion.slug}" value="(\d)"', fieldset)
        assert radios == ["1", "2", "3", "4", "5"]
        for text in level_labels + descriptors:
            assert text in fieldset
        assert f'name="note-{criterion.slug}"' in fieldset


def test_submitting_returns_the_profile_with_strengths_and_weakest(client, three_criteria):
    first, second, third = three_criteria
    url = "/en/quality-check/?" + query({first: 5, second: 1, third: 3}, {second: "No peers"})
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    strengths = html.split("<h3>Strengths</h3>")[1].split("<h3>")[0]
    assert "Criterion 0" in strengths
    assert "Criterion 1" not in strengths and "Criterion 2" not in strengths
    weak = re.findall(r'<h4 id="weak-([\w-]+)">', html)
    assert weak == [second.slug, third.slug]
    assert "No peers" in html
    assert f"Average rating: {average({first: 5, second: 1, third: 3}):.1f} of 5." in html
    assert response["Cache-Control"] == "private, no-cache"
    assert "noindex" in response["X-Robots-Tag"]
    # The shared URL and the PDF hold the answers.
    assert f"rating-{second.slug}=1" in re.search(r'id="qc-share"[^>]*value="([^"]+)"', html)[1]
    assert re.search(rf'href="/en/quality-check/profile.pdf\?[^"]*rating-{first.slug}=5', html)
    # The form below the profile keeps the answers.
    assert re.search(rf'name="rating-{first.slug}" value="5" required checked', html)


def test_the_profile_speaks_the_visitors_language(client, three_criteria):
    first, second, third = three_criteria
    response = client.get("/de/quality-check/?" + query({first: 4, second: 2, third: 2}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ihr Profil" in html and "Stärken" in html
    assert f'<h4 id="weak-{second.slug}">Kriterium 1: 2/5' in html
    expected = f"{average({first: 4, second: 2, third: 2}):.1f}".replace(".", ",")
    assert f"Durchschnittliche Bewertung: {expected} von 5." in html


def test_a_profile_in_every_language_links_to_itself_in_the_others(client, three_criteria):
    answers = query(dict.fromkeys(three_criteria, 3))
    html = client.get(f"/nl/quality-check/?{answers}").content.decode()
    for language in LANGUAGES:
        link = f'href="/{language}/quality-check/?{answers}"'.replace("&", "&amp;")
        assert (link in html) == (language != "nl"), language
    assert '<span aria-current="true" lang="nl">' in html


BAD_QUERIES = {
    "missing rating": (
        "rating-{0}=3&rating-{1}=4&note-{2}=kept+note",
        "Choose a rating from 1 to 5",
    ),
    "out of range": (
        "rating-{0}=3&rating-{1}=4&rating-{2}=6&note-{2}=kept+note",
        "“6” is not a rating",
    ),
    "not a number": (
        "rating-{0}=3&rating-{1}=4&rating-{2}=abc&note-{2}=kept+note",
        "“abc” is not a rating",
    ),
    "repeated field": (
        "rating-{0}=3&rating-{1}=4&rating-{2}=2&rating-{2}=5&note-{2}=kept+note",
        "more than one rating",
    ),
    "unknown criterion": (
        "rating-{0}=3&rating-{1}=4&rating-{2}=2&rating-nonsense=5&note-{2}=kept+note",
        "a criterion that does not exist: “nonsense”",
    ),
    "overlong note": (
        "rating-{0}=3&rating-{1}=4&rating-{2}=2&note-{2}=kept+note" + "x" * 1000,
        "characters long; keep it to 1000",
    ),
}


@pytest.mark.parametrize("path", ["/en/quality-check/", "/en/quality-check/profile.pdf"])
@pytest.mark.parametrize("case", sorted(BAD_QUERIES))
def test_a_tampered_url_gets_the_form_back_with_a_message_and_a_400(
    client, three_criteria, case, path
):
    template, message = BAD_QUERIES[case]
    others = other_ratings(three_criteria)
    url = path + "?" + others + template.format(*(criterion.slug for criterion in three_criteria))
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert '<form class="qc-form"' in html
    assert "Your profile" not in html
    assert "kept note" in html, "the visitor's note is not lost"
    assert re.search(rf'name="rating-{three_criteria[0].slug}" value="3" required checked', html)


def test_the_pdf_without_answers_is_a_400_with_the_form(client, three_criteria):
    response = client.get("/en/quality-check/profile.pdf")
    assert response.status_code == 400
    assert "Rate every criterion first" in response.content.decode()


def test_only_get_is_answered(client, three_criteria):
    assert client.post("/en/quality-check/", {}).status_code == 405


def test_without_criteria_the_page_says_so(client, monkeypatch):
    factories.site_tree()
    monkeypatch.setattr(views, "criteria_for", lambda language: [])
    response = client.get("/en/quality-check/")
    assert response.status_code == 200
    assert "No quality criteria have been published yet." in response.content.decode()
