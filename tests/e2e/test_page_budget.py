"""The page budget: each public page (every page the accessibility audit checks), loaded with
a cold cache, transfers at most 150 KB in at most 10 requests, in two languages at a desktop
and a phone width.

Measured in the browser with the Resource Timing API: the navigation entry plus every resource
entry, each counted by its transferSize, or by its encodedBodySize where the browser reports
no transfer size (some local loads). The numbers per page are shown after the run."""

import json
import time

import pytest

from tests.e2e.audited_site import LANGUAGES, REPORT, VIEWPORTS, set_viewport

pytestmark = pytest.mark.browser

MAX_BYTES = 150 * 1024
MAX_REQUESTS = 10
MEASURE = """
const entries = performance.getEntriesByType("navigation")
    .concat(performance.getEntriesByType("resource"));
return JSON.stringify(entries.map(e => ({
    name: e.name, bytes: e.transferSize || e.encodedBodySize || 0
})));
"""
# Lazy images that come into view while the page settles count too: wait for them.
SETTLED = """
return document.readyState === "complete"
    && Array.from(document.images).every(image => image.loading === "lazy" || image.complete);
"""


def cold_load(driver, url: str) -> list[dict]:
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get(url)
    for _ in range(50):
        if driver.execute_script(SETTLED):
            break
        time.sleep(0.1)
    return json.loads(driver.execute_script(MEASURE))


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_stays_within_the_budget(audit_browser, audited_site, language, viewport):
    audit_browser.execute_cdp_cmd("Network.enable", {})
    audit_browser.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    set_viewport(audit_browser, viewport)
    over = []
    try:
        for name, url in audited_site.pages(language).items():
            entries = cold_load(audit_browser, url)
            total = sum(entry["bytes"] for entry in entries)
            REPORT.append(
                f"budget {language} {viewport:7} {name:24} {total / 1024:6.1f} KB"
                f" in {len(entries):2} requests"
            )
            assert all(entry["bytes"] > 0 for entry in entries[:1]), f"{url}: nothing measured"
            if total > MAX_BYTES or len(entries) > MAX_REQUESTS:
                listing = ", ".join(f"{e['name']} {e['bytes']} B" for e in entries)
                over.append(f"{name} ({url}): {total} B in {len(entries)} requests: {listing}")
    finally:
        audit_browser.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    assert not over, f"over {MAX_BYTES} B or {MAX_REQUESTS} requests on a cold load:\n" + "\n".join(
        over
    )
