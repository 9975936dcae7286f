"""Cache settings: Redis when REDIS_URL is set, this process's memory otherwise.

One function per setting so that base.py reads as a list of decisions and the tests can
call them with any environment.
"""

from repo_site.settings.environment import env_str

LOCAL_CACHE = "django.core.cache.backends.locmem.LocMemCache"
REDIS_CACHE = "django_redis.cache.RedisCache"


def cache_settings(redis_url: str | None) -> dict:
    """CACHES: one shared Redis for every worker process, or a cache per process.

    With Redis, a cache outage degrades to misses (IGNORE_EXCEPTIONS) instead of 500s:
    every page can still be rendered from the database.
    """
    if redis_url:
        return {
            "default": {
                "BACKEND": REDIS_CACHE,
                "LOCATION": redis_url,
                "KEY_PREFIX": "stem",
                "OPTIONS": {
                    "CLIENT_CLASS": "django_redis.client.DefaultClient",
                    "IGNORE_EXCEPTIONS": True,
                    "SOCKET_CONNECT_TIMEOUT": 1,
                    "SOCKET_TIMEOUT": 1,
                },
            }
        }
    return {
        "default": {"BACKEND": LOCAL_CACHE, "LOCATION": "stem", "OPTIONS": {"MAX_ENTRIES": 5000}}
    }


def session_engine(sessions_in_cache: bool) -> str:
    """Sessions read through the cache but are still written to the database, so a cache
    restart (or a full Redis) logs nobody out."""
    if sessions_in_cache:
        return "django.contrib.sessions.backends.cached_db"
    return "django.contrib.sessions.backends.db"


def frontend_cache_settings(
    purge_url: str | None = None,
    cloudflare_token: str | None = None,
    cloudflare_zone: str | None = None,
) -> dict:
    """WAGTAILFRONTENDCACHE: purge a page's URL at a CDN or Varnish when it is published,
    unpublished, moved or deleted. Empty (no purging) unless configured."""
    backends = {}
    if purge_url:
        backends["varnish"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": purge_url,
        }
    if cloudflare_token and cloudflare_zone:
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": cloudflare_token,
            "ZONEID": cloudflare_zone,
        }
    return backends


def environment_frontend_cache() -> dict:
    return frontend_cache_settings(
        purge_url=env_str("FRONTEND_CACHE_PURGE_URL"),
        cloudflare_token=env_str("CLOUDFLARE_BEARER_TOKEN"),
        cloudflare_zone=env_str("CLOUDFLARE_ZONE_ID"),
    )
