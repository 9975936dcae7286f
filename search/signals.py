"""Keep search data current: a new generation token on every change that alters
results or counts, and a re-index of the materials whose indexed facts a change alters:
a material's other language versions when one of them is published or withdrawn (they
record which languages exist), the materials under a view restriction that is added or
removed (they record whether they are public), and the materials using a term whose
label is edited in any language (they hold every language's labels)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backends
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from materials.models import (
    Discipline,
    DiversityDimension,
    MaterialPage,
    ResourceLanguage,
)
from search.models import SearchGeneration


def bump_generation(**kwargs):
    SearchGeneration.bump()


def reindex(materials) -> None:
    """Re-index these materials (a queryset) in every auto-updated backend."""
    pages = list(
        materials.live().prefetch_related(
            "disciplines", "resource_languages", "diversity_dimensions"
        )
    )
    if not pages:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(MaterialPage, pages)


def reindex_other_versions(instance, **kwargs):
    if not isinstance(instance, MaterialPage):
        return
    reindex(
        MaterialPage.objects.filter(translation_key=instance.translation_key).exclude(
            pk=instance.pk
        )
    )


def reindex_restricted(instance, **kwargs):
    """A view restriction covers its page and every page below it."""
    try:
        page = instance.page
    except Page.DoesNotExist:  # the page itself is being deleted
        return
    reindex(MaterialPage.objects.filter(path__startswith=page.path))


def reindex_term_users(sender, instance, **kwargs):
    """Materials link to the canonical term; any translation's label edit concerns them."""
    canonical = sender.objects.filter(translation_key=instance.translation_key)
    field = TERM_FIELDS[sender]
    reindex(MaterialPage.objects.filter(**{f"{field}__in": canonical}).distinct())


TERM_FIELDS = {
    Discipline: "disciplines",
    DiversityDimension: "diversity_dimensions",
    ResourceLanguage: "resource_languages",
}


for signal in (page_published, page_unpublished):
    signal.connect(bump_generation, dispatch_uid=f"search-generation-{signal}")
    signal.connect(reindex_other_versions, dispatch_uid=f"search-versions-{signal}")
page_slug_changed.connect(bump_generation, dispatch_uid="search-generation-slug")
post_page_move.connect(bump_generation, dispatch_uid="search-generation-move")


@receiver(post_page_move, dispatch_uid="search-reindex-move")
def reindex_moved(instance, **kwargs):
    """A move can take materials into or out of a restricted section."""
    reindex(MaterialPage.objects.filter(path__startswith=instance.path))


@receiver(post_delete, sender=Page, dispatch_uid="search-generation-page-delete")
@receiver(post_delete, sender=MaterialPage, dispatch_uid="search-generation-material-delete")
def page_deleted(**kwargs):
    SearchGeneration.bump()


for model in (PageViewRestriction, Discipline, DiversityDimension, ResourceLanguage):
    post_save.connect(bump_generation, sender=model, dispatch_uid=f"search-save-{model.__name__}")
    post_delete.connect(
        bump_generation, sender=model, dispatch_uid=f"search-delete-{model.__name__}"
    )
for signal in (post_save, post_delete):
    signal.connect(
        reindex_restricted, sender=PageViewRestriction, dispatch_uid=f"search-private-{signal}"
    )
for model in TERM_FIELDS:
    post_save.connect(
        reindex_term_users, sender=model, dispatch_uid=f"search-labels-{model.__name__}"
    )
