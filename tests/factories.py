"""Factories for the content model (wagtail-factories); the only place tests build objects."""

import itertools

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.contrib.auth import get_user_model

from wagtail.models import Locale

from materials import models
from translation.models import LanguageTeam


def source_locale():
    return Locale.get_default()


class DisciplineFactory(DjangoModelFactory):
    class Meta:
        model = models.Discipline

    name = factory.Sequence(lambda n: f"Discipline {n}")
    slug = factory.Sequence(lambda n: f"discipline-{n}")
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


def team_member(role: str, language: str):
    """A new user in a language's "translators" or "reviewers" group (see setup_partners)."""
    team = LanguageTeam.objects.get(locale__language_code=language)
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
