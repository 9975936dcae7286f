"""The cache settings read from the environment."""

from repo_site.settings.cache import cache_settings, frontend_cache_settings, session_engine


def test_redis_when_redis_url_is_set_else_local_memory():
    redis = cache_settings("redis://127.0.0.1:6379/1")["default"]
    assert redis["BACKEND"] == "django_redis.cache.RedisCache"
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert redis["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    local = cache_settings(None)["default"]
    assert local["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_sessions_can_use_the_cache():
    assert session_engine(True) == "django.contrib.sessions.backends.cached_db"
    assert session_engine(False) == "django.contrib.sessions.backends.db"


def test_frontend_cache_purging_is_off_unless_configured():
    assert frontend_cache_settings() == {}
    varnish = frontend_cache_settings(purge_url="http://127.0.0.1:8080")["varnish"]
    assert varnish["BACKEND"] == "wagtail.contrib.frontend_cache.backends.HTTPBackend"
    cloudflare = frontend_cache_settings(cloudflare_token="t", cloudflare_zone="z")["cloudflare"]
    assert cloudflare["ZONEID"] == "z"
    assert frontend_cache_settings(cloudflare_token="t") == {}
