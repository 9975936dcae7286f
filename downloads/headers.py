"""What a browser may do with a file it receives from us.

Uploaded files are untrusted: an editor's account can be phished and a DOCX can be an HTML
page in disguise. So only PDFs and raster images open in the browser (teachers preview them
before printing); everything else is saved, never rendered under the site's origin. The
Content-Security-Policy keeps anything that does render inert: no scripts, no connections,
no forms, and `sandbox` gives the document an opaque origin without access to our cookies.

`sandbox` is kept for PDFs too: Chromium 156 (Debian) renders a PDF opened at the top level
with exactly this policy (checked by hand with headless Chromium and a screenshot). Chromium
only refuses its PDF viewer inside a *sandboxed frame*, which the site never uses. The inline
styles of the viewer's wrapper page need `style-src 'unsafe-inline'`, hence that directive.
"""

INLINE_CONTENT_TYPES = frozenset(
    {
        "application/pdf",
        "image/avif",
        "image/gif",
        "image/jpeg",
        "image/png",
        "image/webp",
    }
)  # Not image/svg+xml: SVG can carry scripts, so it is an attachment like any other.

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; sandbox"


def disposition_for(content_type: str) -> str:
    return "inline" if content_type in INLINE_CONTENT_TYPES else "attachment"


def protective_headers() -> dict[str, str]:
    """Headers every served file gets, whatever its type or status.

    Cache-Control is private because a file may belong to a password-protected material:
    a shared cache must not hand it to the next visitor. Browsers still revalidate with the
    ETag and Last-Modified and get a 304.
    """
    return {
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "Cache-Control": "private, no-cache",
    }
