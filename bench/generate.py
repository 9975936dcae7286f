"""Synthetic materials for the search benchmark, inserted in bulk.

page.add_child() costs several queries per page (treebeard, revisions, signals), so
10,000 pages would take minutes. Here the Page rows go in with bulk_create at the
treebeard paths that add_child would give them, the MaterialPage rows with one INSERT
per batch, the many-to-many rows with bulk_create, and the search index with the
backend's add_bulk: the rows and index entries publishing leaves, minus revisions,
which nothing in search reads. About one material in ten also gets a German version
(same translation_key) under the German material index.

Texts are drawn from STEM vocabularies with a Zipf distribution, so some words are
common and others rare; `document_frequency` counts the English materials holding
each word, for choosing query words that match a known share.
"""

import datetime
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from materials.licences import LICENCE_CHOICES
from materials.models import (
    CustomImage,
    Discipline,
    DiversityDimension,
    MaterialDownloadCount,
    MaterialIndexPage,
    MaterialPage,
    Partner,
    ResourceLanguage,
)
from materials.models.choices import Audience, ResourceType
from search.text import search_terms


def word_list(text: str) -> list[str]:
    return text.split()


# Most common first. One form per stem, so that PostgreSQL's stemming does not merge
# two words into one; a few German, Greek and Czech words test accent folding.
ENGLISH_WORDS = word_list("""
classroom pupils inquiry teachers experiment lesson energy reasoning data model
discussion fractions measurement investigation circuits forces geometry algebra
feedback prediction plants climate graphs probability coding water light cells
collaboration assessment vocabulary worksheet fieldwork robots sensors bridges
statistics equations misconceptions argumentation scaffolding observation simulation
electricity magnetism motion gravity sound waves heat temperature atoms molecules
reactions acids solutions mixtures genetics evolution ecosystems animals weather rocks
soils oceans volcanoes earthquakes planets stars moon sunlight telescope algorithms
programming engineering structures levers pulleys gears friction pressure density
buoyancy floating sinking magnets batteries voltage resistance current insulation
conductors thermometer microscope bacteria fungi seeds photosynthesis pollination
habitats biodiversity recycling pollution sustainability renewable wind solar turbines
hydrogen carbon oxygen nitrogen metals plastics polymers crystals salt sugar vinegar
titration indicators kitchen recipes cooking nutrition digestion skeleton muscles heart
lungs blood senses hearing vision colour prisms mirrors lenses rainbows shadows
reflection refraction pendulum oscillation frequency amplitude resonance music
instruments rhythm patterns symmetry tessellation angles triangles circles polygons
area volume perimeter coordinates vectors matrices logarithms exponentials derivatives
integrals limits sequences series primes divisibility percentages ratio proportion
decimals integers negative estimation rounding money budgets spreadsheets charts
histograms averages median variance sampling surveys chance dice cards puzzles games
storytelling drama drawing sketching prototypes testing iteration maps compass
navigation orbits seasons tides eclipses comets asteroids galaxies universe rockets
satellites astronauts microbit arduino python scratch loops variables conditionals
debugging encryption networks internet privacy sorting searching
drones electronics soldering motors switches bulbs wires diodes
transistors logic binary pixels images acoustics earthworms insects
butterflies birds fish frogs trees flowers leaves roots stems fruit bread yeast milk
cheese fermentation enzymes proteins vitamins minerals fossils dinosaurs glaciers
rivers erosion sediment mountains deserts forests wetlands coral reefs plankton whales
Schüler Wärme Größe Lösung Übung Μαθηματικά φυσική πείραμα ενέργεια příroda měření
síla světlo čísla zlomky
""")

GERMAN_WORDS = word_list("""
Unterricht Schülerinnen Lehrkräfte Versuch Energie Mathematik Physik Chemie Biologie
Brüche Gleichungen Messung Daten Modell Stromkreis Kräfte Bewegung Licht Schall Wärme
Temperatur Stoffe Atome Reaktionen Säuren Lösungen Zellen Pflanzen Tiere Klima Wetter
Gesteine Boden Wasser Planeten Sterne Roboter Programmieren Algorithmen Sensoren Brücken
Maschinen Zusammenarbeit Diskussion Begründen Bewertung Rückmeldung Reflexion
Fehlvorstellungen Sprache zweisprachig Vielfalt Inklusion Differenzierung Beobachtung
Vorhersage Erklärung Untersuchung Arbeitsblatt Unterrichtsstunde Fortbildung Werkstatt
Spiel Geschichte Projekt Grundschule Sekundarstufe Größe Übung Schwimmen Sinken
Magnetismus Elektrizität Schwerkraft Reibung Dichte Wahrscheinlichkeit Statistik
""")

AUTHORS = word_list("""
Anna_Müller Jan_Novák Eleni_Papadopoulou Sofia_García Pieter_de_Vries Lukas_Huber
Martina_Dvořáková Nikos_Georgiou Ingrid_Haugen Maria_Borg Peter_Kováč Andreas_Christou
Claire_Martin Giulia_Rossi João_Silva Katarzyna_Nowak Mikko_Virtanen Astrid_Lindqvist
Zsófia_Szabó Jürgen_Weiß Σοφία_Νικολάου Tomáš_Černý
""")

DISCIPLINES = {
    "mathematics": 25,
    "physics": 18,
    "biology": 14,
    "chemistry": 12,
    "computer-science": 11,
    "earth-and-space-science": 8,
    "engineering-and-technology": 7,
    "interdisciplinary-stem": 5,
}
# Country -> (weight, the main language of its materials).
COUNTRIES = {
    "DE": (20, "de"),
    "NL": (12, "nl"),
    "ES": (10, "es"),
    "CZ": (9, "cs"),
    "GR": (8, "el"),
    "AT": (6, "de"),
    "SK": (5, "sk"),
    "NO": (5, "nb"),
    "MT": (4, "mt"),
    "CY": (3, "el"),
    "FR": (4, "fr"),
    "IT": (4, "it"),
    "PL": (3, "pl"),
    "FI": (2, "fi"),
    "SE": (2, "sv"),
    "HU": (2, "hu"),
    "PT": (2, "pt"),
    "IE": (3, "en"),
}
# (age_min, age_max) -> weight; the bands these touch are in materials/age_bands.py.
AGE_RANGES = {
    (3, 6): 6,
    (5, 8): 6,
    (6, 10): 12,
    (8, 11): 8,
    (10, 12): 10,
    (10, 14): 12,
    (12, 15): 16,
    (12, 16): 8,
    (14, 18): 10,
    (15, 19): 8,
    (19, 99): 6,
}
GERMAN_SHARE = 0.1
DOWNLOADED_SHARE = 0.6


@dataclass
class Vocabulary:
    words: list[str]
    cum_weights: list[float]

    @classmethod
    def zipf(cls, words: list[str], exponent: float) -> "Vocabulary":
        return cls(words, list(accumulate(1 / rank**exponent for rank in range(1, len(words) + 1))))


@dataclass
class Generated:
    english: int = 0
    german: int = 0
    insert_seconds: float = 0.0
    index_seconds: float = 0.0


class MaterialGenerator:
    """Adds synthetic materials; call `add(n)` repeatedly to grow the same database."""

    def __init__(self, seed: int = 20250101):
        self.random = random.Random(seed)
        self.english_vocabulary = Vocabulary.zipf(ENGLISH_WORDS, 1.1)
        self.german_vocabulary = Vocabulary.zipf(GERMAN_WORDS, 1.0)
        self.document_frequency: Counter[str] = Counter()  # folded word -> English materials
        self.english_count = self.german_count = 0  # synthetic materials so far
        self.serial = 0  # numbers the slugs
        self.english = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        self.german = Locale.objects.get(language_code="de")
        self.indexes = {
            locale.pk: MaterialIndexPage.objects.get(locale=locale)
            for locale in (self.english, self.german)
        }
        self.content_type = ContentType.objects.get_for_model(MaterialPage)
        canonical = {"locale": self.english}
        self.disciplines = {t.slug: t.pk for t in Discipline.objects.filter(**canonical)}
        self.languages = {t.code: t.pk for t in ResourceLanguage.objects.filter(**canonical)}
        self.dimensions = list(
            DiversityDimension.objects.filter(**canonical).values_list("pk", flat=True)
        )
        self.partners = list(Partner.objects.filter(**canonical).values_list("pk", flat=True))
        names = dict(Discipline.objects.values_list("pk", "name"))
        covers = dict(CustomImage.objects.values_list("title", "pk"))
        self.covers = {pk: covers.get(f"Cover: {name}") for pk, name in names.items()}
        self.now = timezone.now()

    # -- texts ----------------------------------------------------------------------------

    def words(self, vocabulary: Vocabulary, low: int, high: int) -> str:
        count = self.random.randint(low, high)
        return " ".join(
            self.random.choices(vocabulary.words, cum_weights=vocabulary.cum_weights, k=count)
        )

    def texts(self, vocabulary: Vocabulary) -> tuple[str, str, list[dict]]:
        title = self.words(vocabulary, 4, 7)
        summary = self.words(vocabulary, 18, 30)[:299] + "."
        paragraphs = "".join(f"<p>{self.words(vocabulary, 12, 20)}.</p>" for _ in range(2))
        commentary = [{"type": "text", "value": paragraphs}]
        return title[0].upper() + title[1:], summary, commentary

    # -- one material ---------------------------------------------------------------------

    def pick(self, weights: dict):
        return self.random.choices(list(weights), weights=list(weights.values()))[0]

    def classification(self) -> dict:
        country = self.pick({code: weight for code, (weight, _) in COUNTRIES.items()})
        languages = {COUNTRIES[country][1]}
        if self.random.random() < 0.4:
            languages.add("en")
        disciplines = set()
        for _ in range(self.random.choices((1, 2, 3), weights=(70, 25, 5))[0]):
            disciplines.add(self.pick(DISCIPLINES))
        age_min, age_max = self.pick(AGE_RANGES)
        published = self.now - datetime.timedelta(minutes=self.random.randint(0, 5 * 365 * 24 * 60))
        discipline_ids = [self.disciplines[slug] for slug in sorted(disciplines)]
        return {
            "fields": {
                "age_min": age_min,
                "age_max": age_max,
                "country": country,
                "resource_type": self.random.choice(ResourceType.values),
                "audience": self.random.choice(Audience.values),
                "licence": self.random.choice(LICENCE_CHOICES)[0],
                "partner_id": self.random.choice(self.partners),
                "authors": ", ".join(
                    name.replace("_", " ")
                    for name in self.random.sample(AUTHORS, self.random.randint(1, 3))
                ),
                "year": self.random.randint(2005, 2025),
                "duration_hours": (
                    Decimal(self.random.randint(1, 40)) / 2 if self.random.random() < 0.7 else None
                ),
                "cover_image_id": self.covers.get(discipline_ids[0]),
                "translation_key": uuid.uuid4(),
                "first_published_at": published,
                "last_published_at": published,
                "latest_revision_created_at": published,
            },
            "disciplines": discipline_ids,
            "languages": [self.languages[code] for code in sorted(languages)],
            "dimensions": self.random.sample(self.dimensions, self.random.randint(0, 2)),
        }

    def material(self, locale: Locale, slug: str, classification: dict) -> MaterialPage:
        vocabulary = self.english_vocabulary if locale == self.english else self.german_vocabulary
        title, summary, commentary = self.texts(vocabulary)
        if locale == self.english:
            self.english_count += 1
            text = f"{title} {summary} {commentary[0]['value']}"
            self.document_frequency.update(set(search_terms(strip_tags(text))))
        else:
            self.german_count += 1
        index = self.indexes[locale.pk]
        page = MaterialPage(
            title=title,
            draft_title=title,
            slug=slug,
            url_path=f"{index.url_path}{slug}/",
            locale=locale,
            live=True,
            has_unpublished_changes=False,
            content_type=self.content_type,
            depth=index.depth + 1,
            numchild=0,
            summary=summary,
            commentary=commentary,
            original_url=f"https://materials.example.org/{slug}",
            **classification["fields"],
        )
        page.bench_links = classification  # for the many-to-many rows
        return page

    # -- bulk insertion -------------------------------------------------------------------

    def add(self, count: int, batch_size: int = 2000) -> Generated:
        result = Generated()
        for start in range(0, count, batch_size):
            started = time.perf_counter()
            with transaction.atomic():
                pages = self.insert_batch(min(batch_size, count - start))
            result.insert_seconds += time.perf_counter() - started
            started = time.perf_counter()
            self.index(pages)
            result.index_seconds += time.perf_counter() - started
            result.english += sum(page.locale_id == self.english.pk for page in pages)
            result.german += sum(page.locale_id == self.german.pk for page in pages)
        return result

    def insert_batch(self, count: int) -> list[MaterialPage]:
        by_parent: dict[int, list[MaterialPage]] = {pk: [] for pk in self.indexes}
        for _ in range(count):
            self.serial += 1
            slug = f"synthetic-material-{self.serial:06d}"
            classification = self.classification()
            by_parent[self.english.pk].append(self.material(self.english, slug, classification))
            if self.random.random() < GERMAN_SHARE:
                by_parent[self.german.pk].append(self.material(self.german, slug, classification))
        pages = []
        for locale_id, children in by_parent.items():
            self.place_under(self.indexes[locale_id], children)
            pages.extend(children)
        self.insert_rows(pages)
        self.insert_links(pages)
        self.insert_download_counts(pages)
        return pages

    def place_under(self, parent: Page, children: list[MaterialPage]) -> None:
        """Treebeard materialised paths after the parent's last child, as add_child does."""
        last = parent.get_last_child()
        step = Page._str2int(last.path[-Page.steplen :]) if last else 0
        for offset, child in enumerate(children, start=1):
            child.path = Page._get_path(parent.path, parent.depth + 1, step + offset)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(children))

    def insert_rows(self, pages: list[MaterialPage]) -> None:
        page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        rows = [Page(**{f.attname: getattr(p, f.attname) for f in page_fields}) for p in pages]
        Page.objects.bulk_create(rows, batch_size=500)
        for page, row in zip(pages, rows, strict=True):
            page.id = page.page_ptr_id = row.pk
        # MaterialPage.objects.bulk_create refuses multi-table children: insert the child
        # table's rows the way Model.save() does for one, a batch at a time.
        fields = MaterialPage._meta.local_concrete_fields
        step = max(1, connection.ops.bulk_batch_size(fields, pages))
        for start in range(0, len(pages), step):
            MaterialPage._base_manager._insert(pages[start : start + step], fields=fields)

    def insert_links(self, pages: list[MaterialPage]) -> None:
        for relation, key in (
            ("disciplines", "disciplines"),
            ("resource_languages", "languages"),
            ("diversity_dimensions", "dimensions"),
        ):
            field = MaterialPage._meta.get_field(relation)
            source, target = field.m2m_column_name(), field.m2m_reverse_name()
            field.remote_field.through.objects.bulk_create(
                [
                    field.remote_field.through(**{source: page.pk, target: term_id})
                    for page in pages
                    for term_id in page.bench_links[key]
                ],
                batch_size=1000,
            )

    def insert_download_counts(self, pages: list[MaterialPage]) -> None:
        keys = {page.translation_key for page in pages}
        MaterialDownloadCount.objects.bulk_create(
            [
                MaterialDownloadCount(translation_key=key, count=self.download_count())
                for key in sorted(keys)
                if self.random.random() < DOWNLOADED_SHARE
            ],
            batch_size=1000,
        )

    def download_count(self) -> int:
        return int(self.random.paretovariate(1.2))  # a few materials take most downloads

    def index(self, pages: list[MaterialPage], batch_size: int = 500) -> None:
        backend = get_search_backend()
        for start in range(0, len(pages), batch_size):
            backend.add_bulk(MaterialPage, pages[start : start + batch_size])

    def query_words(self, share: float, count: int = 3) -> list[str]:
        """The plain ASCII words whose share of English materials is nearest `share`."""
        total = self.english_count or 1
        candidates = [word for word in self.document_frequency if word.isascii()]
        candidates.sort(key=lambda word: abs(self.document_frequency[word] / total - share))
        return candidates[:count]
