"""The downloadable import template: the header row and one example that would import.

The example is built from the site's own vocabulary (its first discipline, language and
partner), so an editor who fills in the template starts from values that resolve.
"""

import csv
import io

from wagtail.models import Locale

from curation.material_import.parse import COLUMNS
from materials.models import Discipline, Partner, ResourceLanguage
from materials.models.choices import Audience, ResourceType


def template_csv() -> str:
    source = Locale.get_default()
    discipline = Discipline.objects.filter(locale=source).order_by("sort_order", "name").first()
    language = ResourceLanguage.objects.filter(locale=source).order_by("name").first()
    partner = Partner.objects.filter(locale=source).order_by("institution").first()
    example = {
        "source_id": "example-0001",
        "title": "Energy stories for primary science",
        "summary": "Short narrative activities that introduce energy transfer to pupils aged 8 "
        "to 11, with a teacher guide.",
        "disciplines": discipline.slug if discipline else "",
        "age_min": "8",
        "age_max": "11",
        "country": partner.country.code if partner else "NL",
        "resource_languages": language.code if language else "",
        "resource_type": ResourceType.TEACHING_UNIT.value,
        "audience": Audience.IN_SERVICE.value,
        "licence": "https://creativecommons.org/licenses/by/4.0/",
        "original_url": "https://example.org/energy-stories",
        "authors": "A. Author; B. Author",
        "year": "2024",
        "partner": partner.slug if partner else "",
        "keywords": "energy; stories",
    }
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow([example[column] for column in COLUMNS])
    return out.getvalue()
