"""The profile as a PDF, to file with a PD activity's documents or send to a colleague.

fpdf2's built-in fonts are Latin-1 only, which loses Greek and most of Czech, so the PDF
embeds a Unicode TrueType font (settings.QUALITY_CHECK_PDF_FONT and ..._BOLD_FONT; DejaVu
Sans on Debian). Without those files there is no PDF: the view says so with a 503.
"""

from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from quality_check.profile import Profile
from quality_check.recommendations import Help

FONT = "profile-sans"


class FontMissing(Exception):
    pass


def font_files() -> tuple[Path, Path]:
    regular = Path(settings.QUALITY_CHECK_PDF_FONT or "")
    bold = Path(settings.QUALITY_CHECK_PDF_BOLD_FONT or "")
    if not regular.is_file() or not bold.is_file():
        raise FontMissing(f"No PDF font at {regular} and {bold}")
    return regular, bold


def profile_pdf(
    *,
    title: str,
    profile: Profile,
    help_by_criterion: dict[int, Help],
    page_url: Callable[[object], str],
    share_url: str,
) -> bytes:
    """The PDF bytes: the ratings with their notes, the strengths, and for each weak
    criterion what helps, each link spelled out (a printed PDF keeps its addresses)."""
    regular, bold = font_files()
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator(_("STEM PD Materials"))
    pdf.add_font(FONT, "", str(regular))
    pdf.add_font(FONT, "B", str(bold))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()

    def heading(text: str, size: int = 13) -> None:
        pdf.ln(3)
        pdf.set_font(FONT, "B", size)
        pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def paragraph(text: str, size: int = 10, link: str = "") -> None:
        pdf.set_font(FONT, "", size)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", link=link)

    heading(title, 18)
    paragraph(
        _("Average rating: %(average)s of 5.")
        % {"average": number_format(profile.average, decimal_pos=1)}
    )
    paragraph(share_url, 8, link=share_url)

    heading(_("Ratings"))
    for answer in profile.answers:
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(
            0,
            5,
            f"{answer.criterion.name}: {answer.score}/5 · {answer.level.label}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        if answer.note:
            paragraph(_("Note: %(note)s") % {"note": answer.note})
        pdf.ln(1)

    heading(_("Strengths"))
    if profile.strengths:
        for answer in profile.strengths:
            paragraph(f"• {answer.criterion.name} ({answer.score}/5)")
    else:
        paragraph(_("No criterion is rated 4 or 5 yet."))

    heading(_("Criteria to work on"))
    if not profile.weakest:
        paragraph(_("Every criterion is rated 4 or 5."))
    for answer in profile.weakest:
        heading(f"{answer.criterion.name} ({answer.score}/5)", 11)
        found = help_by_criterion.get(answer.criterion.canonical_pk)
        if not found or not (found.materials or found.sections):
            paragraph(_("No material is recommended for this criterion yet."))
            continue
        for item in found.materials:
            paragraph(f"• {item.material.title}")
            url = page_url(item.material)
            paragraph(f"  {url}", 8, link=url)
        for section in found.sections:
            paragraph(
                "• "
                + _("Catalogue “%(catalogue)s”, section “%(section)s”")
                % {"catalogue": section.catalogue.title, "section": section.heading}
            )
            url = page_url(section.catalogue)
            paragraph(f"  {url}", 8, link=url)
    return bytes(pdf.output())
