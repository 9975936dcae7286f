"""The translation editor's PO upload, with the file checked before wagtail-localize reads it.

Upstream answers a missing file with a server error and stores whatever text it parses;
here a missing or non-UTF-8 file, or one with control characters, gets a 400 with a clear
message and nothing is imported. A clean file goes on to wagtail-localize's own view.
"""

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail_localize.views.edit_translation import upload_pofile

from translation.po_text import ControlCharacterError, check_no_control_characters


def _refuse(request, message: str) -> HttpResponseBadRequest:
    body = render_to_string(
        "translation/po_refused.html",
        {"message": message, "next_url": get_valid_next_url_from_request(request)},
        request=request,
    )
    return HttpResponseBadRequest(body)


@require_POST
def checked_upload_pofile(request, translation_id):
    upload = request.FILES.get("file")
    if upload is None:
        return _refuse(request, _("Choose a PO file to upload."))
    raw = upload.read()
    upload.seek(0)
    try:
        check_no_control_characters(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return _refuse(request, _("The file is not UTF-8 text, so it is not a PO file."))
    except ControlCharacterError as error:
        return _refuse(request, str(error))
    return upload_pofile(request, translation_id)
