"""The tests here read the demo content: the session seeds it (see tests/conftest.py)."""

from tests.conftest import mark_demo

# The session-wide served demo and the audits' browser, registered here so every module
# shares one.
from tests.e2e.audited_site import (  # noqa: F401
    REPORT,
    audit_browser,
    audit_chromium,
    audited_site,
    read_only_site,
)


def pytest_itemcollected(item):
    mark_demo(item)


def pytest_terminal_summary(terminalreporter):
    """The audits' numbers per page (axe violations, page weight and requests)."""
    if REPORT:
        terminalreporter.section("accessibility and page budget audits")
        for line in REPORT:
            terminalreporter.write_line(line)
