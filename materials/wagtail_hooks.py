"""Admin registration: the taxonomies and partners as snippets in one 'Taxonomy' menu.

The viewsets set no `search_fields`: Wagtail then passes them to the search backend as
`fields=`, which modelsearch's SQLite backend turns into a column of its full-text table that
does not exist ("no such column: institution", a 500 on every admin search; upstream
wagtail/django-modelsearch#47, wagtail/wagtail#10217). Without them the admin searches each
model's own index (`name`, or `institution` for partners), which is the same set of fields.
"""

from django.contrib import messages
from django.http import JsonResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from materials.models import (
    Discipline,
    DiversityDimension,
    Partner,
    QualityCriterion,
    ResourceLanguage,
    ReviewPage,
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


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_partial_reviews(request, page):
    """A review that rates fewer criteria than exist saves and publishes, but says so:
    its average covers only the criteria it rates."""
    if not isinstance(page, ReviewPage) or not request.accepts("text/html"):
        # Background autosaves (JSON) would pile the same warning up for the next page.
        return
    rated, total = page.criteria_coverage()
    if rated < total:
        messages.warning(
            request,
            ngettext(
                "This review rates %(rated)d of %(total)d quality criterion; "
                "its average covers only the criteria it rates.",
                "This review rates %(rated)d of %(total)d quality criteria; "
                "its average covers only the criteria it rates.",
                total,
            )
            % {"rated": rated, "total": total},
        )


@hooks.register("before_create_page")
def no_autosave_before_the_first_save(request, parent_page, page_class):
    """Wagtail 8 autosaves the create form too, and that creates the page: an editor who
    opens "Add material", types a title and walks away leaves a draft that holds the slug
    (the next material of that title gets "-2", or the import a refusal). So a page is
    created only by the editor's own Save or Publish (an HTML form post); the background
    autosave (a request that accepts only JSON) is declined until then. Autosave works as
    usual on every later edit, where it only adds revisions to the existing page."""
    if request.method == "POST" and not request.accepts("text/html"):
        return JsonResponse(
            {
                "success": False,
                "error_code": "first_save_required",
                "error_message": gettext(
                    "Autosave starts after the first save: save this page to keep it."
                ),
            },
            status=400,
        )
    return None
