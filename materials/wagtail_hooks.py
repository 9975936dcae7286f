"""Admin registration: the taxonomies and partners as snippets in one 'Taxonomy' menu.

The viewsets set no `search_fields`: Wagtail then passes them to the search backend as
`fields=`, which modelsearch's SQLite backend turns into a column of its full-text table that
does not exist ("no such column: institution", a 500 on every admin search; upstream
wagtail/django-modelsearch#47, wagtail/wagtail#10217). Without them the admin searches each
model's own index (`name`, or `institution` for partners), which is the same set of fields.
"""

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


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "site"
    list_display = ["institution", "country", "locale"]
    list_filter = ["locale"]


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
