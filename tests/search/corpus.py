"""The materials the search tests search, built from tests.factories.

One small collection stands in for a repository: English source materials spread over
every facet (disciplines, age ranges, countries, types, audiences, licences, resource
languages, diversity dimensions, PD uses, accessibility), some of them translated into
German, Czech or Greek with words only that language's version holds, and German labels
for the disciplines. A module builds it once through the `corpus` fixture (conftest.py,
`tests.conftest.shared_data`); the figures the tests pin (how many English materials, how many pages
of results) are stated here, next to the data they count.
"""

from dataclasses import dataclass, field

from materials import models
from tests import factories

# (slug, English name, German name)
DISCIPLINES = [
    ("physics", "Physics", "Physik"),
    ("chemistry", "Chemistry", "Chemie"),
    ("biology", "Biology", "Biologie"),
    ("mathematics", "Mathematics", "Mathematik"),
    ("technology", "Technology", "Technik"),
]


@dataclass(frozen=True)
class Spec:
    """One English material and the translations it gets ({language: (title, summary)})."""

    title: str
    summary: str
    disciplines: tuple[str, ...]
    ages: tuple[int, int]
    country: str
    resource_type: str = "teaching-unit"
    audience: str = "in-service"
    licence: str = "cc-by"
    slug: str | None = None
    features: tuple[str, ...] = ()
    hazards: tuple[str, ...] = ()
    used_in_pd: bool = False
    translations: dict = field(default_factory=dict)


# Translated materials first: their versions get the lowest primary keys of their language.
SPECS = [
    Spec(
        "Electric circuits",
        "Bulbs, batteries and switches that pupils wire up themselves.",
        ("physics",),
        (11, 14),
        "GR",
        resource_type="pd-activity",
        features=("alternativeText", "closedCaptions"),
        hazards=("none",),
        translations={
            "de": ("Elektrische Stromkreise", "Schüler bauen Stromkreise mit Batterien."),
            "el": ("Ηλεκτρικά κυκλώματα", "Εκπαιδευτικοί και μαθητές φτιάχνουν κυκλώματα."),
        },
    ),
    Spec(
        "Build a low-cost water filter",
        "Teachers and pupils test sand and charcoal as filters.",
        ("chemistry", "biology"),
        (10, 12),
        "DE",
        licence="cc-by-sa",
        used_in_pd=True,
        translations={
            "de": (
                "Einen kostengünstigen Wasserfilter bauen",
                "Lehrkräfte und Schüler testen Sand und Holzkohlefilter.",
            ),
        },
    ),
    Spec(
        "Rocks and soils",
        "Field work on the school grounds.",
        ("biology",),
        (8, 11),
        "GR",
        resource_type="pd-module",
        audience="pre-service",
        translations={"de": ("Gesteine und Böden", "Feldarbeit auf dem Schulgelände.")},
    ),
    Spec(
        "Observe and predict",
        "Pupils keep a weather diary for a week.",
        ("physics",),
        (9, 12),
        "CZ",
        licence="cc0",
        translations={"cs": ("Pozoruj a předpověz", "Učitelé a žáci pozorují počasí.")},
    ),
    Spec(
        "Energy in the school garden",
        "Measure the energy of sunlight with pupils and teachers.",
        ("physics", "biology"),
        (12, 15),
        "ES",
        resource_type="video",
        features=("transcript",),
        hazards=("noFlashingHazard",),
        translations={
            "de": ("Energie im Schulgarten", "Lehrkräfte messen die Energie des Sonnenlichts."),
            "el": ("Ενέργεια στον σχολικό κήπο", "Μετρήστε την ενέργεια με μαθηματικά."),
        },
    ),
    Spec(
        "Titration with kitchen chemicals",
        "Pupils find how much acid vinegar holds.",
        ("chemistry",),
        (15, 18),
        "DE",
        audience="teacher-educators",
    ),
    Spec(
        "Acids and bases at home",
        "A first look at titration with red cabbage.",
        ("chemistry",),
        (12, 14),
        "ES",
        licence="cc-by-nc",
    ),
    Spec(
        "Robots that sort recycling",
        "Pupils programme simple machines that sort waste.",
        ("technology", "physics"),
        (10, 13),
        "NL",
        resource_type="toolkit",
        used_in_pd=True,
    ),
    Spec(
        "Proportional reasoning with recipes",
        "Scaling a recipe up and down for a class party.",
        ("mathematics",),
        (11, 14),
        "NL",
        slug="proportional-reasoning-with-recipes",
        resource_type="assessment",
    ),
    Spec(
        "The physics of playgrounds",
        "Forces on the swings and the slide.",
        ("physics",),
        (13, 17),
        "DE",
        features=("alternativeText",),
        hazards=("noFlashingHazard", "noMotionSimulationHazard", "noSoundHazard"),
    ),
    Spec(
        "Modelling epidemics",
        "Spreadsheets for the growth of an outbreak.",
        ("mathematics", "biology"),
        (15, 19),
        "NL",
        audience="school-leaders",
        licence="all-rights-reserved",
    ),
    Spec(
        "Counting games for the early years",
        "Dice and cards that build number sense.",
        ("mathematics",),
        (4, 6),
        "ES",
        resource_type="handbook",
    ),
]

# Materials on the second page of results: plain English ones on varied facets.
FILLERS = 12
FILLER_DISCIPLINES = ["mathematics", "chemistry", "technology", "biology"]
FILLER_COUNTRIES = ["NL", "DE", "ES", "CZ"]
FILLER_AGES = [(6, 9), (10, 12), (12, 15), (15, 18)]

ENGLISH_MATERIALS = len(SPECS) + FILLERS  # 24: every one live in English
# A word only the German version of one corpus material holds.
GERMAN_ONLY_WORD = "Holzkohlefilter"
TRANSLATED_LANGUAGES = ("de", "cs", "el")


def filler(number: int) -> Spec:
    return Spec(
        f"Lesson study cycle {number}",
        f"A planning routine for a department, step {number}.",
        (FILLER_DISCIPLINES[number % 4],),
        FILLER_AGES[number % 4],
        FILLER_COUNTRIES[number % 4],
        licence=("cc-by", "cc-by-nd")[number % 2],
    )


@dataclass(frozen=True)
class Corpus:
    """Primary keys of what `build_corpus` made, and how many English materials were live
    before it (none, unless the session seeded the demo for another directory's tests)."""

    english: dict[str, int]  # English title -> page pk
    translations: dict[tuple[str, str], int]  # (English title, language) -> page pk
    disciplines: dict[str, int]  # slug -> English term pk
    english_before: int = 0

    @property
    def english_total(self) -> int:
        """The English materials a visitor can find: the corpus's and any there before."""
        return self.english_before + ENGLISH_MATERIALS


def translated(page, language: str, title: str, summary: str):
    """`page`'s published translation into `language` with its own title and summary, made
    as Wagtail's "Translate" action copies a page (its parent is translated already)."""
    translation = page.copy_for_translation(factories.locale(language))
    translation.title, translation.summary = title, summary
    return factories.publish(translation)


def discipline(slug: str, name: str) -> models.Discipline:
    """The source-language discipline `slug`, made where missing."""
    existing = models.Discipline.objects.filter(slug=slug, locale=factories.source_locale()).first()
    return existing or factories.DisciplineFactory(slug=slug, name=name)


def build_corpus() -> Corpus:
    """The collection above, published and indexed: the English tree, its home and material
    index translated into German, Czech and Greek, the disciplines with German labels, one
    partner, English and German resource languages and two diversity dimensions."""
    english_index = factories.site_tree().materials
    english_before = models.MaterialPage.objects.live().filter(locale=english_index.locale).count()
    for language in TRANSLATED_LANGUAGES:
        factories.translate_page(english_index, language)
    terms = {}
    for slug, name, german in DISCIPLINES:
        term = discipline(slug, name)
        factories.translate_term(term, "de", name=german)
        terms[slug] = term
    languages = [
        factories.resource_language("en", "English"),
        factories.resource_language("de", "German"),
    ]
    dimensions = factories.DiversityDimensionFactory.create_batch(2)
    partner = factories.PartnerFactory()

    english, translations = {}, {}
    specs = SPECS + [filler(number) for number in range(FILLERS)]
    for number, spec in enumerate(specs):
        page = factories.MaterialPageFactory(
            parent=english_index,
            title=spec.title,
            summary=spec.summary,
            age_min=spec.ages[0],
            age_max=spec.ages[1],
            country=spec.country,
            resource_type=spec.resource_type,
            audience=spec.audience,
            licence=spec.licence,
            accessibility_features=list(spec.features),
            accessibility_hazards=list(spec.hazards),
            partner=partner,
            **({"slug": spec.slug} if free_slug(english_index, spec.slug) else {}),
        )
        page.disciplines = [terms[slug] for slug in spec.disciplines]
        page.resource_languages = languages[: 1 + number % 2]
        page.diversity_dimensions = dimensions[: number % 3]
        page = factories.publish(page)
        english[spec.title] = page.pk
        if spec.used_in_pd:
            factories.PDUseFactory(material=page, partner=partner)
    for spec in SPECS:
        for language, (title, summary) in spec.translations.items():
            page = models.MaterialPage.objects.get(pk=english[spec.title])
            translations[(spec.title, language)] = translated(page, language, title, summary).pk
    return Corpus(
        english=english,
        translations=translations,
        disciplines={slug: term.pk for slug, term in terms.items()},
        english_before=english_before,
    )


def free_slug(parent, slug: str | None) -> bool:
    """Whether `slug` is given and no child of `parent` holds it yet."""
    return bool(slug) and not parent.get_children().filter(slug=slug).exists()
