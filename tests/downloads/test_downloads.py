"""Teachers download a material's files, one by one or as a ZIP, safely and anonymously counted."""

import io
import os
import re
import tracemalloc
import zipfile
from html import unescape
from urllib.parse import quote

import pytest

from django.core.files import File
from django.db import models
from django.utils import timezone

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from downloads.access import is_private_material_file
from materials.models import (
    CustomDocument,
    FileDownloadCount,
    MaterialDownloadCount,
    MaterialFile,
    MonthlyDownloadCount,
    ResourceLanguage,
)
from tests.factories import DocumentFactory, full_material, publish, translate_page

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko Firefox/140.0"}
PDF = b"%PDF-1.4 a worksheet on density, 0123456789"
DOCX = b"PK\x03\x04 pretend this is a Word document"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MB = 1024 * 1024


def document(filename: str, data: bytes, **fields):
    return DocumentFactory(file__filename=filename, file__data=data, **fields)


def attach(material, *files):
    """Publish `material` with (title, document) files, in order."""
    english = ResourceLanguage.objects.get(locale=material.locale, code="en")
    material.files = [
        MaterialFile(title=title, document=doc, language=english) for title, doc in files
    ]
    publish(material)
    return material


@pytest.fixture
def material(material_index):
    material = full_material(
        material_index,
        files=0,
        related=0,
        reviews=0,
        title="Density lab",
        authors="J. Novak, E. Svobodova",
        licence="cc-by-sa",
    )
    return attach(
        material,
        ("Teacher guide", document("guide.pdf", PDF)),
        ("Lesson plan", document("plan.docx", DOCX)),
    )


def file_url(material, doc, filename=None):
    return f"{material.url}files/{doc.pk}/{filename or doc.filename}"


def zip_url(material):
    return f"{material.url}files/all.zip"


def documents_of(material):
    return [file.document for file in material.files.order_by("sort_order")]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def file_count(doc) -> int:
    return FileDownloadCount.objects.filter(document=doc).values_list("count", flat=True).first()


def material_count(material) -> int:
    return MaterialDownloadCount.count_for(material.translation_key)


# Headers per type


def test_pdf_opens_inline_with_protective_headers(client, material):
    pdf, _docx = documents_of(material)
    response = client.get(file_url(material, pdf), **BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert pdf.filename.startswith("guide") and pdf.filename.endswith(".pdf")
    assert response["Content-Disposition"] == (
        f"inline; filename=\"{pdf.filename}\"; filename*=UTF-8''{pdf.filename}"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "sandbox" in csp and "script-src" not in csp
    assert response["Content-Length"] == str(len(PDF))
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"] == f'"{pdf.file_hash}"'
    assert response["Last-Modified"]
    assert body(response) == PDF


@pytest.mark.parametrize(
    ("filename", "content_type"),
    [
        ("plan.docx", DOCX_TYPE),
        ("notes.txt", "text/plain"),
        ("data.csv", "text/csv"),
        ("slides.odp", "application/vnd.oasis.opendocument.presentation"),
    ],
)
def test_other_types_are_attachments(client, material, filename, content_type):
    doc = document(filename, b"<html><script>alert(1)</script></html>")
    attach(material, ("Extra", doc))
    response = client.get(file_url(material, doc), **BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith(f'attachment; filename="{doc.filename}"; ')
    assert doc.filename.endswith(os.path.splitext(filename)[1])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_non_ascii_file_names_get_an_rfc_6266_header_and_a_working_link(client, material):
    doc = document("Übung Kräfte.pdf", PDF)
    attach(material, ("Übung", doc))
    html = client.get(material.url).content.decode()
    # The download area at the top and the file list link the same URL.
    [href] = set(re.findall(r'href="([^"]*/files/\d+/[^"]*)"', html))
    response = client.get(unescape(href), **BROWSER)
    assert response.status_code == 200
    # Storage made the name "Übung_Kräfte.pdf" (plus a suffix if the name was taken).
    assert doc.filename.startswith("Übung_Kräfte")
    disposition = response["Content-Disposition"]
    ascii_name = doc.filename.replace("Ü", "U").replace("ä", "a")
    assert disposition.startswith(f'inline; filename="{ascii_name}"; ')
    assert disposition.endswith(f"filename*=UTF-8''{quote(doc.filename)}")


def test_head_sends_headers_without_body_and_opens_nothing(client, material):
    pdf, _docx = documents_of(material)
    response = client.head(file_url(material, pdf), **BROWSER)
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(PDF))
    assert response["Content-Type"] == "application/pdf"
    assert not response.streaming  # no file was opened for it
    assert response.content == b""
    assert file_count(pdf) is None


def test_post_is_not_allowed(client, material):
    pdf, _docx = documents_of(material)
    response = client.post(file_url(material, pdf), **BROWSER)
    assert response.status_code == 405


def test_a_matching_etag_gets_304_and_is_not_counted(client, material):
    pdf, _docx = documents_of(material)
    url = file_url(material, pdf)
    etag = client.get(url, **BROWSER)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag, **BROWSER)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert file_count(pdf) == 1


# Ranges


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-3", (0, 3)),
        ("bytes=5-", (5, len(PDF) - 1)),
        ("bytes=-4", (len(PDF) - 4, len(PDF) - 1)),
        ("bytes=10-99999", (10, len(PDF) - 1)),
    ],
)
def test_a_single_range_gets_206(client, material, header, expected):
    pdf, _docx = documents_of(material)
    response = client.get(file_url(material, pdf), HTTP_RANGE=header, **BROWSER)
    start, end = expected
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(PDF)}"
    assert response["Content-Length"] == str(end - start + 1)
    assert body(response) == PDF[start : end + 1]


@pytest.mark.parametrize("header", [f"bytes={len(PDF)}-", "bytes=99999-100000", "bytes=-0"])
def test_an_unsatisfiable_range_gets_416(client, material, header):
    pdf, _docx = documents_of(material)
    response = client.get(file_url(material, pdf), HTTP_RANGE=header, **BROWSER)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(PDF)}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert file_count(pdf) is None


@pytest.mark.parametrize("header", ["bytes=0-1,4-5", "bytes=5-2", "lines=1-2", "bytes=x-y"])
def test_multiple_or_malformed_ranges_get_the_whole_file(client, material, header):
    pdf, _docx = documents_of(material)
    response = client.get(file_url(material, pdf), HTTP_RANGE=header, **BROWSER)
    assert response.status_code == 200
    assert body(response) == PDF


def test_a_stale_if_range_gets_the_whole_file(client, material):
    pdf, _docx = documents_of(material)
    response = client.get(
        file_url(material, pdf), HTTP_RANGE="bytes=5-", HTTP_IF_RANGE='"stale"', **BROWSER
    )
    assert response.status_code == 200
    assert body(response) == PDF


# Counters


def test_a_download_counts_for_the_file_and_the_material(client, material):
    pdf, docx = documents_of(material)
    client.get(file_url(material, pdf), **BROWSER)
    client.get(file_url(material, pdf), **BROWSER)
    client.get(file_url(material, docx), **BROWSER)
    assert file_count(pdf) == 2
    assert file_count(docx) == 1
    assert material_count(material) == 3


def test_a_download_counts_for_this_month_and_nothing_else_about_it(client, material):
    pdf, _docx = documents_of(material)
    client.get(file_url(material, pdf), **BROWSER)
    client.get(file_url(material, pdf), **BROWSER)
    rows = list(
        MonthlyDownloadCount.objects.filter(translation_key=material.translation_key).values()
    )
    assert len(rows) == 1
    assert rows[0]["month"] == timezone.now().date().replace(day=1)
    assert rows[0]["count"] == 2
    assert set(rows[0]) == {"id", "translation_key", "month", "count"}


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "   ",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "Mozilla/5.0 (compatible; Yahoo! Slurp)",
        "facebookexternalhit/1.1",
        "Slackbot-LinkExpanding 1.0",
        "Mozilla/5.0 AppleWebKit (KHTML, like Gecko) HeadlessChrome/126.0 Safari/537.36",
        "curl/8.5.0",
        "Wget/1.21",
        "python-requests/2.32.3",
        "SomeCrawler/1.0",
        "Mozilla/5.0 link preview",
    ],
)
def test_bots_are_served_but_not_counted(client, material, user_agent):
    pdf, _docx = documents_of(material)
    response = client.get(file_url(material, pdf), HTTP_USER_AGENT=user_agent)
    assert response.status_code == 200
    assert file_count(pdf) is None
    assert material_count(material) == 0


def test_a_missing_user_agent_is_not_counted(client, material):
    pdf, _docx = documents_of(material)
    assert client.get(file_url(material, pdf)).status_code == 200
    assert file_count(pdf) is None


def test_head_and_ranges_after_the_first_byte_are_not_counted(client, material):
    pdf, _docx = documents_of(material)
    url = file_url(material, pdf)
    client.head(url, **BROWSER)
    client.get(url, HTTP_RANGE="bytes=10-", **BROWSER)
    client.get(url, HTTP_RANGE="bytes=-5", **BROWSER)
    assert file_count(pdf) is None
    client.get(url, HTTP_RANGE="bytes=0-", **BROWSER)
    assert file_count(pdf) == 1
    assert material_count(material) == 1


def test_language_versions_share_their_counts(client, material_index):
    english = full_material(material_index, files=1, related=0, reviews=0)
    german = translate_page(english, "de")
    doc = german.files.first().document
    assert english.files.filter(document=doc).exists()
    assert client.get(file_url(german, doc), **BROWSER).status_code == 200
    assert client.get(file_url(english, doc), **BROWSER).status_code == 200
    assert file_count(doc) == 2
    assert material_count(english) == material_count(german) == 2
    html = unescape(client.get(german.url).content.decode())
    assert re.search(r"\b2\b", html.split('class="downloads__total"')[1].split("</p>")[0])


def test_counters_hold_no_personal_data():
    """Only a key and a number: no IP, user agent, user, time or anything else per download."""
    assert {field.name for field in FileDownloadCount._meta.get_fields()} == {"document", "count"}
    assert {field.name for field in MaterialDownloadCount._meta.get_fields()} == {
        "translation_key",
        "count",
    }
    for model in (FileDownloadCount, MaterialDownloadCount):
        for field in model._meta.get_fields():
            assert not isinstance(field, models.DateTimeField | models.GenericIPAddressField)


def test_the_page_shows_counts_and_links_to_material_scoped_urls(client, material):
    pdf, docx = documents_of(material)
    for _n in range(3):
        client.get(file_url(material, pdf), **BROWSER)
    html = unescape(client.get(material.url).content.decode())
    section = html.split('class="downloads"')[1].split("</section>")[0]
    assert f'href="{file_url(material, pdf)}"' in section
    assert f'href="{file_url(material, docx)}"' in section
    assert "/documents/" not in section
    assert "PDF, 43\xa0bytes, English, downloaded 3 times" in section
    assert "DOCX, 36\xa0bytes, English, downloaded 0 times" in section
    zip_link = re.search(rf'<a href="{re.escape(zip_url(material))}"[^>]*>', section)
    assert zip_link and " download " in zip_link.group(0)
    assert ">Download all files (ZIP)</a>" in section
    assert "This material has been downloaded 3 times, counting all its languages." in section
    # Every link is labelled by its text and described by the file's details.
    for describedby in re.findall(r'aria-describedby="([^"]+)"', section):
        assert f'id="{describedby}"' in section


def test_one_file_gets_no_zip_link(client, material_index):
    material = full_material(material_index, files=1, related=0, reviews=0)
    html = client.get(material.url).content.decode()
    assert "files/all.zip" not in html


# ZIP


def test_zip_holds_every_file_with_safe_unique_names_and_a_readme(client, material):
    attach(
        material,
        ("Worksheet", document("a.pdf", PDF)),
        ("worksheet", document("b.pdf", b"%PDF-1.4 second")),
        ("../../Evil: name?", document("c.docx", DOCX)),
        ("README", document("readme.txt", b"not the readme")),
    )
    response = client.get(zip_url(material), **BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="{material.slug}.zip"; '
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    data = body(response)
    assert response["Content-Length"] == str(len(data))
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    assert archive.namelist() == [
        "README.txt",
        "Worksheet.pdf",
        "worksheet (2).pdf",
        "_.._Evil_ name_.docx",
        "README (2).txt",
    ]
    assert archive.read("worksheet (2).pdf") == b"%PDF-1.4 second"
    assert archive.read("_.._Evil_ name_.docx") == DOCX
    readme = archive.read("README.txt").decode("utf-8")
    licence = material.licence_info
    for expected in (
        material.title,
        material.authors,
        material.partner.institution,
        f"{licence.name} ({licence.url})",
        material.full_url,
        "- worksheet (2).pdf: worksheet",
    ):
        assert expected in readme, expected


def test_zip_counts_one_material_download_and_one_per_file(client, material):
    pdf, docx = documents_of(material)
    client.head(zip_url(material), **BROWSER)
    client.get(zip_url(material), HTTP_USER_AGENT="curl/8.5.0")
    assert material_count(material) == 0
    client.get(zip_url(material), **BROWSER)
    assert material_count(material) == 1
    assert file_count(pdf) == file_count(docx) == 1


def test_zip_head_has_the_length_without_a_body(client, material):
    full = client.get(zip_url(material), **BROWSER)
    head = client.head(zip_url(material), **BROWSER)
    assert head.status_code == 200
    assert head["Content-Length"] == full["Content-Length"] == str(len(body(full)))
    assert not head.streaming and head.content == b""


def test_a_file_missing_from_storage_is_404_and_left_out_of_the_zip(client, material):
    _pdf, docx = documents_of(material)
    docx.file.storage.delete(docx.file.name)
    assert client.get(file_url(material, docx), **BROWSER).status_code == 404
    assert client.head(file_url(material, docx), **BROWSER).status_code == 404
    archive = zipfile.ZipFile(io.BytesIO(body(client.get(zip_url(material), **BROWSER))))
    assert archive.namelist() == ["README.txt", "Teacher guide.pdf"]


# Privacy


def test_an_unpublished_material_serves_nothing(client, material):
    pdf, _docx = documents_of(material)
    material.unpublish()
    assert client.get(file_url(material, pdf), **BROWSER).status_code == 404
    assert client.get(zip_url(material), **BROWSER).status_code == 404
    assert client.get(pdf.url, **BROWSER).status_code == 404
    assert file_count(pdf) is None


def test_editors_still_open_files_of_unpublished_materials(admin_client, material):
    pdf, _docx = documents_of(material)
    material.unpublish()
    response = admin_client.get(pdf.url)
    assert response.status_code == 200
    assert body(response) == PDF


def test_a_password_protected_material_asks_for_the_password_first(client, material):
    pdf, _docx = documents_of(material)
    restriction = PageViewRestriction.objects.create(
        page=material, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    url = file_url(material, pdf)
    for response in (client.get(url, **BROWSER), client.get(zip_url(material), **BROWSER)):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert b"password" in response.content.lower()
        assert PDF not in response.content
    assert client.get(pdf.url, **BROWSER).status_code == 404
    assert file_count(pdf) is None

    # Once unlocked, the material's own URLs serve the files; /documents/ still does not.
    client.post(
        f"/en/_util/authenticate_with_password/{restriction.pk}/{material.pk}/",
        {"password": "secret", "return_url": url},
    )
    assert body(client.get(url, **BROWSER)) == PDF
    assert client.get(pdf.url, **BROWSER).status_code == 404


def test_a_restricted_section_protects_its_materials(client, material, material_index):
    pdf, _docx = documents_of(material)
    PageViewRestriction.objects.create(
        page=material_index, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(file_url(material, pdf), **BROWSER).status_code == 302
    assert client.get(pdf.url, **BROWSER).status_code == 404


def test_documents_url_serves_files_of_public_materials(client, material):
    pdf, _docx = documents_of(material)
    assert client.get(pdf.url, **BROWSER).status_code == 200
    assert not is_private_material_file(pdf)


def test_a_file_shared_with_one_public_material_stays_public(client, material, material_index):
    pdf, _docx = documents_of(material)
    private = attach(
        full_material(material_index, files=0, related=0, reviews=0), ("Same guide", pdf)
    )
    private.unpublish()
    assert client.get(pdf.url, **BROWSER).status_code == 200
    material.unpublish()
    assert client.get(pdf.url, **BROWSER).status_code == 404


def test_documents_not_attached_to_materials_are_left_to_wagtail(client):
    loose = document("loose.pdf", PDF)
    assert not is_private_material_file(loose)
    assert client.get(loose.url, **BROWSER).status_code == 200


def test_a_private_collection_keeps_its_files_out_of_material_downloads(client, material):
    pdf, docx = documents_of(material)
    private = Collection.get_first_root_node().add_child(name="Private drafts")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )
    CustomDocument.objects.filter(pk=docx.pk).update(collection=private)
    response = client.get(file_url(material, docx), **BROWSER)
    assert DOCX not in response.content and b"password" in response.content.lower()
    archive = zipfile.ZipFile(io.BytesIO(body(client.get(zip_url(material), **BROWSER))))
    assert archive.namelist() == ["README.txt", "Teacher guide.pdf"]


# Tampering


@pytest.fixture
def foreign_document(material_index):
    """A document attached to another (public) material."""
    other = attach(
        full_material(material_index, files=0, related=0, reviews=0),
        ("Other", document("other.pdf", b"%PDF-1.4 not yours")),
    )
    return documents_of(other)[0]


def test_tampered_ids_and_file_names_are_404(client, material, foreign_document):
    pdf, _docx = documents_of(material)
    base = f"{material.url}files/"
    urls = [
        f"{base}{foreign_document.pk}/{foreign_document.filename}",  # not this material's
        f"{base}{pdf.pk}/{foreign_document.filename}",  # another document's name
        f"{base}{pdf.pk}/guide.PDF",
        f"{base}{pdf.pk}/",
        f"{base}abc/{pdf.filename}",
        f"{base}-{pdf.pk}/{pdf.filename}",
        f"{base}0/{pdf.filename}",
        f"{base}{pdf.pk:05d}x/{pdf.filename}",
        f"{base}99999999999999999999999999/{pdf.filename}",
        f"{base}{2**63}/{pdf.filename}",
        f"{base}1e3/{pdf.filename}",
        f"{base}all.tar",
        f"{base}ALL.ZIP",
    ]
    for url in urls:
        assert client.get(url, **BROWSER).status_code == 404, url


@pytest.mark.parametrize(
    "tail",
    [
        "../../../../repo_site/settings/base.py",
        "{id}/../../../../../etc/passwd",
        "{id}/..",
        "{id}/%2e%2e",
        "{id}/%2e%2e%2f%2e%2e%2fsettings.py",
        "{id}/..%2f..%2f..%2fmanage.py",
        "{id}/..%5c..%5cmanage.py",
        "{id}/%252e%252e%252fmanage.py",
        "{id}/guide.pdf%00.txt",
        "{id}/guide.pdf%00",
        "{id}%2fguide.pdf",
        "{id}/guide.pdf/..",
        "{id}/documents%2fguide.pdf",
        "{id}/%2fetc%2fpasswd",
    ],
)
def test_path_traversal_is_404(client, material, tail):
    pdf, _docx = documents_of(material)
    response = client.get(f"{material.url}files/{tail.format(id=pdf.pk)}", **BROWSER)
    assert response.status_code == 404


def test_documents_url_with_a_foreign_file_name_is_404(client, material):
    pdf, docx = documents_of(material)
    assert client.get(f"/documents/{pdf.pk}/{docx.filename}", **BROWSER).status_code == 404


# Memory: files are streamed, never held


@pytest.fixture
def big_document(tmp_path):
    """A 50 MB document, written to a temporary file chunk by chunk and stored from there."""
    size = 50 * MB
    source = tmp_path / "big.pdf"
    chunk = b"%PDF-1.4 " + os.urandom(MB - 9)
    with source.open("wb") as out:
        for _n in range(size // MB):
            out.write(chunk)
    doc = CustomDocument(title="Big scan")
    with source.open("rb") as stored:
        doc.file.save("big-scan.pdf", File(stored), save=False)
    doc.save()
    yield doc
    doc.file.storage.delete(doc.file.name)


def peak_while_consuming(response, sink=None) -> tuple[int, int]:
    """(bytes received, peak traced memory) while reading the response chunk by chunk.

    Reading to the end closes the response; closing it again by hand would also close the
    test's database connection (as at the end of a real request), which PostgreSQL feels."""
    received = 0
    for chunk in response.streaming_content:
        received += len(chunk)
        if sink is not None:
            sink.write(chunk)
    return received, tracemalloc.get_traced_memory()[1]


def test_a_50_mb_file_streams_with_flat_memory(client, material, big_document, tmp_path):
    attach(material, ("Big scan", big_document), ("Small", document("small.pdf", PDF)))
    size = big_document.file.size
    assert size == 50 * MB

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        response = client.get(file_url(material, big_document), **BROWSER)
        assert response.streaming
        received, file_peak = peak_while_consuming(response)

        tracemalloc.reset_peak()
        response = client.get(zip_url(material), **BROWSER)
        with (tmp_path / "all.zip").open("wb") as sink:
            zip_received, zip_peak = peak_while_consuming(response, sink)
    finally:
        tracemalloc.stop()

    assert received == size
    assert file_peak < 8 * MB
    assert zip_peak < 8 * MB
    assert zip_received == int(response["Content-Length"])
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        assert archive.getinfo("Big scan.pdf").file_size == size
        assert archive.testzip() is None
