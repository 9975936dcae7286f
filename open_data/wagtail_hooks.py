"""The open-data serialisers that appear inside pages: a material's JSON-LD in its <head>."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail import hooks

from materials.extension_points import MATERIAL_HEAD_HTML
from open_data.jsonld import learning_resource, script_json


@hooks.register(MATERIAL_HEAD_HTML)
def json_ld_script(record, nonce=""):
    """schema.org LearningResource for search engines; script_json escapes what could close
    the element, so the markup is safe. The nonce lets it pass the Content-Security-Policy."""
    nonce_attribute = format_html(' nonce="{}"', nonce) if nonce else ""
    return mark_safe(
        f'<script type="application/ld+json"{nonce_attribute}>'
        f"{script_json(learning_resource(record))}</script>"
    )
