"""Who may fetch a document, beyond the material pages that serve it.

Wagtail also serves every document at /documents/<id>/<name>, whatever page it belongs to.
Without a check there, the files of an unpublished or password-protected material would be
one guessable URL away; see `is_private_material_file`. The material routes themselves get
page privacy from Wagtail's page routing, and collection privacy from `collection_refusal`.
"""

from wagtail.documents.wagtail_hooks import check_view_restrictions

from materials.models import MaterialFile, MaterialPage


def is_private_material_file(document) -> bool:
    """Attached to materials, none of which is live and public, in any language.

    A document attached to no material is none of this app's business (False): it may be
    linked from a page's rich text, and Wagtail's collection privacy governs it.
    """
    page_ids = list(
        MaterialFile.objects.filter(document=document).values_list("page_id", flat=True)
    )
    if not page_ids:
        return False
    return not MaterialPage.objects.filter(pk__in=page_ids).live().public().exists()


def collection_refusal(document, request):
    """Wagtail's own answer (a password form, a login redirect) when the document sits in a
    private collection the visitor has not unlocked; None when it may be served."""
    return check_view_restrictions(document, request)
