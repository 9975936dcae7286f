"""Uploads through the Wagtail admin: only teaching formats, within size and pixel limits.

An editor who picks the wrong file gets a message saying what is allowed, keeps what they
typed, and nothing half-stored is left behind; a bad upload is never a server error.
"""

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from wagtail.models import Collection, UploadedFile

from materials.models import CustomDocument, CustomImage

ALLOWED_DOCUMENT_EXTENSIONS = [
    "pdf", "docx", "pptx", "xlsx", "odt", "odp", "ods", "zip", "txt", "csv", "epub",
]  # fmt: skip
ALLOWED_LIST_TEXT = ", ".join(ALLOWED_DOCUMENT_EXTENSIONS)

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
REFUSED_DOCUMENTS = {
    "setup.exe": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff",
    "page.html": b"<html><body><script>alert(1)</script></body></html>",
    "drawing.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "widget.js": b"alert(document.cookie);",
    "guide.pdf.exe": b"MZ\x90\x00",
}


def docx_bytes() -> bytes:
    """The smallest zip that is recognisably a Word document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def png_bytes(width: int = 8, height: int = 8) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def stored_files(folder: str) -> set[Path]:
    root = Path(django_settings.MEDIA_ROOT) / folder
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


@pytest.fixture
def add_document(admin_client, root_collection):
    def post(name: str, content: bytes, title: str = "Teacher guide"):
        return admin_client.post(
            reverse("wagtaildocs:add"),
            {
                "title": title,
                "collection": root_collection.pk,
                "file": SimpleUploadedFile(name, content),
            },
        )

    return post


@pytest.fixture
def add_image(admin_client, root_collection):
    def post(name: str, content: bytes, title: str = "Cover photo"):
        return admin_client.post(
            reverse("wagtailimages:add"),
            {
                "title": title,
                "collection": root_collection.pk,
                "file": SimpleUploadedFile(name, content),
            },
        )

    return post


def file_errors(response) -> list[str]:
    """The form's messages for the file field, after checking they are shown to the editor."""
    assert response.status_code < 500
    errors = response.context["form"].errors.get("file", [])
    content = response.content.decode()
    for error in errors:
        assert escape(error) in content, f"{error!r} is not shown on the page"
    return errors


def assert_no_empty_extension_error(errors: list[str]) -> None:
    """A .pdf that is too big must not also be told its extension "" is not allowed.

    Wagtail's AbstractDocument.clean() validates the extension of the instance's file even
    when the form has already rejected the upload, so the instance has no file name.
    """
    confusing = [error for error in errors if "extension “”" in error]
    assert not confusing, f"misleading extra message for a .pdf upload: {confusing}"


def test_allowed_document_types_are_exactly_the_teaching_formats():
    assert list(django_settings.WAGTAILDOCS_EXTENSIONS) == ALLOWED_DOCUMENT_EXTENSIONS


def test_upload_limits_are_configured():
    assert django_settings.WAGTAILDOCS_MAX_UPLOAD_SIZE > 0
    assert django_settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE > 0
    assert django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS > 0


# -- documents ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [("teacher-guide.pdf", PDF_BYTES), ("worksheets.docx", docx_bytes())],
    ids=["pdf", "docx"],
)
def test_teaching_documents_are_accepted(add_document, name, content):
    before = CustomDocument.objects.count()

    response = add_document(name, content, title="Uploaded guide")

    assert response.status_code == 302, file_errors(response)
    assert response.url == reverse("wagtaildocs:index")
    assert CustomDocument.objects.count() == before + 1
    document = CustomDocument.objects.get(title="Uploaded guide")
    assert document.file_extension == name.rsplit(".", 1)[1]
    assert document.file.read() == content


@pytest.mark.parametrize("name", list(REFUSED_DOCUMENTS))
def test_other_document_types_are_refused_naming_the_allowed_types(add_document, name):
    before = CustomDocument.objects.count()
    files_before = stored_files("documents")

    response = add_document(name, REFUSED_DOCUMENTS[name], title="Keep this title")

    assert response.status_code in (200, 400)
    errors = file_errors(response)
    assert len(errors) == 1, errors
    assert "is not allowed" in errors[0]
    assert ALLOWED_LIST_TEXT in errors[0]
    assert ALLOWED_LIST_TEXT in response.content.decode()
    assert CustomDocument.objects.count() == before
    assert stored_files("documents") == files_before
    assert 'value="Keep this title"' in response.content.decode()


def test_a_document_over_the_size_limit_is_refused(add_document, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    before = CustomDocument.objects.count()
    files_before = stored_files("documents")

    response = add_document("big.pdf", PDF_BYTES + b"0" * 2048)

    errors = file_errors(response)
    assert any("too big" in e and "Maximum filesize 1.0\xa0KB" in e for e in errors), errors
    assert_no_empty_extension_error(errors)
    assert CustomDocument.objects.count() == before
    assert stored_files("documents") == files_before


def test_a_document_just_under_the_size_limit_is_accepted(add_document, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    content = PDF_BYTES + b"0" * (1024 - len(PDF_BYTES))

    response = add_document("small.pdf", content, title="Exactly one kilobyte")

    assert response.status_code == 302, file_errors(response)
    assert CustomDocument.objects.filter(title="Exactly one kilobyte").exists()


# -- images ------------------------------------------------------------------------------------


def test_a_small_png_image_is_accepted(add_image):
    before = CustomImage.objects.count()

    response = add_image("cover.png", png_bytes(), title="Small cover")

    assert response.status_code == 302, file_errors(response)
    assert CustomImage.objects.count() == before + 1
    image = CustomImage.objects.get(title="Small cover")
    assert (image.width, image.height) == (8, 8)


def test_an_image_over_the_pixel_limit_is_refused(add_image, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50 * 50
    before = CustomImage.objects.count()
    files_before = stored_files("original_images")

    response = add_image("poster.png", png_bytes(60, 60))

    errors = file_errors(response)
    assert len(errors) == 1, errors
    assert "too many pixels" in errors[0]
    assert "3600" in errors[0]
    assert "2500" in errors[0]
    assert CustomImage.objects.count() == before
    assert stored_files("original_images") == files_before


def animated_gif(frames: int, width: int, height: int) -> bytes:
    """Frames of different colours, so that Pillow keeps every one of them."""
    images = [Image.new("P", (width, height), colour) for colour in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:], duration=80)
    assert Image.open(io.BytesIO(buffer.getvalue())).n_frames == frames
    return buffer.getvalue()


def test_every_animation_frame_counts_against_the_pixel_limit(add_image):
    # 30 frames of 1500 x 1500: 2.25 million pixels each, 67.5 million in all (limit 40).
    before = CustomImage.objects.count()
    files_before = stored_files("original_images")

    response = add_image("animation.gif", animated_gif(30, 1500, 1500))

    errors = file_errors(response)
    assert len(errors) == 1, errors
    assert "30 frames of 1500 × 1500" in errors[0]
    assert "67500000" in errors[0]
    assert str(django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS) in errors[0]
    assert CustomImage.objects.count() == before
    assert stored_files("original_images") == files_before


def test_the_frame_count_message_is_translated(add_image, admin_client):
    admin_client.cookies["django_language"] = "de"
    response = add_image("animation.gif", animated_gif(30, 1500, 1500))
    errors = file_errors(response)
    assert len(errors) == 1, errors
    assert "Diese Animation hat zu viele Pixel" in errors[0]


def test_an_animation_within_the_limit_is_accepted(add_image):
    # 12 frames of 1500 x 1500: 27 million pixels.
    response = add_image("small-animation.gif", animated_gif(12, 1500, 1500), title="Loop")

    assert response.status_code == 302, file_errors(response)
    assert CustomImage.objects.filter(title="Loop").exists()


def test_an_image_over_the_upload_size_is_refused(add_image, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    before = CustomImage.objects.count()

    response = add_image("cover.png", png_bytes(40, 40))

    errors = file_errors(response)
    assert len(errors) == 1, errors
    assert "too big" in errors[0]
    assert CustomImage.objects.count() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"this is a text file, not a picture", "Upload a valid image"),
        ("worksheet.pdf", PDF_BYTES, "Upload a valid image"),
        (
            "diagram.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>',
            "Not a supported image format",
        ),
        ("photo.jpg", png_bytes(), "Not a valid .jpeg image"),
    ],
    ids=["text-as-png", "pdf", "svg", "png-named-jpg"],
)
def test_non_images_posted_as_images_are_refused(add_image, name, content, message):
    before = CustomImage.objects.count()
    files_before = stored_files("original_images")

    response = add_image(name, content, title="Keep this title")

    errors = file_errors(response)
    assert len(errors) == 1, errors
    assert message in errors[0]
    assert CustomImage.objects.count() == before
    assert stored_files("original_images") == files_before
    assert 'value="Keep this title"' in response.content.decode()


# -- multiple upload (the drag-and-drop page) --------------------------------------------------


def post_multiple(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def test_multiple_upload_accepts_a_pdf(admin_client):
    before = CustomDocument.objects.count()

    response = post_multiple(admin_client, "handout.pdf", PDF_BYTES)

    assert response.status_code == 200
    assert response.json()["success"] is True
    assert CustomDocument.objects.count() == before + 1


@pytest.mark.parametrize("name", ["setup.exe", "page.html", "drawing.svg", "widget.js"])
def test_multiple_upload_refuses_a_bad_type_with_a_json_error(admin_client, name):
    before = (CustomDocument.objects.count(), UploadedFile.objects.count())
    files_before = stored_files("documents")

    response = post_multiple(admin_client, name, REFUSED_DOCUMENTS[name])

    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    payload = response.json()
    assert payload["success"] is False
    assert "is not allowed" in payload["error_message"]
    assert ALLOWED_LIST_TEXT in payload["error_message"]
    assert (CustomDocument.objects.count(), UploadedFile.objects.count()) == before
    assert stored_files("documents") == files_before


def test_multiple_upload_refuses_an_oversized_document_with_a_json_error(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    before = CustomDocument.objects.count()

    response = post_multiple(admin_client, "big.pdf", PDF_BYTES + b"0" * 2048)

    assert response.status_code < 500
    payload = response.json()
    assert payload["success"] is False
    assert "too big" in payload["error_message"]
    assert_no_empty_extension_error(payload["error_message"].splitlines())
    assert CustomDocument.objects.count() == before


def test_multiple_upload_without_a_file_is_a_bad_request_not_a_crash(admin_client):
    response = admin_client.post(reverse("wagtaildocs:add_multiple"), {})

    assert response.status_code == 400
