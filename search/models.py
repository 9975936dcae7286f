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
        if not cls.objects.filter(pk=1).update(token=uuid.uuid4()):
            cls.objects.get_or_create(pk=1)


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
