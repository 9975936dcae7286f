"""The cache generation kept in the database, for sites whose cache is per process."""

import uuid

from django.db import models


class PageCacheGeneration(models.Model):
    """One row whose token changes whenever a published page, its privacy or a label it
    shows changes. Cached pages are stored with the token they were rendered under and
    are used only while it is still the current one. A random token rather than a counter:
    a rolled-back transaction cannot make an old number mean new content."""

    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "page cache generation"

    def __str__(self):
        return str(self.token)
