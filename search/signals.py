"""Keep search data current: a new generation token on every change that alters
results or counts, and a re-index of a material's other language versions when one
of them is published or withdrawn (they record which languages exist)."""

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


def reindex_other_versions(instance, **kwargs):
    if not isinstance(instance, MaterialPage):
        return
    others = MaterialPage.objects.filter(translation_key=instance.translation_key).exclude(
        pk=instance.pk
    )
    others = list(
        others.live().prefetch_related("disciplines", "resource_languages", "diversity_dimensions")
    )
    if not others:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(MaterialPage, others)


for signal in (page_published, page_unpublished):
    signal.connect(bump_generation, dispatch_uid=f"search-generation-{signal}")
    signal.connect(reindex_other_versions, dispatch_uid=f"search-versions-{signal}")
page_slug_changed.connect(bump_generation, dispatch_uid="search-generation-slug")
post_page_move.connect(bump_generation, dispatch_uid="search-generation-move")


@receiver(post_delete, sender=Page, dispatch_uid="search-generation-page-delete")
@receiver(post_delete, sender=MaterialPage, dispatch_uid="search-generation-material-delete")
def page_deleted(**kwargs):
    SearchGeneration.bump()


for model in (PageViewRestriction, Discipline, DiversityDimension, ResourceLanguage):
    post_save.connect(bump_generation, sender=model, dispatch_uid=f"search-save-{model.__name__}")
    post_delete.connect(
        bump_generation, sender=model, dispatch_uid=f"search-delete-{model.__name__}"
    )
