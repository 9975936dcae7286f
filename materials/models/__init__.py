"""The content model. Import from here: `from materials.models import MaterialPage`."""

from materials.models.catalogue import CatalogueIndexPage, CataloguePage
from materials.models.downloads import (
    FileDownloadCount,
    MaterialDownloadCount,
    MonthlyDownloadCount,
)
from materials.models.home import HomePage
from materials.models.lineage import LineageKind, MaterialLineage
from materials.models.material import (
    MaterialFile,
    MaterialIndexPage,
    MaterialPage,
    RelatedMaterial,
)
from materials.models.media import CustomDocument, CustomImage, CustomRendition
from materials.models.partners import Partner
from materials.models.pd_uses import PDFormat, PDUse
from materials.models.review import ReviewedMaterial, ReviewIndexPage, ReviewPage, ReviewRating
from materials.models.standard import StandardPage
from materials.models.taxonomy import (
    Discipline,
    DiversityDimension,
    QualityCriterion,
    ResourceLanguage,
)

__all__ = [
    "CatalogueIndexPage",
    "CataloguePage",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "Discipline",
    "DiversityDimension",
    "FileDownloadCount",
    "HomePage",
    "LineageKind",
    "MaterialDownloadCount",
    "MaterialFile",
    "MaterialLineage",
    "MaterialIndexPage",
    "MaterialPage",
    "MonthlyDownloadCount",
    "PDFormat",
    "PDUse",
    "Partner",
    "QualityCriterion",
    "RelatedMaterial",
    "ResourceLanguage",
    "ReviewIndexPage",
    "ReviewPage",
    "ReviewRating",
    "ReviewedMaterial",
    "StandardPage",
]
