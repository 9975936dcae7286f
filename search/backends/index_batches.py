"""Bulk index writes read a batch's facts in a fixed number of queries.

A model may offer `search_index_batch(objects)`, a context in which its objects' search
fields read facts gathered for the whole batch (MaterialPage does: without it, indexing
costs about a dozen queries per material, and `update_index` at 100,000 materials hours).
Every backend's `add_items` (the bulk write behind `update_index` and `add_bulk`) enters it.
"""

from contextlib import nullcontext


def index_batch(model, objects):
    prepare = getattr(model, "search_index_batch", None)
    return prepare(objects) if prepare is not None else nullcontext()


class BatchedIndexMixin:
    """For an index class: `add_items` inside the model's batch context."""

    def add_items(self, model, items):
        items = list(items)
        with index_batch(model, items):
            return super().add_items(model, items)  # type: ignore[misc]
