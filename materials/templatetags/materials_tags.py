"""Template tags of the content model's pages."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail import hooks

from materials.extension_points import MATERIAL_HEAD_HTML

register = template.Library()


@register.simple_tag
def material_head_html(record):
    """What other apps add to a material page's <head> for this record (open_data adds the
    JSON-LD), each registered under materials.extension_points.MATERIAL_HEAD_HTML."""
    if record is None:
        return ""
    parts = (conditional_escape(render(record)) for render in hooks.get_hooks(MATERIAL_HEAD_HTML))
    return mark_safe("".join(parts))  # each part is escaped unless its hook marked it safe
