"""A shared marker of the search data's state, so every process notices a change."""

import uuid

from django.db import models


class SearchGeneration(models.Model):
    """One row. Its token changes whenever something a search result depends on changes
    (publish, unpublish, move, delete, view restrictions, taxonomy). Processes keep
    their in-memory facet index until the token differs. A random token rather than a
    counter: a rolled-back transaction cannot make an old number mean new data."""

    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "search generation"

    def __str__(self):
        return str(self.token)

    @classmethod
    def current(cls) -> uuid.UUID:
        token = cls.objects.filter(pk=1).values_list("token", flat=True).first()
        if token is None:
            token = cls.objects.get_or_create(pk=1)[0].token
        return token

    @classmethod
    def bump(cls) -> None:
        """A change whose extent is not known (bulk loads): every process rebuilds."""
        SearchChange.record((None,))


class SearchChange(models.Model):
    """The change log beside the generation token: which materials a change concerns, so
    a process holding the work index reads only those again. A row without a translation
    key asks every process to rebuild (a change too broad to track, such as a taxonomy
    edit). `token` is the generation the change produced: a process checks that the rows
    it applied are still there with the same token, so a rolled-back history (tests roll
    back every transaction; SQLite reuses ids then) forces a rebuild instead of a silent
    miss."""

    id = models.BigAutoField(primary_key=True)
    translation_key = models.UUIDField(null=True, blank=True)
    token = models.UUIDField()

    class Meta:
        verbose_name = "search change"

    def __str__(self):
        return f"{self.pk}: {self.translation_key or 'everything'}"

    # Rows kept: a process further behind than this rebuilds anyway.
    RETAIN = 5000

    @classmethod
    def record(cls, keys) -> None:
        """Log a change of these materials (None in keys: of everything) and bump the
        generation token in the same transaction."""
        token = uuid.uuid4()
        if not SearchGeneration.objects.filter(pk=1).update(token=token):
            SearchGeneration.objects.update_or_create(pk=1, defaults={"token": token})
        rows = SearchChange.objects.bulk_create(
            [SearchChange(translation_key=key, token=token) for key in dict.fromkeys(keys)]
        )
        last = max((row.pk or 0 for row in rows), default=0)
        if any(row.pk and row.pk % 500 == 0 for row in rows):
            cls.objects.filter(pk__lte=last - cls.RETAIN).delete()


class PendingIndexWrite(models.Model):
    """An index write Elasticsearch/OpenSearch failed (down, timing out, refusing).
    Publishing never waits for the search engine: the write is kept here, one row per
    object with the latest action, and applied again after the next successful write or
    by `manage.py retry_index_writes`. A row names the object, not its data: a retry
    indexes the object as it is then."""

    ADD = "add"
    DELETE = "delete"
    ACTIONS = [(ADD, "add or update"), (DELETE, "delete")]

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=255)
    action = models.CharField(max_length=6, choices=ACTIONS)
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "pending index write"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_pending_write_per_object"
            )
        ]

    def __str__(self):
        return f"{self.action} {self.content_type_id}:{self.object_id}"
