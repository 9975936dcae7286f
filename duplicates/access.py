"""Who may see the queue of likely duplicates and decide them: whoever may add materials
to the source-language index, i.e. superusers and editors. Translators and reviewers,
whose permissions sit on their own language's tree, may not: deciding links materials in
every language."""

from wagtail.models import Locale

from materials.models import MaterialIndexPage


def can_decide(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    index = MaterialIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()
    return index is not None and index.permissions_for_user(user).can_add_subpage()
