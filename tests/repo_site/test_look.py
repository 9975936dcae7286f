"""The site's look: colours that stay readable, a colour per discipline keyed by its stable
slug, the logo mark, and material pages that print with the addresses of their files.

The stylesheet is read as text: its custom properties are the palette every rule uses, so
checking them checks the contrast of every place they appear."""

import re
from html import unescape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.conf import settings

from tests.factories import full_material

SITE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"
AA_TEXT = 4.5


def stylesheet() -> str:
    return SITE_CSS.read_text(encoding="utf-8")


def root_properties() -> dict[str, str]:
    """The custom properties of the first :root block, as written."""
    block = re.search(r":root\s*\{(.*?)\n\}", stylesheet(), re.S)
    assert block, "site.css has no :root block"
    return dict(re.findall(r"--([\w-]+):\s*([^;]+);", block.group(1)))


def hex_colour(name: str) -> str:
    value = root_properties()[name].strip()
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", value), f"--{name} is {value}, not #rrggbb"
    return value


def channels(colour: str) -> tuple[int, ...]:
    return tuple(int(colour[index : index + 2], 16) for index in (1, 3, 5))


def luminance(colour: str) -> float:
    linear = [
        value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
        for value in (channel / 255 for channel in channels(colour))
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def wash(colour: str, share: float, base: str = "#ffffff") -> str:
    """What color-mix(in srgb, colour share, base) gives."""
    mixed = (
        round(c * share + b * (1 - share))
        for c, b in zip(channels(colour), channels(base), strict=True)
    )
    return "#" + "".join(f"{value:02x}" for value in mixed)


def discipline_colours() -> dict[str, str]:
    return {
        name.removeprefix("d-"): hex_colour(name)
        for name in root_properties()
        if name.startswith("d-")
    }


def test_the_palette_has_a_colour_for_several_disciplines():
    assert len(discipline_colours()) >= 8


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("ink", "paper"),
        ("ink", "tint"),
        ("ink", "warm"),
        ("ink", "accent-tint"),
        ("muted", "paper"),
        ("muted", "tint"),
        ("muted", "warm"),
        ("muted", "accent-tint"),
        ("accent", "paper"),
        ("accent", "tint"),
        ("accent", "accent-tint"),
        ("accent-dark", "accent-tint"),
        ("paper", "accent"),  # primary buttons
        ("paper", "accent-dark"),  # footer
    ],
)
def test_text_colours_reach_aa(text, background):
    ratio = contrast(hex_colour(text), hex_colour(background))
    assert ratio >= AA_TEXT, f"--{text} on --{background}: {ratio:.2f}:1"


@pytest.mark.parametrize("background", ["white", "chip", "header", "tint"])
def test_every_discipline_colour_reads_as_text_where_it_is_used(background):
    """Chip text sits on an 8 % wash of its colour, a material header on a 6 % wash (or
    --tint where color-mix is missing). The white case also covers white text on a solid
    discipline colour: contrast is symmetric."""
    for slug, colour in discipline_colours().items():
        behind = {
            "white": "#ffffff",
            "chip": wash(colour, 0.08),
            "header": wash(colour, 0.06),
            "tint": hex_colour("tint"),
        }[background]
        ratio = contrast(colour, behind)
        assert ratio >= AA_TEXT, f"{slug} on {background}: {ratio:.2f}:1"


def test_each_discipline_colour_is_selected_by_its_slug_and_nothing_else_is():
    css = stylesheet()
    colours = discipline_colours()
    keyed = dict(
        re.findall(
            r'\[data-discipline="([\w-]+)"\][^{]*\{\s*--discipline:\s*var\(--d-([\w-]+)\)', css
        )
    )
    assert keyed == {slug: slug for slug in colours}
    used = set(re.findall(r"var\(--d-([\w-]+)\)", css))
    assert used <= set(colours), f"undefined discipline colours: {used - set(colours)}"


def print_rules() -> str:
    """The body of the @media print block, braces balanced."""
    css = stylesheet()
    start = css.index("{", css.index("@media print"))
    depth = 0
    for end in range(start, len(css)):
        depth += {"{": 1, "}": -1}.get(css[end], 0)
        if depth == 0:
            return css[start : end + 1]
    raise AssertionError("the @media print block is not closed")


def test_print_hides_navigation_and_controls_and_shows_file_addresses():
    rules = print_rules()
    hidden = re.search(r"([^{}]+)\{\s*display:\s*none\s*!important;\s*\}", rules)
    assert hidden, "no print rule hides the interface"
    selectors = {selector.strip() for selector in hidden.group(1).split(",")}
    assert {".main-nav", ".language-switcher", ".breadcrumb", ".get-it", "button", "form"} <= (
        selectors
    )
    assert re.search(
        r"a\[data-print-url\]::after\s*\{\s*content:[^}]*attr\(data-print-url\)", rules
    )
    assert re.search(r"\.attribution-print\s*\{\s*display:\s*block", rules)
    assert "break-inside: avoid" in rules and "break-after: avoid" in rules


@pytest.mark.django_db
def test_a_material_carries_its_disciplines_and_prints_its_addresses(client, material_index):
    material = full_material(material_index, files=2, disciplines=2)
    disciplines = list(material.disciplines.all())

    response = client.get(material.url)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    header = soup.select_one("header.material__header")
    assert header["data-discipline"] == disciplines[0].slug
    chips = header.select(".discipline-chips > li.discipline-chip")
    assert [(chip["data-discipline"], chip.get_text()) for chip in chips] == [
        (discipline.slug, discipline.name) for discipline in disciplines
    ]
    files = soup.select(".downloads a[download]")
    assert len(files) == 3  # two files and the ZIP
    for link in files:
        assert link["data-print-url"] == f"http://testserver{link['href']}"
    attribution = soup.select_one("textarea#attribution").get_text()
    assert attribution
    assert unescape(soup.select_one(".attribution-print").get_text()) == attribution


@pytest.mark.django_db
def test_the_logo_mark_is_decoration_beside_the_site_name(client, material_index):
    response = client.get(material_index.get_parent().url)

    soup = BeautifulSoup(response.content, "html.parser")
    home_link = soup.select_one("header.site-header a.site-name")
    mark = home_link.select_one("svg.logo-mark")
    assert mark["aria-hidden"] == "true"
    assert mark["focusable"] == "false"
    assert len(mark.select("circle[class^='logo-mark__node--']")) == len(discipline_colours())
    assert home_link.get_text(strip=True) == "STEM PD Materials"
    icon = soup.select_one("link[rel='icon']")
    assert icon["href"].endswith(".svg") and icon["type"] == "image/svg+xml"
