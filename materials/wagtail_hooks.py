"""Admin registration: the taxonomies and partners as snippets in one 'Taxonomy' menu."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from materials.models import (
    Discipline,
    DiversityDimension,
    Partner,
    QualityCriterion,
    ResourceLanguage,
)


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class DisciplineViewSet(TermViewSet):
    model = Discipline
    icon = "tag"


class DiversityDimensionViewSet(TermViewSet):
    model = DiversityDimension
    icon = "group"


class QualityCriterionViewSet(TermViewSet):
    model = QualityCriterion
    icon = "tick-inverse"


class ResourceLanguageViewSet(SnippetViewSet):
    model = ResourceLanguage
    icon = "globe"
    list_display = ["name", "code", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "site"
    list_display = ["institution", "country", "locale"]
    list_filter = ["locale"]
    search_fields = ["institution"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 300
    items = (
        DisciplineViewSet,
        ResourceLanguageViewSet,
        DiversityDimensionViewSet,
        QualityCriterionViewSet,
        PartnerViewSet,
    )


register_snippet(TaxonomyGroup)
