"""Who curates the collection: whoever may add materials to the source-language material
index, as the page tree decides for anyone adding one by hand (superusers, Wagtail's
Editors, a partner's editors with page permissions there). Translators and reviewers hold
permissions on their own language's tree only, so they do not: importing, harvesting,
deciding duplicates, checking links and reading the metadata scorecard are decisions made
on the source pages. Every one of those screens asks this one rule."""

from wagtail.models import Locale

from materials.models import MaterialIndexPage


def may_curate(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    index = MaterialIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()
    return index is not None and index.permissions_for_user(user).can_add_subpage()
