"""Builds the demo site from the content files; running it again creates only what is missing."""

import uuid
from collections import Counter
from datetime import date
from decimal import Decimal
from html import escape
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from wagtail.models import Locale, Page, Site

from demo.content import DemoContent, DemoContentError
from demo.files import COVER_SIZE, cover_png, material_pdf
from demo.translate import (
    MissingDemoTranslations,
    has_translation,
    missing_strings,
    translate_object,
)
from materials.models import (
    CatalogueIndexPage,
    CataloguePage,
    CustomDocument,
    CustomImage,
    Discipline,
    DiversityDimension,
    HomePage,
    MaterialFile,
    MaterialIndexPage,
    MaterialPage,
    Partner,
    PDUse,
    QualityCriterion,
    RelatedMaterial,
    ResourceLanguage,
    ReviewedMaterial,
    ReviewIndexPage,
    ReviewPage,
    ReviewRating,
    StandardPage,
)
from materials.text_coverage import untranslatable_texts

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "stem-demo-admin"
INDEX_SLUGS = {
    "materials": MaterialIndexPage,
    "catalogues": CatalogueIndexPage,
    "reviews": ReviewIndexPage,
}
TERM_MODELS = {
    "disciplines": Discipline,
    "diversity_dimensions": DiversityDimension,
    "quality_criteria": QualityCriterion,
}


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def text_stream(paragraphs: list[str]) -> list[dict]:
    return [{"type": "text", "value": paragraphs_html(paragraphs)}] if paragraphs else []


def list_items(values: list) -> list[dict]:
    """ListBlock values in block format, each item with its own id.

    wagtail-localize extracts ListBlock items only in this format; a plain list of values
    renders the same but its texts never become translation segments.
    """
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def commentary_stream(blocks: list[dict]) -> list[dict]:
    stream = []
    for block in blocks:
        kind = block["type"]
        if kind == "text":
            stream.extend(text_stream(block["paragraphs"]))
        elif kind == "quote":
            value = {"text": block["text"], "attribution": block.get("attribution", "")}
            stream.append({"type": "quote", "value": value})
        elif kind == "tip":
            value = {"heading": block.get("heading", ""), "text": block["text"]}
            stream.append({"type": "tip", "value": value})
        elif kind == "activity":
            value = {
                "title": block["title"],
                "duration_minutes": block.get("duration_minutes"),
                "goal": block["goal"],
                "steps": list_items(block["steps"]),
            }
            stream.append({"type": "activity", "value": value})
        else:
            raise DemoContentError(f"Unknown commentary block type {kind!r}")
    return stream


def publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class DemoSeeder:
    def __init__(self, content: DemoContent | None = None):
        self.content = content or DemoContent()
        self.created = Counter()

    # -- entry points -------------------------------------------------------------------------

    def run(self, translations: bool = True) -> Counter:
        with transaction.atomic():
            self.source_locale = self.ensure_locales()
            self.seed_taxonomy()
            self.seed_partners()
            self.home = self.seed_home()
            self.indexes = self.seed_indexes()
            self.seed_standard_pages()
            self.seed_materials()
            self.seed_catalogues()
            self.seed_reviews()
            self.seed_pd_uses()
            self.ensure_admin_user()
        if translations:
            # Not inside the transaction above: wagtail-localize publishes a translation in an
            # on-commit hook from the in-memory page, so each one must commit before its
            # children are added (otherwise the parent is saved back with numchild=0).
            self.seed_translations()
        return +self.created  # drop zero counts

    def missing_translations(self, language_code: str) -> list[str]:
        """Strings a language's translation memory still lacks (for translators of the demo)."""
        memory = self.content.translations(language_code)
        missing = []
        for instance in self.translatable_objects(memory["pages"]):
            missing.extend(
                s for s in missing_strings(instance, memory["strings"]) if s not in missing
            )
        return missing

    def untranslatable_texts(self, language_code: str) -> list[tuple[str, str]]:
        """(object, text) for every text of a language's demo objects that wagtail-localize
        cannot extract: no translation memory can fix those, the content model must."""
        memory = self.content.translations(language_code)
        return [
            (f"{type(instance).__name__} {instance}", text)
            for instance in self.translatable_objects(memory["pages"])
            for text in untranslatable_texts(instance)
        ]

    # -- steps --------------------------------------------------------------------------------

    def ensure_locales(self) -> Locale:
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            _locale, created = Locale.objects.get_or_create(language_code=code)
            self.created["locales"] += created
        return Locale.objects.get(language_code=settings.LANGUAGE_CODE)

    def seed_taxonomy(self):
        taxonomy = self.content.taxonomy
        for key, model in TERM_MODELS.items():
            for order, term in enumerate(taxonomy[key]):
                _term, created = model.objects.get_or_create(
                    slug=term["slug"],
                    locale=self.source_locale,
                    defaults={
                        "name": term["name"],
                        "description": term.get("description", ""),
                        "sort_order": order,
                    },
                )
                self.created[key] += created
        for language in taxonomy["resource_languages"]:
            _language, created = ResourceLanguage.objects.get_or_create(
                code=language["code"],
                locale=self.source_locale,
                defaults={"name": language["name"]},
            )
            self.created["resource_languages"] += created

    def seed_partners(self):
        languages = self.terms(ResourceLanguage, "code")
        for entry in self.content.partners:
            if Partner.objects.filter(slug=entry["slug"], locale=self.source_locale).exists():
                continue
            partner = Partner.objects.create(
                slug=entry["slug"],
                locale=self.source_locale,
                institution=entry["institution"],
                country=entry["country"],
                website=entry.get("website", ""),
                description=entry.get("description", ""),
            )
            partner.languages.set(languages[code] for code in entry["languages"])
            self.created["partners"] += 1

    def seed_home(self) -> HomePage:
        home = HomePage.objects.filter(locale=self.source_locale).first()
        if home:
            return home
        data = self.content.pages["home"]
        root = Page.get_first_root_node()
        # Wagtail's installation page holds the slug "home" and the default site: replace both.
        for placeholder in (
            root.get_children().filter(slug="home").exclude(content_type__model="homepage")
        ):
            placeholder.delete()
        home = HomePage(
            title=data["title"],
            slug="home",
            locale=self.source_locale,
            intro=data.get("intro", ""),
            body=text_stream(data.get("body", [])),
        )
        publish_child(root, home)
        # The demo site answers where `make run` serves it, so absolute links (API, feeds) work.
        base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        Site.objects.all().delete()
        Site.objects.create(
            hostname=base_url.hostname or "localhost",
            port=base_url.port or (443 if base_url.scheme == "https" else 80),
            root_page=home,
            is_default_site=True,
            site_name=data["title"],
        )
        self.created["pages"] += 1
        return home

    def seed_indexes(self) -> dict[str, Page]:
        indexes = {}
        for key, model in INDEX_SLUGS.items():
            data = self.content.pages[f"{key}_index"]
            page = model.objects.child_of(self.home).first()
            if page is None:
                page = model(title=data["title"], slug=key, intro=data.get("intro", ""))
                page.show_in_menus = True
                publish_child(self.home, page)
                self.created["pages"] += 1
            indexes[key] = page
        return indexes

    def seed_standard_pages(self):
        for entry in self.content.pages.get("standard_pages", []):
            if StandardPage.objects.child_of(self.home).filter(slug=entry["slug"]).exists():
                continue
            page = StandardPage(
                title=entry["title"],
                slug=entry["slug"],
                body=text_stream(entry["body"]),
                links_quality_check=entry.get("links_quality_check", False),
            )
            page.show_in_menus = entry["slug"] == "about"
            publish_child(self.home, page)
            self.created["pages"] += 1

    def seed_pd_uses(self):
        """Made-up PD activities in which partners used the demo's materials, once: a
        material that has uses already is left as it is."""
        partners = {p.slug: p for p in Partner.objects.filter(locale=self.source_locale)}
        materials = {
            page.slug: page for page in MaterialPage.objects.child_of(self.indexes["materials"])
        }
        used = set(PDUse.objects.values_list("translation_key", flat=True))
        for entry in self.content.pd_uses:
            material = materials[entry["material"]]
            if material.translation_key in used:
                continue
            PDUse.objects.create(
                material=material,
                partner=partners[entry["partner"]],
                date=date.fromisoformat(entry["date"]),
                country=entry["country"],
                format=entry["format"],
                hours=Decimal(str(entry["hours"])),
                teachers=entry["teachers"],
                adaptations=entry.get("adapted", ""),
                evaluation=entry.get("evaluation", ""),
            )
            self.created["pd_uses"] += 1

    def seed_materials(self):
        disciplines = self.terms(Discipline, "slug")
        languages = self.terms(ResourceLanguage, "code")
        dimensions = self.terms(DiversityDimension, "slug")
        criteria = self.terms(QualityCriterion, "slug")
        partners = {p.slug: p for p in Partner.objects.filter(locale=self.source_locale)}
        index = self.indexes["materials"]
        for entry in self.content.materials:
            if MaterialPage.objects.child_of(index).filter(slug=entry["slug"]).exists():
                continue
            partner = partners[entry["partner"]]
            page = MaterialPage(
                title=entry["title"],
                slug=entry["slug"],
                summary=entry["summary"],
                keywords=entry.get("keywords", ""),
                commentary=commentary_stream(entry["commentary"]),
                age_min=entry["age_min"],
                age_max=entry["age_max"],
                country=entry["country"],
                resource_type=entry["resource_type"],
                audience=entry["audience"],
                licence=entry["licence"],
                original_url=entry.get("original_url", ""),
                partner=partner,
                authors=entry.get("authors", ""),
                year=entry.get("year"),
                duration_hours=(
                    Decimal(str(entry["duration_hours"]))
                    if entry.get("duration_hours") is not None
                    else None
                ),
                cover_image=self.cover_image(entry["disciplines"][0], disciplines),
                access_modes=entry.get("access_modes", []),
                accessibility_features=entry.get("accessibility_features", []),
                accessibility_hazards=entry.get("accessibility_hazards", []),
                accessibility_summary=entry.get("accessibility_summary", ""),
            )
            page.disciplines = [disciplines[slug] for slug in entry["disciplines"]]
            page.resource_languages = [languages[code] for code in entry["languages"]]
            page.diversity_dimensions = [dimensions[s] for s in entry["diversity_dimensions"]]
            page.strengthens_criteria = [
                criteria[slug] for slug in entry.get("strengthens_criteria", [])
            ]
            page.files = [
                MaterialFile(
                    sort_order=position,
                    title=file["title"],
                    language=languages.get(file.get("language", "")),
                    document=self.material_document(entry, file, position, partner),
                )
                for position, file in enumerate(entry.get("files", []), start=1)
            ]
            publish_child(index, page)
            self.created["materials"] += 1
        self.link_related_materials()

    def link_related_materials(self):
        """Second pass: related links need every material to exist first."""
        materials = {
            page.slug: page for page in MaterialPage.objects.filter(locale=self.source_locale)
        }
        for entry in self.content.materials:
            page = materials[entry["slug"]]
            if not entry.get("related") or page.related_materials.exists():
                continue
            page.related_materials = [
                RelatedMaterial(material=materials[slug]) for slug in entry["related"]
            ]
            page.save_revision().publish()

    def seed_catalogues(self):
        dimensions = self.terms(DiversityDimension, "slug")
        materials = self.materials_by_slug()
        index = self.indexes["catalogues"]
        for entry in self.content.catalogues:
            if CataloguePage.objects.child_of(index).filter(slug=entry["slug"]).exists():
                continue
            sections = [
                {
                    "type": "section",
                    "value": {
                        "heading": section["heading"],
                        "guidance": paragraphs_html(section["guidance"]),
                        "materials": list_items(
                            [
                                {"material": materials[item["material"]].pk, "note": item["note"]}
                                for item in section["materials"]
                            ]
                        ),
                    },
                }
                for section in entry["sections"]
            ]
            page = CataloguePage(
                title=entry["title"],
                slug=entry["slug"],
                intro=paragraphs_html(entry["intro"]),
                sections=sections,
            )
            page.diversity_dimensions = [dimensions[s] for s in entry["diversity_dimensions"]]
            publish_child(index, page)
            self.created["catalogues"] += 1

    def seed_reviews(self):
        criteria = self.terms(QualityCriterion, "slug")
        materials = self.materials_by_slug()
        index = self.indexes["reviews"]
        for entry in self.content.reviews:
            if ReviewPage.objects.child_of(index).filter(slug=entry["slug"]).exists():
                continue
            page = ReviewPage(
                title=entry["title"],
                slug=entry["slug"],
                kind=entry["kind"],
                reviewer=entry["reviewer"],
                verdict=entry["verdict"],
                body=paragraphs_html(entry["body"]),
            )
            page.reviewed_materials = [
                ReviewedMaterial(material=materials[slug]) for slug in entry["reviewed_materials"]
            ]
            page.ratings = [
                ReviewRating(
                    criterion=criteria[rating["criterion"]],
                    score=rating["score"],
                    comment=rating.get("comment", ""),
                )
                for rating in entry["ratings"]
            ]
            publish_child(index, page)
            self.created["reviews"] += 1

    def seed_translations(self):
        for language_code in self.content.translation_languages():
            locale = Locale.objects.filter(language_code=language_code).first()
            if locale is None:
                raise DemoContentError(
                    f"translations/{language_code}.json: {language_code} is not a site language"
                )
            memory = self.content.translations(language_code)
            objects = self.translatable_objects(memory["pages"])
            pending = [obj for obj in objects if not has_translation(obj, locale)]
            missing = []
            for instance in pending:
                missing.extend(
                    s for s in missing_strings(instance, memory["strings"]) if s not in missing
                )
            if missing:
                raise MissingDemoTranslations(language_code, missing)
            for instance in pending:
                translate_object(instance, locale, memory["strings"])
                self.created[f"translations ({language_code})"] += 1

    def ensure_admin_user(self):
        user_model = get_user_model()
        if user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            return
        user_model.objects.create_superuser(
            DEMO_ADMIN_USERNAME, "admin@example.org", DEMO_ADMIN_PASSWORD
        )
        self.created["users"] += 1

    # -- helpers ------------------------------------------------------------------------------

    def translatable_objects(self, page_slugs: list[str]) -> list:
        """Snippets first, then pages parents-first, so every parent exists before its child."""
        snippets = [
            *Discipline.objects.filter(locale=self.source_locale),
            *DiversityDimension.objects.filter(locale=self.source_locale),
            *QualityCriterion.objects.filter(locale=self.source_locale),
            *ResourceLanguage.objects.filter(locale=self.source_locale),
            *Partner.objects.filter(locale=self.source_locale),
        ]
        pages = []
        for slug in page_slugs:
            lookup = {"depth": 2} if slug == "home" else {"slug": slug}
            page = Page.objects.filter(locale=self.source_locale, **lookup).specific().first()
            if page is None:
                raise DemoContentError(f"A translation lists page {slug!r}, which does not exist")
            pages.append(page)
        pages.sort(key=lambda page: page.depth)
        return snippets + pages

    def terms(self, model, key: str) -> dict:
        return {
            getattr(term, key): term for term in model.objects.filter(locale=self.source_locale)
        }

    def materials_by_slug(self) -> dict[str, MaterialPage]:
        return {page.slug: page for page in MaterialPage.objects.filter(locale=self.source_locale)}

    def cover_image(self, discipline_slug: str, disciplines: dict) -> CustomImage:
        title = f"Cover: {disciplines[discipline_slug].name}"
        image = CustomImage.objects.filter(title=title).first()
        if image is None:
            png = cover_png(discipline_slug)
            image = CustomImage(
                title=title, description=f"{disciplines[discipline_slug].name} cover"
            )
            image.file.save(f"cover-{discipline_slug}.png", ContentFile(png), save=False)
            image.width, image.height = COVER_SIZE
            image._set_image_file_metadata()
            image.save()
            self.created["images"] += 1
        return image

    def material_document(self, entry: dict, file: dict, position: int, partner) -> CustomDocument:
        pdf = material_pdf(
            entry["title"], file["title"], partner.institution, file.get("pages", [])
        )
        document = CustomDocument(title=f"{entry['title']}: {file['title']}")
        document.file.save(f"{entry['slug']}-{position}.pdf", ContentFile(pdf), save=False)
        document.save()
        self.created["documents"] += 1
        return document
