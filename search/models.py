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
