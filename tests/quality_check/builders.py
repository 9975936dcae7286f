"""Data for the self-check tests: criteria with translations, and the query string of a
set of answers."""

from urllib.parse import urlencode

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


def query(scores: dict, notes: dict | None = None) -> str:
    """The query string of the answers: {criterion: score}, {criterion: note}."""
    pairs = [(f"rating-{criterion.slug}", str(score)) for criterion, score in scores.items()]
    pairs += [(f"note-{criterion.slug}", note) for criterion, note in (notes or {}).items()]
    return urlencode(pairs)
