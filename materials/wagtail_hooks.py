"""Admin registration: the taxonomies and partners as snippets in one 'Taxonomy' menu;
and the rule that keeps files of private materials off Wagtail's /documents/ URLs."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from materials.downloads.access import is_private_material_file
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


@hooks.register("before_serve_document")
def hide_files_of_private_materials(document, request):
    """/documents/<id>/<name> serves any document by id; a material's files must not be
    reachable there while no version of the material is published and public. Editors
    (admin access) still open them, e.g. from the document chooser while preparing a page."""
    if request.user.has_perm("wagtailadmin.access_admin"):
        return None
    if is_private_material_file(document):
        raise Http404("No such document.")
    return None
