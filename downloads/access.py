"""Who may fetch a material's files: privacy follows the material, in every language.

A material is private while no version of it is live, or while any language version sits
under a view restriction (materials.privacy has the rule): restricting the English version
of a material restricts its files in German too, without waiting for a sync to copy the
restriction to each translation.

Two ways to a file, one rule:
- the material's own routes (`<material url>files/...`): the visitor must pass the view
  restrictions of every version, each asked for as Wagtail asks (password form, login);
  see `restriction_refusal`. The page's own restrictions and publication are checked by
  Wagtail's page routing before; collection privacy by `collection_refusal`;
- Wagtail's /documents/<id>/<name>, which serves any document by id: a file attached only
  to private materials is served there only to users who may edit a page that carries it
  (see downloads.wagtail_hooks). A file shared with one public material stays public.
"""

from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from wagtail.documents.wagtail_hooks import check_view_restrictions
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import PageViewRestriction
from wagtail.wagtail_hooks import require_wagtail_login

from materials.models import MaterialFile, MaterialPage
from materials.privacy import private_materials


def _restriction_paths() -> list[tuple[str, PageViewRestriction]]:
    return [
        (restriction.page.path, restriction)
        for restriction in PageViewRestriction.objects.select_related("page")
    ]


def _covering(path: str, restrictions) -> list[PageViewRestriction]:
    return [restriction for prefix, restriction in restrictions if path.startswith(prefix)]


def is_private_material_file(document) -> bool:
    """Attached to materials, all of which are private (materials.privacy).

    A document attached to no material is none of this app's business (False): it may be
    linked from a page's rich text, and Wagtail's collection privacy governs it.
    """
    keys = set(
        MaterialFile.objects.filter(document=document).values_list(
            "page__translation_key", flat=True
        )
    )
    if not keys:
        return False
    return private_materials(keys) == keys


def may_edit_a_material_carrying(user, document) -> bool:
    """The user may edit some language version of a material that carries the file: its
    editors and that language's translators, who need it while preparing the page."""
    if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return False
    pages = MaterialPage.objects.filter(files__document=document).distinct()
    return any(page.permissions_for_user(user).can_edit() for page in pages)


def restriction_refusal(material, request):
    """Wagtail's answer to the first view restriction on any language version of
    `material` that the request has not passed (a password form, a login redirect); None
    when it passes them all. The material's own page's restrictions were checked already
    by Wagtail's routing; a translation's are checked here too."""
    restrictions = _restriction_paths()
    if not restrictions:
        return None
    versions = MaterialPage.objects.filter(translation_key=material.translation_key)
    for version in versions.only("id", "path"):
        for restriction in _covering(version.path, restrictions):
            if restriction.accept_request(request):
                continue
            if restriction.restriction_type == PageViewRestriction.PASSWORD:
                form = PasswordViewRestrictionForm(
                    instance=restriction, initial={"return_url": request.get_full_path()}
                )
                action_url = reverse(
                    "wagtailcore_authenticate_with_password",
                    args=[restriction.id, version.id],
                )
                response = version.specific.serve_password_required_response(
                    request, form, action_url
                )
            else:
                response = require_wagtail_login(next=request.get_full_path())
            add_never_cache_headers(response)
            return response
    return None


def collection_refusal(document, request):
    """Wagtail's own answer (a password form, a login redirect) when the document sits in a
    private collection the visitor has not unlocked; None when it may be served."""
    return check_view_restrictions(document, request)
