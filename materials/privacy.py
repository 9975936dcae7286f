"""Which materials are public: the one rule behind file downloads, /documents/ and the
documents API.

A material is a translation group (pages sharing a `translation_key`). It is public when
at least one version is live and no version is under a view restriction (on the page or
an ancestor). A restriction on any language version makes the whole material private: its
files must not stay public in the other languages until a sync copies the restriction.
"""

import uuid
from collections.abc import Iterable

from django.db.models import QuerySet

from wagtail.models import Collection, CollectionViewRestriction

from materials.models import MaterialFile, MaterialPage


def public_material_keys() -> QuerySet:
    """The translation keys of public materials, as a subquery (`values`)."""
    restricted = MaterialPage.objects.not_public().values("translation_key")
    return (
        MaterialPage.objects.live()
        .exclude(translation_key__in=restricted)
        .values("translation_key")
        .distinct()
    )


def private_materials(translation_keys: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """The keys among `translation_keys` whose material is not public."""
    keys = set(translation_keys)
    if not keys:
        return set()
    public = public_material_keys().filter(translation_key__in=keys)
    return keys - set(public.values_list("translation_key", flat=True))


def restricted_collection_ids() -> set[int]:
    """Collections under a view restriction, their descendants included (Wagtail applies a
    collection's restriction to the collections inside it)."""
    ids: set[int] = set()
    for restriction in CollectionViewRestriction.objects.select_related("collection"):
        ids.update(
            Collection.objects.descendant_of(restriction.collection, inclusive=True).values_list(
                "id", flat=True
            )
        )
    return ids


def public_material_document_ids() -> QuerySet:
    """Documents attached to a public material and not in a restricted collection, as a
    subquery of ids."""
    return (
        MaterialFile.objects.filter(page__translation_key__in=public_material_keys())
        .exclude(document__collection_id__in=restricted_collection_ids())
        .values("document_id")
    )
