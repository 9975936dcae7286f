"""The current cache generation: one token that every content change replaces.

Cached pages are stored with the token they were rendered under and served only while it
is still current, so one write drops every cached page at once: no list of which pages
show which material, label or partner has to be kept right.

Where the token lives follows the cache. A shared cache (Redis) holds it, so a hit costs
one cache round trip and no query. A per-process cache (local memory) cannot tell the other
worker processes about a change, so the token is read from the database instead: one small
query per hit, and every process sees a publish at once.
"""

import uuid

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.utils import timezone

from page_cache.models import PageCacheGeneration

TOKEN_KEY = "page_cache:generation"


def token_in_database() -> bool:
    return isinstance(caches["default"], LocMemCache)


def lookup(key: str) -> tuple[str, object | None]:
    """The current token and the entry stored under `key` (None if absent)."""
    if token_in_database():
        return database_token(), cache.get(key)
    found = cache.get_many([TOKEN_KEY, key])
    token = found.get(TOKEN_KEY)
    if token is None:
        token = shared_token()
    return token, found.get(key)


# Where a request keeps the token it read, so each request reads it at most once.
REQUEST_ATTRIBUTE = "_page_cache_token"


def remember(request, token: str) -> None:
    setattr(request, REQUEST_ATTRIBUTE, token)


def current(request=None) -> str:
    """The current token, read once per request: the page cache's lookup leaves it on the
    request, and fragments rendered later in the same request reuse it."""
    token = getattr(request, REQUEST_ATTRIBUTE, None)
    if token is None:
        token = database_token() if token_in_database() else shared_token()
        if request is not None:
            remember(request, token)
    return token


def shared_token() -> str:
    """The token held in the shared cache, set first if it is missing."""
    token = cache.get(TOKEN_KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.add(TOKEN_KEY, token, None)
        token = cache.get(TOKEN_KEY, token)  # another process may have added its own
    return token


def database_token() -> str:
    """The token row, read with plain SQL: every request reads it (cache hits included),
    and the ORM takes ten times longer to build this one-column query than to run it."""
    meta = PageCacheGeneration._meta
    quote = connection.ops.quote_name
    token_field = meta.get_field("token")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(token_field.column)} FROM {quote(meta.db_table)} "
            f"WHERE {quote(meta.pk.column)} = %s",
            [1],
        )
        row = cursor.fetchone()
    if row is None:
        return PageCacheGeneration.objects.get_or_create(pk=1)[0].token.hex
    return token_field.to_python(row[0]).hex


def bump() -> None:
    """Make every cached page stale.

    In the database, the new token commits (or rolls back) with the change itself. In a
    shared cache it is replaced now and again when the transaction commits: a request that
    read the first new token while the change was uncommitted may have stored the old
    content under it, and the second replacement makes that entry stale too.
    """
    if token_in_database():
        updated = PageCacheGeneration.objects.filter(pk=1).update(
            token=uuid.uuid4(), changed_at=timezone.now()
        )
        if not updated:
            PageCacheGeneration.objects.get_or_create(pk=1)
        return
    replace_shared_token()
    transaction.on_commit(replace_shared_token)


def replace_shared_token() -> None:
    cache.set(TOKEN_KEY, uuid.uuid4().hex, None)
