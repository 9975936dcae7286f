"""Serves anonymous visitors whole pages from the cache, and stores the pages it may.

It sits after the locale middleware (the language is part of the key) and before the
session, CSRF, authentication and messages layers, so a hit skips all of them and the view.
The key is the full URL (scheme, host, path, query string) and the active language; the
entry holds the generation token it was rendered under (generation.py) and is used only
while that token is current.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language

from page_cache import generation, headers, policy
from page_cache.marking import mark_of

HIT_HEADER = "X-Page-Cache"


def cache_key(request) -> str:
    url = f"{request.build_absolute_uri()}|{get_language()}"
    return "page_cache:page:" + hashlib.sha256(url.encode()).hexdigest()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not policy.enabled() or not policy.request_may_use_cache(request):
            response = self.get_response(request)
            if mark_of(request) is not None and response.status_code == 200:
                headers.set_private_headers(response)
            return response

        key = cache_key(request)
        try:
            token, entry = generation.lookup(key)
        except DatabaseError:
            # The token lives in the database and it cannot answer: serve without the
            # cache, so the view's own outage handling (a 503 or the 500 page) applies.
            return self.get_response(request)
        generation.remember(request, token)
        if entry is not None and entry["token"] == token:
            return self.hit(request, entry)

        response = self.get_response(request)
        if policy.response_may_be_stored(request, response):
            headers.set_public_headers(response)
            self.store(key, token, response)
            response[HIT_HEADER] = "miss"
        elif mark_of(request) is not None and response.status_code == 200:
            headers.set_private_headers(response)
        return response

    def store(self, key: str, token: str, response) -> None:
        entry = {
            "token": token,
            "content": response.content,
            "headers": dict(response.items()),
        }
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)

    def hit(self, request, entry):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"].items():
            response[name] = value
        response[HIT_HEADER] = "hit"
        return get_conditional_response(request, etag=response["ETag"], response=response)
