"""Builders for fully populated pages, shared by the rendering and query-count tests."""

from materials.models import (
    Discipline,
    DiversityDimension,
    MaterialFile,
    QualityCriterion,
    RelatedMaterial,
    ResourceLanguage,
    ReviewedMaterial,
    ReviewIndexPage,
    ReviewRating,
)
from tests.factories import DocumentFactory, MaterialPageFactory, ReviewPageFactory


def publish(page):
    page.save_revision().publish()
    return page


def build_material(material_index, *, files=1, related=1, disciplines=1, reviews=1, **fields):
    """A material with the given numbers of files, related materials, disciplines and reviews."""
    en = material_index.locale
    material = MaterialPageFactory(parent=material_index, **fields)
    material.disciplines = list(Discipline.objects.filter(locale=en)[:disciplines])
    material.resource_languages = list(
        ResourceLanguage.objects.filter(locale=en, code__in=["en", "de"])
    )
    material.diversity_dimensions = list(DiversityDimension.objects.filter(locale=en)[:2])
    english = ResourceLanguage.objects.get(locale=en, code="en")
    material.files = [
        MaterialFile(title=f"Worksheet {n}", document=DocumentFactory(), language=english)
        for n in range(files)
    ]
    others = list(material_index.get_children().live().exclude(pk=material.pk).specific()[:related])
    material.related_materials = [RelatedMaterial(material=other) for other in others]
    publish(material)

    review_index = ReviewIndexPage.objects.get(locale=en)
    criteria = list(QualityCriterion.objects.filter(locale=en)[:3])
    for n in range(reviews):
        review = ReviewPageFactory(parent=review_index, title=f"Review {n} of {material.title}")
        review.reviewed_materials = [ReviewedMaterial(material=material)]
        review.ratings = [
            ReviewRating(criterion=criterion, score=score, comment=f"Comment {score}")
            for criterion, score in zip(criteria, (3, 4, 5), strict=True)
        ]
        publish(review)
    return material
