"""Template access to the review workflow, for screens that wagtail-localize renders."""

from django import template

from translation.review import submit_url_for

register = template.Library()


@register.simple_tag
def submit_for_review_url(page, user) -> str:
    return submit_url_for(page, user) or ""
