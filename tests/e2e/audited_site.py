"""The demo site and a browser for the audits of every public page type (axe-core, page budget).

One copy of the session's seeded demo (tests/seeded_demo.py) is served for every browser
test that only reads: the audits, the phone tests and the README screenshots share the
development server (`read_only_site`: DEBUG on, so media and static files are served as on
`make run`). The audits add a second runserver on the same copy with DEBUG off, for the
"page not found" page, which DEBUG replaces with Django's technical page. The pages are
listed as URL paths, so a new public page type is one more line in `demo_pages`; each must
answer 200 (the not-found page 404) before any audit runs.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service

from demo.content import DemoContent
from tests.e2e.test_browser_smoke import (
    CHROMEDRIVER,
    CHROMIUM,
    INSTALL_HINT,
    is_executable,
    stop,
    wait_until_serving,
)
from tests.served_site import PROJECT_DIR, free_port, server_env

LANGUAGES = ("en", "de")
# name -> (width, height) of the browser's viewport
VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
NOT_FOUND = "not-found"
# What the audits measured, per page: shown after the run (conftest's terminal summary),
# whether the tests passed or not.
REPORT: list[str] = []


def demo_pages(language: str) -> dict[str, str]:
    """Every public page type, as a path in `language`: pages the demo translates into German
    (the material, catalogue and review), pages German visitors see in English with a
    notice (the quality criteria), and the pages every installation has without seeding
    (the accessibility statement, the statistics and the quality check)."""
    content = DemoContent()
    translated = set(content.translations("de")["pages"])
    material = next(m["slug"] for m in content.materials if m["slug"] in translated)
    catalogue = next(c["slug"] for c in content.catalogues if c["slug"] in translated)
    review = next(r["slug"] for r in content.reviews if r["slug"] in translated)
    discipline = content.taxonomy["disciplines"][0]["slug"]
    return {
        "home": f"/{language}/",
        "search": f"/{language}/search/?q=energy&discipline={discipline}&age=12-15",
        "material": f"/{language}/materials/{material}/",
        "catalogue": f"/{language}/catalogues/{catalogue}/",
        "review": f"/{language}/reviews/{review}/",
        "quality-criteria": f"/{language}/quality-criteria/",
        "accessibility-statement": f"/{language}/accessibility/",
        "statistics": f"/{language}/statistics/",
        "quality-check": f"/{language}/quality-check/",
        NOT_FOUND: f"/{language}/no-such-page/",
    }


@dataclass(frozen=True)
class ServedDemo:
    url: str
    env: dict[str, str]  # the server's environment: its settings, database and media copy
    workdir: Path  # the copy and the server logs


@dataclass(frozen=True)
class AuditedSite:
    url: str  # DEBUG on: media and static files served
    production_url: str  # DEBUG off: the site's own error pages

    def url_for(self, name: str, path: str) -> str:
        return (self.production_url if name == NOT_FOUND else self.url) + path

    def pages(self, language: str) -> dict[str, str]:
        """name -> URL of every public page type in `language`."""
        return {name: self.url_for(name, path) for name, path in demo_pages(language).items()}


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def require_every_page(site: AuditedSite) -> None:
    """Fail the audits unless every listed page answers as it should: an audit of an error
    page would measure the error page, and a missing page would go unaudited."""
    wrong = []
    for language in LANGUAGES:
        for name, url in site.pages(language).items():
            expected = 404 if name == NOT_FOUND else 200
            status = status_of(url)
            if status != expected:
                wrong.append(f"{name} ({url}) answers {status}, not {expected}")
    if wrong:
        pytest.fail("Audited pages that do not answer:\n" + "\n".join(wrong), pytrace=False)


def fail_in_ci_else_skip(reason: str) -> None:
    """A missing tool skips the audit on a developer's machine; CI (CI set) must run it."""
    if "CI" in os.environ:
        pytest.fail(f"CI must run the browser audits, but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def audit_chromium():
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not is_executable(path)]
    if missing:
        fail_in_ci_else_skip(f"{INSTALL_HINT} (missing {', '.join(missing)})")


def start_server(env: dict[str, str], workdir: Path, name: str, *extra: str):
    url = f"http://127.0.0.1:{free_port()}"
    log = workdir / f"{name}.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", url.removeprefix("http://"), "--noreload"]
            + list(extra),
            cwd=PROJECT_DIR,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    wait_until_serving(f"{url}/en/", process, log)
    return url, process


@pytest.fixture(scope="session")
def read_only_site(audit_chromium, seeded_demo, tmp_path_factory):
    """The demo served with DEBUG on, on a copy of its own, for the browser tests that only
    read (the audits, the phone tests, the screenshots); always stopped."""
    workdir = tmp_path_factory.mktemp("read-only-site")
    demo = seeded_demo.copy_into(workdir)
    env = server_env(demo.database, demo.media)
    url, process = start_server(env, workdir, "debug")
    try:
        yield ServedDemo(url=url, env=env, workdir=workdir)
    finally:
        stop(process)


@pytest.fixture(scope="session")
def audited_site(read_only_site):
    """The read-only demo, also served with DEBUG off; every listed page answers. The second
    server is always stopped."""
    # --insecure: runserver still serves the static files with DEBUG off.
    production_env = {**read_only_site.env, "DEBUG": "false"}
    production_url, process = start_server(
        production_env, read_only_site.workdir, "production", "--insecure"
    )
    try:
        site = AuditedSite(url=read_only_site.url, production_url=production_url)
        require_every_page(site)
        yield site
    finally:
        stop(process)


@pytest.fixture(scope="session")
def audit_browser(audit_chromium):
    """Headless Chromium through Debian's chromedriver (Selenium Manager never runs)."""
    profile = tempfile.mkdtemp(prefix="stem-audit-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-quic",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(
            service=Service(executable_path=str(CHROMEDRIVER)), options=options
        )
    except WebDriverException as error:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.fail(f"Chromium did not start through {CHROMEDRIVER}: {error.msg}", pytrace=False)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_viewport(driver, viewport: str) -> None:
    """Make the page's viewport exactly the named size (the window's frame differs)."""
    width, height = VIEWPORTS[viewport]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": viewport == "phone"},
    )
