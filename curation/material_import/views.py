"""The admin's import screens: upload, preview (the dry run), confirm, and the template.

The preview and the confirmation call the same importer as the command; the only
difference is dry_run. Anything wrong with the input answers 400 with the reason on the
page, never a server error, and a confirmation that does not match a preview writes nothing.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from curation.material_import.access import can_import
from curation.material_import.apply import ImportConflict, ImportRefused, import_file
from curation.material_import.parse import FORMATS, MAX_BYTES, MAX_ROWS, FileRefused
from curation.material_import.template_file import template_csv
from curation.material_import.uploads import UploadRefused, keep, take


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy("CSV (UTF-8) or XLSX, at most %(size)d MB and %(rows)d rows.")
        % {"size": MAX_BYTES // 1024 // 1024, "rows": MAX_ROWS},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(FORMATS)}),
    )


def _importer_only(request) -> None:
    if not can_import(request.user):
        raise PermissionDenied


def _upload_page(request, form, status=200):
    return TemplateResponse(request, "curation/import_upload.html", {"form": form}, status=status)


def _report_page(request, report, *, pending=None, status=200):
    context = {"report": report, "pending": pending, "form": UploadForm()}
    return TemplateResponse(request, "curation/import_report.html", context, status=status)


@require_http_methods(["GET", "POST"])
def upload(request):
    """GET: the form. POST: the dry run of the uploaded file, shown as the preview."""
    _importer_only(request)
    if request.method == "GET":
        return _upload_page(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    uploaded = form.cleaned_data["file"]
    content = uploaded.read(MAX_BYTES + 1)
    try:
        report = import_file(content, uploaded.name, dry_run=True, user=request.user)
    except (FileRefused, ImportRefused) as error:
        form.add_error("file", str(error))
        return _upload_page(request, form, status=400)
    if report.refusals:
        return _report_page(request, report, status=400)
    return _report_page(request, report, pending=keep(content, uploaded.name, request.user))


@require_POST
def confirm(request):
    """Imports the previewed file, named by its token and checked by its SHA-256."""
    _importer_only(request)
    try:
        pending = take(request.POST.get("token", ""), request.POST.get("sha256", ""), request.user)
    except UploadRefused as error:
        return TemplateResponse(
            request, "curation/import_refused.html", {"message": str(error)}, status=400
        )
    try:
        report = import_file(
            bytes(pending.content), pending.filename, dry_run=False, user=request.user
        )
    except ImportConflict as error:
        # 409: the file may be fine; the site changed under it. The preview stays pending
        # for its owner to look at, and a new upload shows what it would do now.
        return TemplateResponse(
            request, "curation/import_refused.html", {"message": str(error)}, status=409
        )
    except (FileRefused, ImportRefused) as error:
        return TemplateResponse(
            request, "curation/import_refused.html", {"message": str(error)}, status=400
        )
    if report.refusals:
        # The site changed since the preview (a partner or term was deleted): nothing written.
        return _report_page(request, report, status=400)
    pending.delete()
    messages.success(request, _("Import done: %(summary)s.") % {"summary": report.summary()})
    return _report_page(request, report)


@require_GET
def download_template(request):
    _importer_only(request)
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="materials-import-template.csv"'
    return response
