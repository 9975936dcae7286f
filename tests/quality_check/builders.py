"""Data for the self-check tests: criteria with translations, and the query string of a
set of answers."""

from urllib.parse import urlencode

from materials.models import QualityCriterion
from tests import factories

LANGUAGES = ["en", "de", "nl", "cs", "el"]
# A label per language, so a test sees the criterion shown in the visitor's language.
LABELS = {"de": "Kriterium", "nl": "Criterium", "cs": "Kritérium", "el": "Κριτήριο"}


def criteria(count: int = 3, languages=("de", "nl", "cs", "el")) -> list:
    """`count` canonical criteria with guidance, translated into `languages`."""
    made = []
    for n in range(count):
        criterion = factories.QualityCriterionFactory(
            name=f"Criterion {n}", description=f"Guidance {n} in English.", sort_order=n
        )
        for language in languages:
            factories.translate_term(
                criterion,
                language,
                name=f"{LABELS[language]} {n}",
                description=f"Guidance {n} ({language}).",
            )
        made.append(criterion)
    return made


def query(scores: dict, notes: dict | None = None, others: int = 5) -> str:
    """The query string of a complete set of answers: {criterion: score}, {criterion: note};
    any other published criterion (the demo's, when a test run seeded it) is rated `others`,
    a strength by default, so it does not add recommendations."""
    return urlencode(pairs(scores, notes, others))


def pairs(scores: dict, notes: dict | None = None, others: int = 5) -> list[tuple[str, str]]:
    rated = {criterion.slug: score for criterion, score in scores.items()}
    for criterion in canonical_criteria():
        rated.setdefault(criterion.slug, others)
    answers = [(f"rating-{slug}", str(score)) for slug, score in rated.items()]
    return answers + [(f"note-{c.slug}", note) for c, note in (notes or {}).items()]


def canonical_criteria() -> list:
    return list(QualityCriterion.objects.filter(locale=factories.source_locale()))


def other_ratings(mine: list, score: int = 5) -> str:
    """`rating-<slug>=score&` for every published criterion not in `mine` ("" when none)."""
    slugs = {criterion.slug for criterion in mine}
    return "".join(f"rating-{c.slug}={score}&" for c in canonical_criteria() if c.slug not in slugs)


def average(scores: dict, others: int = 5) -> float:
    """The profile's average for these answers (with every other criterion at `others`)."""
    values = [scores.get(criterion, others) for criterion in canonical_criteria()]
    return sum(values) / len(values)
