"""axe-core in headless Chromium on every public page type, in two languages at a desktop and
a phone width, with the WCAG 2.1 A and AA rules: any violation fails, listed with the rule,
the page and the elements. axe-core comes from npm (package-lock.json); without it the audit
is skipped on a developer's machine and fails in CI."""

import json

import pytest

from tests.e2e.audited_site import (
    LANGUAGES,
    REPORT,
    VIEWPORTS,
    fail_in_ci_else_skip,
    set_viewport,
)
from tests.served_site import PROJECT_DIR

pytestmark = pytest.mark.browser

AXE_SCRIPT = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
    .then(results => done(JSON.stringify({
        violations: results.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map(n => n.target.join(" "))
        })),
        passes: results.passes.length
    })))
    .catch(error => done(JSON.stringify({error: String(error)})));
"""


@pytest.fixture(scope="session")
def axe_script():
    if not AXE_SCRIPT.is_file():
        fail_in_ci_else_skip(
            f"axe-core is not installed ({AXE_SCRIPT} missing): run `npm ci` or `make install`"
        )
    return AXE_SCRIPT.read_text()


def axe_violations(driver, axe_source: str) -> list[dict]:
    driver.execute_script(axe_source)
    outcome = json.loads(driver.execute_async_script(RUN_AXE, WCAG_TAGS))
    assert "error" not in outcome, outcome.get("error")
    return outcome["violations"]


def describe(page: str, url: str, violation: dict) -> str:
    targets = "; ".join(violation["targets"][:10])
    rule = f"{violation['id']} [{violation['impact']}] {violation['help']}"
    return f"{page} ({url}): {rule} -> {targets}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_wcag_violations_on_any_public_page(
    audit_browser, audited_site, axe_script, language, viewport
):
    set_viewport(audit_browser, viewport)
    pages = audited_site.pages(language)
    found = []
    for name, url in pages.items():
        audit_browser.get(url)
        assert audit_browser.find_element("tag name", "html").get_attribute("lang") == language
        violations = axe_violations(audit_browser, axe_script)
        REPORT.append(f"axe {language} {viewport:7} {name:24} {len(violations)} violation(s)")
        found += [describe(name, url, violation) for violation in violations]
    assert not found, f"{len(found)} WCAG 2.1 A/AA violation(s):\n" + "\n".join(found)


def test_the_audit_reports_a_planted_violation(audit_browser, audited_site, axe_script):
    """The harness itself: an image without a text alternative, added to a page that passes,
    is reported with its rule and element, so a clean result above means something."""
    set_viewport(audit_browser, "desktop")
    audit_browser.get(audited_site.pages("en")["accessibility-statement"])
    audit_browser.execute_script(
        "const image = document.createElement('img');"
        "image.id = 'planted'; image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';"
        "document.querySelector('main').append(image);"
    )
    violations = axe_violations(audit_browser, axe_script)
    assert [(v["id"], v["targets"]) for v in violations] == [("image-alt", ["#planted"])]
