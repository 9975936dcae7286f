"""The browser tests serve the demo in a process of their own (tests/seeded_demo.py); they
never read the test database, so the session need not seed the demo for them."""

# The session-wide served demo and the audits' browser, registered here so every module
# shares one.
from tests.e2e.audited_site import (  # noqa: F401
    REPORT,
    audit_browser,
    audit_chromium,
    audited_site,
    read_only_site,
)


def pytest_terminal_summary(terminalreporter):
    """The audits' numbers per page (axe violations, page weight and requests)."""
    if REPORT:
        terminalreporter.section("accessibility and page budget audits")
        for line in REPORT:
            terminalreporter.write_line(line)
