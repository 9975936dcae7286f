"""A small multilingual repository for the open-data tests, built with `tests.factories`.

OAI-PMH, the APIs, the feeds, the JSON-LD and the sitemaps all serialise the same things: live
materials in several languages, their terms with a label per language, files, reviews,
catalogues, PD uses and accessibility metadata. Building pages is what costs time, so
tests/open_data/conftest.py builds this once for the directory (see `shared_data`) and the
tests compare what they receive with what was built here.

The figures the tests pin are stated here (`BUILT`). When the session also seeded the demo
(a whole-suite run), the demo's live materials are there too: `Repository.before` counts them,
so a test's expected total is the demo's (none when the directory runs alone) plus what this
module built.
"""

import itertools
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from materials.models import Discipline, MaterialFile, MaterialPage, Partner
from tests import factories

LANGUAGES = ("en", "de", "nl", "cs", "el")
"""The source language first, then the four it is translated into."""

TRANSLATED = 3
"""English materials translated into every other language of LANGUAGES."""

UNTRANSLATED = 17
"""Plain English materials, only in English: with the translated ones, 20 English materials
made before any translation, so the pages API's first 20 materials (by id) share one
language, as its query-count test needs, and every list pages past a small limit."""

BUILT = {"en": TRANSLATED + UNTRANSLATED, **dict.fromkeys(LANGUAGES[1:], TRANSLATED)}
"""Live materials built per language: 20 English, 3 in each other language, 32 records."""

TREE_PAGES = 4
"""A language's home page and its three index pages, built in every language."""

# schema.org accessibility keys (see materials.accessibility), on the first translated material.
ACCESSIBILITY = {
    "access_modes": ["textual", "visual"],
    "accessibility_features": ["alternativeText", "MathML"],
    "accessibility_hazards": ["noFlashingHazard"],
    "accessibility_summary": "Every diagram has a text alternative.",
}
FILES_PER_MATERIAL = 2  # two PDFs: RSS carries one enclosure, Atom and OAI every file


@dataclass(frozen=True)
class Repository:
    """Primary keys of what was built (tests reload the objects) and the figures to expect."""

    sources: tuple[int, ...]
    """The English materials translated into every other language, oldest first."""
    untranslated: tuple[int, ...]
    catalogue: int
    image: int
    before: dict[str, int]
    """Live materials per language before the build: the demo's, when the session seeded it."""

    def records(self, language: str | None = None) -> int:
        """Live materials (OAI records) expected in `language`, or in every language."""
        languages = [language] if language else LANGUAGES
        return sum(self.before.get(code, 0) + BUILT[code] for code in languages)

    def source(self, n: int = 0) -> MaterialPage:
        return MaterialPage.objects.get(pk=self.sources[n])

    def translation(self, language: str, n: int = 0) -> MaterialPage:
        """The live `language` version of the n-th translated material."""
        source = self.source(n)
        return MaterialPage.objects.live().get(
            translation_key=source.translation_key, locale__language_code=language
        )


def live_materials_per_language() -> dict[str, int]:
    return dict(
        Counter(MaterialPage.objects.live().values_list("locale__language_code", flat=True))
    )


def labelled(term):
    """`term` with a label in every other language of LANGUAGES, e.g. "Physics [de]"."""
    for language in LANGUAGES[1:]:
        factories.translate_term(term, language, name=f"{term.name} [{language}]")
    return term


def discipline(slug: str, name: str) -> Discipline:
    """The English discipline `slug` (the existing one where the demo has it), labelled."""
    term = Discipline.objects.get_or_create(
        slug=slug, locale=factories.source_locale(), defaults={"name": name}
    )[0]
    return labelled(term)


def described_source(n: int, tree, partner: Partner, terms: dict) -> MaterialPage:
    """A fully described English material with two files, a review and a PD use."""
    english = terms["languages"][0]
    material = factories.MaterialPageFactory(
        parent=tree.materials,
        title=f"Electric circuits {n}",
        summary=f"Teachers build and measure circuits, part {n}.",
        partner=partner,
        authors="Ana Novak, Ben Smit",
        year=2020 + n,
        keywords="circuits, energy",
        duration_hours=Decimal("2.5"),
        country="DE",
        licence="cc-by-sa",
        cover_image_id=terms["image"].pk,
        **(ACCESSIBILITY if n == 0 else {}),
    )
    material.disciplines = terms["disciplines"][n : n + 2]
    material.resource_languages = terms["languages"]
    material.diversity_dimensions = terms["dimensions"]
    material.files = [
        MaterialFile(
            title=f"Worksheet {position}", document=factories.DocumentFactory(), language=english
        )
        for position in range(FILES_PER_MATERIAL)
    ]
    material = factories.publish(material)
    factories.review_of(material, dict(zip(terms["criteria"], (3, 4, 5), strict=True)))
    factories.PDUseFactory(material=material, partner=partner)
    return material


def plain_material(tree, partner: Partner, discipline: Discipline, terms: dict) -> int:
    """A published English material with one discipline and the same kinds of terms as a
    described one (so a feed or listing of them localises the same term models), no files."""
    page = factories.MaterialPageFactory(parent=tree.materials, partner=partner)
    page.disciplines = [discipline]
    page.resource_languages = terms["languages"][:1]
    page.diversity_dimensions = terms["dimensions"][:1]
    return factories.publish(page).pk


def build() -> Repository:
    """The repository: TRANSLATED described English materials and UNTRANSLATED plain ones
    (the newest in the English feed), then the described ones' translations into every other
    language of LANGUAGES (the last material's are the newest in those feeds), a catalogue
    listing the first two described materials, and an image."""
    before = live_materials_per_language()
    trees = {language: factories.site_tree(language) for language in LANGUAGES}
    tree = trees["en"]
    partner = factories.PartnerFactory()
    for language in LANGUAGES[1:]:
        factories.translate_term(partner, language)  # a centre keeps its name in every language
    disciplines = [
        discipline("physics", "Physics"),
        discipline("biology", "Biology"),
        discipline("mathematics", "Mathematics"),
        discipline("chemistry", "Chemistry"),
    ]
    terms = {
        "disciplines": disciplines,
        "languages": [
            labelled(factories.resource_language("en", "English")),
            labelled(factories.resource_language("de", "German")),
        ],
        "dimensions": [
            labelled(term) for term in factories.DiversityDimensionFactory.create_batch(2)
        ],
        "criteria": [labelled(term) for term in factories.QualityCriterionFactory.create_batch(3)],
        "image": factories.ImageFactory(),
    }
    sources = [described_source(n, tree, partner, terms) for n in range(TRANSLATED)]
    untranslated = [
        plain_material(tree, partner, term, terms)
        for term in itertools.islice(itertools.cycle(disciplines), UNTRANSLATED)
    ]
    for source in sources:
        for language in LANGUAGES[1:]:
            factories.translate_page(source, language, title=f"{source.title} [{language}]")
    catalogue = factories.full_catalogue(tree.catalogues, materials=sources[:2])
    return Repository(
        sources=tuple(page.pk for page in sources),
        untranslated=tuple(untranslated),
        catalogue=catalogue.pk,
        image=terms["image"].pk,
        before=before,
    )
