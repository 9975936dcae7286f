"""Generated demo files: a small PDF per material file and a cover image per discipline.

Covers carry no text: an image is shared by every language version of a material, so a word
drawn into it would stay in one language on every translated page.
"""

import io
from functools import lru_cache

from fpdf import FPDF
from PIL import Image, ImageDraw

DISCIPLINE_COLOURS = {
    "mathematics": (31, 78, 121),
    "physics": (94, 53, 177),
    "chemistry": (0, 121, 107),
    "biology": (46, 125, 50),
    "earth-and-space-science": (121, 85, 72),
    "computer-science": (55, 71, 79),
    "engineering-and-technology": (191, 54, 12),
    "interdisciplinary-stem": (173, 20, 87),
}
COVER_SIZE = (1200, 675)


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def material_pdf(title: str, file_title: str, partner: str, paragraphs: list[str]) -> bytes:
    """A short, readable PDF: the material's title, the file's title, its text and its source."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(f"{title}: {file_title}"))
    pdf.set_author(_latin1(partner))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, _latin1(title))
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 13)
    pdf.multi_cell(0, 7, _latin1(file_title))
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, _latin1(paragraph))
        pdf.ln(3)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(0, 5, _latin1(f"Selected and commented by {partner}."))
    return bytes(pdf.output())


@lru_cache(maxsize=16)
def cover_png(discipline_slug: str) -> bytes:
    """A plain cover in the discipline's colour and pattern, so cards are recognisable at a
    glance in every language (the card's text names the discipline)."""
    colour = DISCIPLINE_COLOURS.get(discipline_slug, (69, 90, 100))
    image = Image.new("RGB", COVER_SIZE, colour)
    draw = ImageDraw.Draw(image)
    for offset in range(0, COVER_SIZE[0], 90):
        draw.line([(offset, COVER_SIZE[1]), (offset + 300, 0)], fill=_lighter(colour), width=18)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _lighter(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(min(255, channel + 25) for channel in colour)
