"""Who sees the broken-links report and may start a check: editors and administrators.

Editors are those who may add materials to the source-language index, as the page tree
decides for anyone adding one by hand (Wagtail's Editors group, or a partner's editors
with page permissions there). Translators and reviewers hold permissions on their own
language's tree only, so they do not see it: fixing a link is an editorial decision made
on the source page.
"""

from wagtail.models import Locale

from materials.models import MaterialIndexPage


def may_check_links(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    index = MaterialIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()
    return index is not None and index.permissions_for_user(user).can_add_subpage()
