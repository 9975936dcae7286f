"""The network's open statistics, gathered in a fixed number of queries at any size.

Everything is counted from data the site already keeps for other reasons: the anonymous
download counters (materials.models.downloads), the PD use records, the live pages and their
translations, visitors' translation requests (counts only), the reviews. Nothing here reads
or returns anything about a person.

Each series is a list of rows {"key", "label", "value"} (plus extra numbers where a series
has them), so the page, the JSON and the CSV are three renderings of one structure. Labels
are in the active language; keys are the canonical slugs and codes.
"""

from collections import Counter, defaultdict

from django_countries import countries

from django.conf import settings
from django.db.models import Sum
from django.utils import translation

from materials.age_bands import AGE_BANDS, bands_for
from materials.localization import localize_groups
from materials.models import (
    Discipline,
    MaterialDownloadCount,
    MaterialPage,
    MonthlyDownloadCount,
    PDFormat,
    PDUse,
    QualityCriterion,
    ResourceLanguage,
    ReviewedMaterial,
    ReviewRating,
)
from translation.dashboard import is_outdated
from translation.models import TranslationDemand


def row(key, label, value, **extra) -> dict:
    return {"key": str(key), "label": str(label), "value": value, **extra}


def collect() -> dict:
    """Every statistic, in the active language, in 16 queries whatever the size of the
    collection: view restrictions and live versions (2), download totals and months (2),
    resource languages and disciplines (links, canonical terms, labels: 3 each), PD uses,
    translation requests, reviewed materials, ratings, criteria and their labels (2)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    versions = list(
        MaterialPage.objects.live()
        .public()
        .values_list(
            "translation_key",
            "locale__language_code",
            "last_published_at",
            "age_min",
            "age_max",
            "partner__slug",
            "partner__institution",
        )
    )
    sources = {}
    for key, code, published, age_min, age_max, partner, institution in versions:
        if code == settings.LANGUAGE_CODE or key not in sources:
            sources[key] = {
                "published": published,
                "ages": (age_min, age_max),
                "partner": (partner, institution),
                "source": code == settings.LANGUAGE_CODE,
            }
    return {
        "materials": len(sources),
        "downloads": downloads(sources, language),
        "pd_uses": pd_uses(),
        "translations": translations(sources, versions),
        "quality_criteria": quality_criteria(sources, language),
        "age_bands": age_bands(sources),
    }


def downloads(sources: dict, language: str) -> dict:
    totals = {
        key: count
        for key, count in MaterialDownloadCount.objects.values_list("translation_key", "count")
        if key in sources
    }
    per_month = [
        row(f"{month:%Y-%m}", f"{month:%Y-%m}", total)
        for month, total in MonthlyDownloadCount.objects.filter(translation_key__in=list(sources))
        .values("month")
        .annotate(total=Sum("count"))
        .order_by("month")
        .values_list("month", "total")
    ]
    per_partner: Counter = Counter()
    partner_labels = {}
    for key, facts in sources.items():
        slug, institution = facts["partner"]
        if slug:
            per_partner[slug] += totals.get(key, 0)
            partner_labels[slug] = institution
    return {
        "total": sum(totals.values()),
        "per_month": per_month,
        "per_language": _per_term(
            ResourceLanguage, "resource_languages", "code", sources, totals, language
        ),
        "per_partner": [
            row(slug, partner_labels[slug], count)
            for slug, count in sorted(per_partner.items(), key=lambda item: (-item[1], item[0]))
        ],
        "per_discipline": _per_term(Discipline, "disciplines", "slug", sources, totals, language),
    }


def _per_term(model, relation, key_field, sources, totals, language) -> list[dict]:
    """Downloads per term of a material's taxonomy: a material counts in each of its terms.
    Two queries: the links, and the terms' labels in the active language."""
    through = getattr(MaterialPage, relation).through
    target = next(
        field.name
        for field in through._meta.get_fields()
        if field.is_relation and field.many_to_one and field.name != "materialpage"
    )
    sums: Counter = Counter()
    terms = {}
    seen = set()
    for page_key, term_id, term_key in through.objects.filter(
        materialpage__translation_key__in=list(sources),
        materialpage__live=True,
    ).values_list("materialpage__translation_key", f"{target}_id", f"{target}__{key_field}"):
        if (page_key, term_key) in seen:  # every language version links the same terms
            continue
        seen.add((page_key, term_key))
        sums[term_key] += totals.get(page_key, 0)
        terms[term_key] = term_id
    canonical = list(model.objects.filter(pk__in=set(terms.values())))
    labels = {
        getattr(term, key_field): term.name
        for term in localize_groups({"terms": canonical}, language)["terms"]
    }
    return [
        row(key, labels.get(key, key), count)
        for key, count in sorted(sums.items(), key=lambda item: (-item[1], item[0]))
    ]


def pd_uses() -> dict:
    by_country: dict = defaultdict(lambda: [0, 0])
    by_format: dict = defaultdict(lambda: [0, 0])
    for country, pd_format, teachers in PDUse.objects.values_list("country", "format", "teachers"):
        by_country[country][0] += 1
        by_country[country][1] += teachers
        by_format[pd_format][0] += 1
        by_format[pd_format][1] += teachers
    labels = dict(PDFormat.choices)
    return {
        "total": sum(uses for uses, _teachers in by_country.values()),
        "teachers": sum(teachers for _uses, teachers in by_country.values()),
        "per_country": [
            row(code, countries.name(code), uses, teachers=teachers)
            for code, (uses, teachers) in sorted(by_country.items(), key=lambda i: (-i[1][0], i[0]))
        ],
        "per_format": [
            row(key, labels[key], by_format[key][0], teachers=by_format[key][1])
            for key in PDFormat.values
        ],
    }


def translations(sources: dict, versions: list) -> dict:
    """Per partner language other than the source: materials live in it, outdated ones
    (the source published after the translation), and visitors' open requests for
    materials not yet translated."""
    source_dates = {key: facts["published"] for key, facts in sources.items() if facts["source"]}
    live: dict[str, dict] = defaultdict(dict)
    for key, code, published, *_rest in versions:
        live[code][key] = published
    requests: Counter = Counter()
    for key, code, count in TranslationDemand.objects.values_list(
        "translation_key", "locale__language_code", "count"
    ):
        if key in sources and key not in live[code]:
            requests[code] += count
    total = len(source_dates)
    rows = []
    for code, name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        translated = [key for key in live[code] if key in source_dates]
        outdated = sum(1 for key in translated if is_outdated(source_dates[key], live[code][key]))
        rows.append(
            row(
                code,
                name,  # the language's own name, as the language switcher shows it
                len(translated),
                percent=round(100 * len(translated) / total) if total else 0,
                outdated=outdated,
                open_requests=requests[code],
            )
        )
    return {"source_materials": total, "per_language": rows}


def quality_criteria(sources: dict, language: str) -> list[dict]:
    """Per quality criterion: the materials a live review rates on it, and their average."""
    reviewed: dict[int, set] = defaultdict(set)
    for review_id, material_key in ReviewedMaterial.objects.filter(page__live=True).values_list(
        "page_id", "material__translation_key"
    ):
        if material_key in sources:
            reviewed[review_id].add(material_key)
    scores: dict[str, dict] = defaultdict(dict)
    for review_id, criterion, score in ReviewRating.objects.filter(page__live=True).values_list(
        "page_id", "criterion__slug", "score"
    ):
        for material_key in reviewed.get(review_id, ()):
            scores[criterion].setdefault(material_key, []).append(score)
    criteria = list(QualityCriterion.objects.filter(locale__language_code=settings.LANGUAGE_CODE))
    criteria = localize_groups({"criteria": criteria}, language)["criteria"]
    rows = []
    for criterion in criteria:
        by_material = scores.get(criterion.slug, {})
        all_scores = [score for found in by_material.values() for score in found]
        rows.append(
            row(
                criterion.slug,
                criterion.name,
                len(by_material),
                average=round(sum(all_scores) / len(all_scores), 2) if all_scores else None,
            )
        )
    return rows


def age_bands(sources: dict) -> list[dict]:
    counts: Counter = Counter()
    for facts in sources.values():
        for band in bands_for(*facts["ages"]):
            counts[band.key] += 1
    return [row(band.key, band.label, counts[band.key]) for band in AGE_BANDS]
