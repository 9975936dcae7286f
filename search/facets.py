"""The one declarative list of facets. It drives the form, both engines' filters and
counts, the JSON and the templates; values are canonical keys (term slugs, codes),
so counts agree in every language."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Facet:
    name: str  # query parameter and JSON key
    label: str | Promise
    index_field: str  # FilterField on MaterialPage holding the keys (Elasticsearch)
    bucket_size: int  # explicit terms-aggregation size: at least the vocabulary's size


FACETS = (
    Facet("discipline", _("Discipline"), "search_disciplines", 100),
    Facet("age", _("Age band"), "search_age_bands", 20),
    Facet("country", _("Country"), "country", 300),
    Facet("language", _("Language of the material"), "search_resource_languages", 200),
    Facet("type", _("Type of resource"), "resource_type", 50),
    Facet("audience", _("Audience"), "audience", 50),
    Facet("dimension", _("Diversity dimension"), "search_diversity_dimensions", 100),
    Facet("licence", _("Licence"), "licence", 50),
    # One value, "yes": materials with at least one recorded PD use (materials.models.pd_uses).
    Facet("used", _("Used in PD"), "search_used_in_pd", 2),
    Facet(
        "feature",
        pgettext_lazy("accessibility", "Accessibility feature"),
        "search_accessibility_features",
        50,
    ),
    Facet("hazard", pgettext_lazy("accessibility", "Free of hazards"), "search_hazard_free", 10),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
