"""Factories for the content model (wagtail-factories); the only place tests build objects.

`site_tree()` gives the home and index pages of a language (the demo's when a test run seeded
the demo, otherwise new ones), `full_material()` a material with files, related materials,
terms and reviews, `translate_page()` and `translate_term()` a published translation.
"""

import datetime
import itertools
import uuid
from dataclasses import dataclass

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.test import TestCase

from wagtail.models import GroupPagePermission, Locale, Page, Site
from wagtail.search.backends import get_search_backend
from wagtail_localize.models import Translation, TranslationSource

from materials import models
from pd_uses.models import PartnerGroup
from repo_site.languages import load_partner_languages
from translation.models import LanguageTeam
from translation.teams import ensure_team
from translation.workflows import ensure_review_workflow


def source_locale():
    return Locale.get_default()


def locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def list_items(values: list) -> list[dict]:
    """ListBlock values as Wagtail stores them: each item a block with its own id (a plain
    list renders the same but stays plain in the stored JSON)."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def publish(page):
    """Publish a new revision of `page`; returns the page as now stored (live)."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


class DisciplineFactory(DjangoModelFactory):
    class Meta:
        model = models.Discipline

    name = factory.Sequence(lambda n: f"Discipline {n}")
    slug = factory.Sequence(lambda n: f"discipline-{n}")
    locale = factory.LazyFunction(source_locale)


class DiversityDimensionFactory(DjangoModelFactory):
    class Meta:
        model = models.DiversityDimension

    name = factory.Sequence(lambda n: f"Dimension {n}")
    slug = factory.Sequence(lambda n: f"dimension-{n}")
    locale = factory.LazyFunction(source_locale)


class ResourceLanguageFactory(DjangoModelFactory):
    class Meta:
        model = models.ResourceLanguage

    name = factory.Sequence(lambda n: f"Language {n}")
    code = factory.Sequence(lambda n: f"x{n}")
    locale = factory.LazyFunction(source_locale)


class QualityCriterionFactory(DjangoModelFactory):
    class Meta:
        model = models.QualityCriterion

    name = factory.Sequence(lambda n: f"Criterion {n}")
    slug = factory.Sequence(lambda n: f"criterion-{n}")
    locale = factory.LazyFunction(source_locale)


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = models.Partner

    institution = factory.Sequence(lambda n: f"PD Centre {n}")
    slug = factory.Sequence(lambda n: f"pd-centre-{n}")
    country = "DE"
    website = "https://centre.example.org/"
    locale = factory.LazyFunction(source_locale)


class DocumentFactory(wagtail_factories.DocumentFactory):
    class Meta:
        model = models.CustomDocument

    file = factory.django.FileField(filename="guide.pdf", data=b"%PDF-1.4 test file")


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = models.CustomImage


class MaterialPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.MaterialPage

    title = factory.Sequence(lambda n: f"Material {n}")
    slug = factory.Sequence(lambda n: f"material-{n}")
    summary = "A short summary for teachers."
    age_min = 10
    age_max = 14
    country = "NL"
    resource_type = "teaching-unit"
    audience = "in-service"
    licence = "cc-by"
    partner = factory.SubFactory(PartnerFactory)


class MaterialFileFactory(DjangoModelFactory):
    class Meta:
        model = models.MaterialFile

    title = factory.Sequence(lambda n: f"Worksheet {n}")
    document = factory.SubFactory(DocumentFactory)


class ReviewPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ReviewPage

    title = factory.Sequence(lambda n: f"Review {n}")
    slug = factory.Sequence(lambda n: f"review-{n}")
    kind = "material"
    reviewer = "A. Reviewer, PD Centre"
    verdict = "Recommended."
    body = "<p>Body.</p>"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.StandardPage

    title = factory.Sequence(lambda n: f"Standard page {n}")
    slug = factory.Sequence(lambda n: f"standard-{n}")


_team_members = itertools.count()


def language_team(language: str) -> LanguageTeam:
    """A partner language's team (translator and reviewer groups) and review workflow, as
    setup_partners makes them, over that language's published `site_tree`; the existing one
    when the language is already set up. Cheaper than setup_partners, which translates the
    tree into every partner language."""
    team = LanguageTeam.objects.filter(locale__language_code=language).first()
    if team is not None:
        return team
    partner_language = next(
        candidate for candidate in load_partner_languages() if candidate.code == language
    )
    home = site_tree(language).home
    with transaction.atomic():
        team = ensure_team(partner_language, home.locale, home)
        ensure_review_workflow(partner_language, team, home)
    return team


def team_member(role: str, language: str):
    """A new user in a language's "translators" or "reviewers" group (see `language_team`)."""
    team = language_team(language)
    user = get_user_model().objects.create_user(
        f"{language}-{role}-{next(_team_members)}", password="unused"
    )
    user.groups.add(getattr(team, role))
    return user


def refused(response) -> bool:
    """Wagtail's admin answers a permission error with a 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.HomePage

    title = "STEM materials"
    slug = "home"
    intro = "Professional development materials for STEM teachers."


class MaterialIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.MaterialIndexPage

    title = "Materials"
    slug = "materials"


class CatalogueIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.CatalogueIndexPage

    title = "Catalogues"
    slug = "catalogues"


class ReviewIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ReviewIndexPage

    title = "Reviews"
    slug = "reviews"


class CataloguePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.CataloguePage

    title = factory.Sequence(lambda n: f"Catalogue {n}")
    slug = factory.Sequence(lambda n: f"catalogue-{n}")
    intro = "<p>Materials for mixed-ability classes.</p>"
    sections = factory.LazyFunction(list)


# -- site tree ---------------------------------------------------------------------------------


@dataclass
class SiteTree:
    """The home page of one language and its three index pages."""

    home: models.HomePage
    materials: models.MaterialIndexPage
    catalogues: models.CatalogueIndexPage
    reviews: models.ReviewIndexPage


INDEX_FACTORIES = {
    "materials": MaterialIndexPageFactory,
    "catalogues": CatalogueIndexPageFactory,
    "reviews": ReviewIndexPageFactory,
}


def english_home() -> models.HomePage:
    """The source home page, served as the default site (as seed_demo sets it up)."""
    home = models.HomePage.objects.filter(locale=source_locale()).first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's installation page holds the slug "home" and the default site: replace both.
    for placeholder in root.get_children().filter(slug="home"):
        placeholder.delete()
    home = publish(HomePageFactory(parent=root))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


def site_tree(language: str = "en") -> SiteTree:
    """The home and index pages in `language`, published; built where missing."""
    home = english_home()
    indexes = {}
    for key, index_factory in INDEX_FACTORIES.items():
        model = index_factory._meta.model
        index = model.objects.child_of(home).first()
        indexes[key] = index or publish(index_factory(parent=home))
    if language != "en":
        home = translate_page(home, language)
        indexes = {key: translate_page(index, language) for key, index in indexes.items()}
    return SiteTree(home=home, **indexes)


def translate_page(page: Page, language: str, **fields) -> Page:
    """The published translation of `page` into `language`, made through wagtail-localize as
    a translator's would be (its parents translated first). A new translation keeps the
    source text, then gets `fields` (e.g. a translated title) in a second published revision."""
    target = locale(language)
    existing = page.get_translation_or_none(target)
    if existing is not None:
        return existing.specific
    parent = page.get_parent()
    if not parent.is_root():
        translate_page(parent.specific, language)
    source, _ = TranslationSource.get_or_create_from_instance(page.specific)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=target, defaults={"enabled": True}
    )
    # wagtail-localize publishes on commit, which a test's transaction never reaches.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)
    translated = translation.get_target_instance()
    if not fields:
        return translated
    for name, value in fields.items():
        setattr(translated, name, value)
    return publish(translated)


def translate_term(term, language: str, **fields):
    """The translation of a taxonomy term (or partner) into `language`, saved."""
    target = locale(language)
    existing = type(term).objects.filter(translation_key=term.translation_key, locale=target)
    if existing.exists():
        return existing.get()
    translation = term.copy_for_translation(target)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


# -- fully populated pages ---------------------------------------------------------------------


def resource_language(code: str, name: str) -> models.ResourceLanguage:
    return models.ResourceLanguage.objects.get_or_create(
        code=code, locale=source_locale(), defaults={"name": name}
    )[0]


def full_material(
    material_index=None, *, files=1, related=1, disciplines=1, reviews=1, **fields
) -> models.MaterialPage:
    """A published material with the given numbers of files, related materials (new ones),
    disciplines and reviews (each rating three new criteria 3, 4 and 5), two resource
    languages (English, German) and two diversity dimensions."""
    material_index = material_index or site_tree().materials
    material = MaterialPageFactory(parent=material_index, **fields)
    material.disciplines = DisciplineFactory.create_batch(disciplines)
    english = resource_language("en", "English")
    material.resource_languages = [english, resource_language("de", "German")]
    material.diversity_dimensions = DiversityDimensionFactory.create_batch(2)
    material.files = [
        models.MaterialFile(title=f"Worksheet {n}", document=DocumentFactory(), language=english)
        for n in range(files)
    ]
    others = [publish(MaterialPageFactory(parent=material_index)) for _ in range(related)]
    material.related_materials = [models.RelatedMaterial(material=other) for other in others]
    material = publish(material)

    review_index = models.ReviewIndexPage.objects.get(
        translation_key=site_tree().reviews.translation_key, locale=material.locale
    )
    criteria = QualityCriterionFactory.create_batch(3)
    for n in range(reviews):
        review = ReviewPageFactory(parent=review_index, title=f"Review {n} of {material.title}")
        review.reviewed_materials = [models.ReviewedMaterial(material=material)]
        review.ratings = [
            models.ReviewRating(criterion=criterion, score=score, comment=f"Comment {score}")
            for criterion, score in zip(criteria, (3, 4, 5), strict=True)
        ]
        publish(review)
    return material


def full_catalogue(catalogue_index=None, *, materials=(), **fields) -> models.CataloguePage:
    """A published catalogue with one section listing `materials`, each with a note."""
    catalogue_index = catalogue_index or site_tree().catalogues
    page = CataloguePageFactory(
        parent=catalogue_index,
        sections=[
            {
                "type": "section",
                "value": {
                    "heading": "Start with the whole class",
                    "guidance": "<p>Let teachers try each activity before they use it.</p>",
                    "materials": list_items(
                        [
                            {"material": material.pk, "note": f"Note on {material.title}"}
                            for material in materials
                        ]
                    ),
                },
            }
        ],
        **fields,
    )
    page.diversity_dimensions = DiversityDimensionFactory.create_batch(2)
    return publish(page)


def indexed_material(language: str, title: str, summary: str = "A short summary."):
    """A material in `language`'s material index, added to the search index at once."""
    page = MaterialPageFactory(parent=site_tree(language).materials, title=title, summary=summary)
    get_search_backend().add(page)
    return page


# -- vocabulary a spreadsheet names --------------------------------------------------------------


@dataclass
class ImportVocabulary:
    """The terms `tests/curation/spreadsheets.material_row` names, source locale first."""

    physics: models.Discipline
    mathematics: models.Discipline
    german: models.ResourceLanguage
    partner: models.Partner


def import_vocabulary() -> ImportVocabulary:
    """Disciplines "physics" and "mathematics", resource languages English and German, the
    partner "de-stem-centre", and German and Greek labels for physics and German (as an
    editor in those languages types them), under a published source tree to import into.
    The existing terms where they are already there."""
    site_tree()
    source = source_locale()

    def discipline(slug: str, name: str) -> models.Discipline:
        return models.Discipline.objects.get_or_create(
            slug=slug, locale=source, defaults={"name": name}
        )[0]

    physics = discipline("physics", "Physics")
    mathematics = discipline("mathematics", "Mathematics")
    resource_language("en", "English")
    german = resource_language("de", "German")
    partner = models.Partner.objects.filter(slug="de-stem-centre", locale=source).first()
    partner = partner or PartnerFactory(
        slug="de-stem-centre", institution="Centre for STEM Teacher Education", country="DE"
    )
    labels = {"de": ("Physik", "Deutsch"), "el": ("Φυσική", "Γερμανικά")}
    for language, (physics_label, german_label) in labels.items():
        translate_term(physics, language, name=physics_label)
        translate_term(german, language, name=german_label)
    return ImportVocabulary(physics, mathematics, german, partner)


def every_page_type() -> dict[type, Page]:
    """One published English page of every public type, keyed by model: the home and index
    pages, a material with a file and a review, that review, a catalogue listing the
    material, and a standard page."""
    tree = site_tree()
    material = full_material(tree.materials, files=1, related=0, reviews=1)
    return {
        models.HomePage: tree.home,
        models.MaterialIndexPage: tree.materials,
        models.MaterialPage: material,
        models.CatalogueIndexPage: tree.catalogues,
        models.CataloguePage: full_catalogue(tree.catalogues, materials=[material]),
        models.ReviewIndexPage: tree.reviews,
        models.ReviewPage: models.ReviewPage.objects.get(reviewed_materials__material=material),
        models.StandardPage: publish(StandardPageFactory(parent=tree.home)),
    }


def review_of(material, scores: dict, **fields) -> models.ReviewPage:
    """A published review of `material` in its language's review index, rating it
    `scores` ({criterion: 1..5})."""
    review_index = models.ReviewIndexPage.objects.get(
        translation_key=site_tree().reviews.translation_key, locale=material.locale
    )
    review = ReviewPageFactory(parent=review_index, **fields)
    review.reviewed_materials = [models.ReviewedMaterial(material=material)]
    review.ratings = [
        models.ReviewRating(criterion=criterion, score=score, comment=f"Rated {score}")
        for criterion, score in scores.items()
    ]
    return publish(review)


# -- PD uses -----------------------------------------------------------------------------------


class PDUseFactory(DjangoModelFactory):
    class Meta:
        model = models.PDUse

    material = factory.LazyFunction(
        lambda: publish(MaterialPageFactory(parent=site_tree().materials))
    )
    partner = factory.SubFactory(PartnerFactory)
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    country = "DE"
    format = "workshop"
    hours = 3
    teachers = 20
    adaptations = "Worksheets translated."


_partner_editors = itertools.count()


def partner_editor(partner, *, permissions=("add", "change", "delete")):
    """A new user in `partner`'s editors group, with the given permissions on PD uses."""
    group, created = Group.objects.get_or_create(name=f"{partner.slug} editors")
    if created:
        PartnerGroup.objects.create(group=group, partner=partner)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="materials",
            codename__in=[f"{action}_pduse" for action in permissions],
        ),
        Permission.objects.get(codename="access_admin"),
    )
    user = get_user_model().objects.create_user(
        f"{partner.slug}-editor-{next(_partner_editors)}", password="unused"
    )
    user.groups.add(group)
    return user


# -- users and drafts --------------------------------------------------------------------------


def translator(language: str = "de"):
    """A new member of `language`'s translators, its team made where missing."""
    language_team(language)
    return team_member("translators", language)


def save_draft(page, **fields):
    """A new unpublished revision of `page` with `fields` changed (M2M fields too); the live
    content stays as it was. Returns the page as stored."""
    page = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision()
    return type(page).objects.get(pk=page.pk)


# -- duplicates and lineage ----------------------------------------------------------------------

_editors = itertools.count()


def editor():
    """A new member of Wagtail's Editors group: may add and edit pages, not publish."""
    user = get_user_model().objects.create_user(f"editor-{next(_editors)}", password="unused")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def document_with(data: bytes, filename: str = "guide.pdf") -> models.CustomDocument:
    """A document whose file holds `data` (DocumentFactory's files all hold the same bytes)."""
    return DocumentFactory(file__data=data, file__filename=filename)


def material_lineage(original, derived, kind="adaptation", country="GR", dimension=None):
    """`derived` recorded as an adaptation (or version) of `original`, both source pages."""
    return models.MaterialLineage.objects.create(
        original=original,
        derived=derived,
        kind=kind,
        country=country if kind == "adaptation" else "",
        diversity_dimension=dimension,
    )


# -- admin users by role -------------------------------------------------------------------------

_admin_users = itertools.count()


def user_in_group(group_name: str, prefix: str):
    """A new member of one of Wagtail's own groups ("Editors", "Moderators")."""
    user = get_user_model().objects.create_user(f"{prefix}-{next(_admin_users)}", password="unused")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def moderator():
    """A new member of Wagtail's Moderators group: may add, edit and publish every page."""
    return user_in_group("Moderators", "moderator")


def admin_only_user():
    """A new user who may enter the admin but holds no page permission at all."""
    user = get_user_model().objects.create_user(
        f"admin-only-{next(_admin_users)}", password="unused"
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def page_permission_user(grants: dict):
    """A new admin user whose own group holds page permissions: {page: ("add", ...)}."""
    number = next(_admin_users)
    group = Group.objects.create(name=f"page permissions {number}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for page, actions in grants.items():
        for action in actions:
            GroupPagePermission.objects.create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=f"{action}_page"
                ),
            )
    user = get_user_model().objects.create_user(f"page-user-{number}", password="unused")
    user.groups.add(group)
    return user
