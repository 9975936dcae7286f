"""The material page's notice: its original link has failed at every check for four weeks.

Answered through the `original_link_dead_since` hook (materials.extension_points) with one
indexed query; the files hosted on the site are untouched, so the page still offers them.
"""

from link_check.addresses import normalise
from link_check.models import CheckedLink


def original_link_dead_since(page):
    """When the page's original URL started failing, if it has been dead for four weeks."""
    key = normalise(page.original_url)
    if key is None:
        return None
    return (
        CheckedLink.objects.filter(normalised_url=key, long_broken=True)
        .values_list("first_failure_at", flat=True)
        .first()
    )
