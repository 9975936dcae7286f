"""Factories for the content model (wagtail-factories); the only place tests build objects."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from materials import models


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
