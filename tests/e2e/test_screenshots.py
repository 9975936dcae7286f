"""The README's screenshots: home, search and a material page at desktop and phone size.

They are taken from the served demo site in headless Chromium, so they show the site as it
is, not as it once was. `make screenshots` writes them to docs/screenshots (SCREENSHOT_DIR);
without that variable they go to a temporary folder and the test only checks them. Each is
reduced to a 256-colour palette so the README stays light.
"""

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from selenium.webdriver.support.ui import WebDriverWait

from demo.content import DemoContent
from tests.e2e import test_browser_smoke as harness

pytestmark = pytest.mark.browser

# The browser of the smoke tests, one for this module.
chromium_installed = harness.chromium_installed
browser = harness.browser

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
MAX_BYTES = 200 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def screenshot_material_slug() -> str:
    """A physics material with several files: its header shows the discipline accent and
    the download area."""
    return next(
        material["slug"]
        for material in DemoContent().materials
        if "physics" in material["disciplines"] and len(material["files"]) > 1
    )


PAGES = {
    "home": "/en/",
    "search": "/en/search/?q=energy",
    "material": f"/en/materials/{screenshot_material_slug()}/",
}


@pytest.fixture(scope="module")
def site_url(chromium_installed, read_only_site) -> str:
    """The session's read-only served demo (tests/e2e/audited_site.py): screenshots only read."""
    return read_only_site.url


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory) -> Path:
    configured = os.environ.get("SCREENSHOT_DIR")
    folder = Path(configured) if configured else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def optimised_png(raw: bytes) -> bytes:
    """The screenshot as a 256-colour PNG: flat interface colours survive, bytes shrink."""
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    palette = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()


def take(driver, url: str, size: tuple[int, int]) -> bytes:
    """The first screen of `url` in a viewport of exactly `size` CSS pixels at 1x, once the
    images on it have loaded (lazy images further down never load in a screenshot)."""
    width, height = size
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.get(url)
    WebDriverWait(driver, harness.WAIT_SECONDS).until(
        lambda d: d.execute_script(
            "return document.readyState === 'complete' && [...document.images].every("
            "image => image.complete || image.getBoundingClientRect().top >= innerHeight)"
        )
    )
    driver.execute_async_script("document.fonts.ready.then(arguments[arguments.length - 1])")
    return driver.get_screenshot_as_png()


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("device", list(SIZES))
def test_readme_screenshot(browser, site_url, screenshot_dir, page, device):
    path = screenshot_dir / f"{page}-{device}.png"
    with harness.screenshot_on_failure(browser, f"screenshot-{page}-{device}"):
        try:
            raw = take(browser, f"{site_url}{PAGES[page]}", SIZES[device])
            assert harness.heading(browser), f"{PAGES[page]} has no heading"
        finally:
            browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    path.write_bytes(optimised_png(raw))

    written = path.read_bytes()
    assert written.startswith(PNG_SIGNATURE)
    assert 0 < len(written) <= MAX_BYTES, f"{path.name} is {len(written)} bytes"
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == SIZES[device]
