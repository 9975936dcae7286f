"""README.txt inside "download all files": the attribution travels with the files.

A ZIP is unpacked, copied to a USB stick and shared in a staff room, far from the page that
named the authors and the licence. Open licences (CC BY and friends) require that credit, so
the archive carries it in the visitor's language, as plain text any computer opens.
"""

from django.conf import settings
from django.utils.translation import gettext as _

LINE_END = "\r\n"  # Notepad on older Windows shows LF-only text as one line.


def readme_text(material, page_url: str, files: list[tuple[str, str]]) -> str:
    """The README for `material`; `files` are (name in the ZIP, file title) pairs."""
    licence = material.licence_info
    lines = [material.title, "=" * len(material.title), "", material.summary, ""]
    if material.authors:
        lines.append(f"{_('Authors')}: {material.authors}")
    if material.year:
        lines.append(f"{_('Year')}: {material.year}")
    if material.partner_id:
        partner = material.partner
        website = f" ({partner.website})" if partner.website else ""
        lines.append(f"{_('Selected and commented by')}: {partner.institution}{website}")
    if licence:
        deed = f" ({licence.url})" if licence.url else ""
        lines.append(f"{_('Licence')}: {licence.name}{deed}")
    if material.original_url:
        lines.append(f"{_('Original material')}: {material.original_url}")
    lines.append(f"{_('Commentary and details')}: {page_url}")
    lines += ["", f"{_('Files')}:"]
    lines += [f"- {name}: {title}" for name, title in files]
    lines += [
        "",
        _("When you share or adapt these files, credit the authors and name the licence."),
        _("Downloaded from %(site)s.") % {"site": settings.WAGTAIL_SITE_NAME},
        "",
    ]
    return LINE_END.join(str(line) for line in lines)
