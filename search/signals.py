"""Keep search data current: a new generation token on every change that alters
results or counts, logged with the materials it concerns (so each process updates its
work index for those alone, or rebuilds it when the log says "everything"), a re-index of
every page a move gives a new tree path (search.moved_pages), and a
re-index of the materials whose indexed facts a change alters:
a material's other language versions when one of them is published, withdrawn or deleted
(they record which languages exist), the materials under a view restriction that is added or
removed (they record whether they are public), and the materials using a term whose
label is edited in any language (they hold every language's labels), and the material
whose PD uses change (it records whether it is used in PD; the "most used" sort reads the
uses from the database)."""

from django.db.models.signals import post_delete, post_save, pre_save
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
    PDUse,
    ResourceLanguage,
)
from search.models import SearchChange
from search.moved_pages import reindex_after_move

# Past this many materials, one change is logged as "rebuild everything".
TRACKED_LIMIT = 1000
EVERYTHING = (None,)


def bump_generation(**kwargs):
    """A change that alters no material's row in the work index (a slug, another page)."""
    SearchChange.record(())


def rebuild_everything(**kwargs):
    """Taxonomy saves and deletes: a slug edit or a deleted term renames or drops facet
    values across the materials using it, too broad to track per material."""
    SearchChange.record(EVERYTHING)


def keys_under(path: str) -> tuple:
    """The materials at or below a path, or "everything" when there are too many."""
    keys = list(
        MaterialPage.objects.filter(path__startswith=path)
        .values_list("translation_key", flat=True)
        .distinct()[: TRACKED_LIMIT + 1]
    )
    return EVERYTHING if len(keys) > TRACKED_LIMIT else tuple(keys)


def material_changed(instance, **kwargs):
    """Publish, unpublish: the material's row; other pages' publishes bump the token."""
    keys = (instance.translation_key,) if isinstance(instance, MaterialPage) else ()
    SearchChange.record(keys)


def restriction_changed(instance, **kwargs):
    """A view restriction covers its page and every page below it."""
    try:
        page = instance.page
    except Page.DoesNotExist:  # the page is being deleted: its own delete logs its materials
        SearchChange.record(())
        return
    SearchChange.record(keys_under(page.path))


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


def reindex_versions_of_deleted(instance, **kwargs):
    """Deleting a live version withdraws its language without an unpublish signal; its
    other versions' documents still named that language, so the scope filter kept the
    material out of that language's search altogether."""
    if isinstance(instance, MaterialPage) and instance.live:
        reindex_other_versions(instance)


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
    signal.connect(material_changed, dispatch_uid=f"search-generation-{signal}")
    signal.connect(reindex_other_versions, dispatch_uid=f"search-versions-{signal}")
page_slug_changed.connect(bump_generation, dispatch_uid="search-generation-slug")


@receiver(post_page_move, dispatch_uid="search-generation-move")
def moved(instance, **kwargs):
    """A move can take materials into or out of a restricted section."""
    SearchChange.record(keys_under(instance.path))


@receiver(post_page_move, dispatch_uid="search-reindex-move")
def reindex_moved(instance, **kwargs):
    """A move can take materials into or out of a restricted section, and changes the
    tree path the engine holds for every page below it (search.moved_pages)."""
    reindex_after_move(instance)


@receiver(post_delete, sender=Page, dispatch_uid="search-generation-page-delete")
@receiver(post_delete, sender=MaterialPage, dispatch_uid="search-generation-material-delete")
def page_deleted(instance, **kwargs):
    """Every page has a translation key; only a material's is in the work index."""
    SearchChange.record((instance.translation_key,))


post_delete.connect(
    reindex_versions_of_deleted, sender=MaterialPage, dispatch_uid="search-versions-delete"
)


for signal in (post_save, post_delete):
    signal.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid=f"search-{signal}-rule"
    )
for model in (Discipline, DiversityDimension, ResourceLanguage):
    post_save.connect(
        rebuild_everything, sender=model, dispatch_uid=f"search-save-{model.__name__}"
    )
    post_delete.connect(
        rebuild_everything, sender=model, dispatch_uid=f"search-delete-{model.__name__}"
    )
for signal in (post_save, post_delete):
    signal.connect(
        reindex_restricted, sender=PageViewRestriction, dispatch_uid=f"search-private-{signal}"
    )
for term_model in TERM_FIELDS:
    post_save.connect(
        reindex_term_users, sender=term_model, dispatch_uid=f"search-labels-{term_model.__name__}"
    )


@receiver(pre_save, sender=PDUse, dispatch_uid="search-use-moved")
def use_moving(instance, **kwargs):
    """An edited use may move to another material: remember the one it leaves."""
    instance._previous_key = (
        PDUse.objects.filter(pk=instance.pk).values_list("translation_key", flat=True).first()
        if instance.pk
        else None
    )


def use_changed(instance, **kwargs):
    """A use saved or deleted: its material (and the one it left) gains or loses the
    "used in PD" value."""
    keys = {instance.translation_key, getattr(instance, "_previous_key", None)} - {None}
    SearchChange.record(tuple(keys))
    reindex(MaterialPage.objects.filter(translation_key__in=keys))


post_save.connect(use_changed, sender=PDUse, dispatch_uid="search-use-saved")
post_delete.connect(use_changed, sender=PDUse, dispatch_uid="search-use-deleted")
