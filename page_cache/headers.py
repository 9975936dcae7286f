"""The HTTP caching headers of cacheable pages, for browsers and CDNs alike.

- Cache-Control: `public, max-age=0, s-maxage=CDN_CACHE_SECONDS`: shared caches (a CDN,
  Varnish) keep a page for that long; browsers revalidate every time, cheaply, with the
  ETag (a 304 without a body).
- ETag: a hash of the body, the same on every hit and every worker.
- Vary: Cookie, because a logged-in user gets another page at the same URL. The language is
  in the URL prefix; Django's LocaleMiddleware adds Accept-Language where it is not.

Pages that must not be shared (for a logged-in user, or with a form token) get
`private, no-cache` instead, so no CDN keeps them.
"""

import hashlib

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers


def etag_for(content: bytes) -> str:
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def set_public_headers(response) -> None:
    response["ETag"] = etag_for(response.content)
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.CDN_CACHE_SECONDS)
    patch_vary_headers(response, ("Cookie",))


def set_private_headers(response) -> None:
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Cookie",))
