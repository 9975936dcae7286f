"""Who may import: whoever may add materials to the source-language index.

An import creates source-language drafts, so it asks exactly what the page tree asks of
someone adding one by hand: superusers and editors may, translators and reviewers (whose
permissions sit on their own language's tree) may not.
"""

from wagtail.models import Locale

from materials.models import MaterialIndexPage


def can_import(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    index = MaterialIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()
    return index is not None and index.permissions_for_user(user).can_add_subpage()
