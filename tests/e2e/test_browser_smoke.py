"""A teacher's first visit in a real browser: home, materials, a material, its German version.

The site runs as `make run` would run it (the demo migrated and seeded, runserver) in a
subprocess, on this module's own copy of the session's seeded demo (tests/seeded_demo.py):
these tests write (a translation request, an admin sign-in), so no other test serves that
copy, and the session's test database is never touched (pytest-django's live_server would
flush it). Debian's headless Chromium is driven through Debian's chromedriver; Selenium
Manager never runs.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from demo.content import DemoContent
from demo.seed import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME
from tests.served_site import PROJECT_DIR, free_port, server_env

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
INSTALL_HINT = "chromium not installed: apt-get install chromium chromium-driver"
STARTUP_TIMEOUT_SECONDS = 60
WAIT_SECONDS = 10
MAX_MATERIALS_TO_TRY = 60


def is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


@pytest.fixture(scope="module")
def chromium_installed():
    """Skip locally without Chromium; in CI (CI set) its absence is a failure, not a skip."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not is_executable(path)]
    if missing:
        reason = f"{INSTALL_HINT} (missing {', '.join(missing)})"
        if "CI" in os.environ:
            pytest.fail(f"CI must run the browser tests, but {reason}", pytrace=False)
        pytest.skip(reason)


def wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"runserver exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(
        f"{url} did not answer within {STARTUP_TIMEOUT_SECONDS}s:\n{log.read_text()[-3000:]}"
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def site_url(chromium_installed, request, tmp_path_factory):
    """The demo site served by runserver on a free port, on a copy of the seeded demo of its
    own; always stopped."""
    workdir = tmp_path_factory.mktemp("browser-site")
    # Asked for after the Chromium check: a machine without Chromium skips before seeding.
    demo = request.getfixturevalue("seeded_demo").copy_into(workdir)
    env = server_env(demo.database, demo.media)

    base_url = f"http://127.0.0.1:{free_port()}"
    log = workdir / "runserver.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                base_url.removeprefix("http://"),
                "--noreload",
            ],
            cwd=PROJECT_DIR,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(f"{base_url}/en/", process, log)
        yield base_url
    finally:
        stop(process)


@pytest.fixture(scope="module")
def browser(chromium_installed):
    profile = tempfile.mkdtemp(prefix="stem-chromium-profile-")
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
        "--window-size=1280,900",
        "--lang=en",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    # Giving the driver's path makes Selenium skip Selenium Manager: nothing is downloaded.
    service = Service(executable_path=str(CHROMEDRIVER))
    try:
        driver = webdriver.Chrome(service=service, options=options)
    except WebDriverException as error:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.fail(f"Chromium did not start through {CHROMEDRIVER}: {error.msg}", pytrace=False)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@contextlib.contextmanager
def screenshot_on_failure(driver, name: str):
    """Keep a picture of what the browser showed when an assertion failed."""
    try:
        yield
    except BaseException as failure:
        folder = Path(tempfile.mkdtemp(prefix="stem-browser-failure-"))
        with contextlib.suppress(WebDriverException):
            driver.save_screenshot(str(folder / f"{name}.png"))
            (folder / f"{name}.html").write_text(driver.page_source)
            failure.add_note(f"Browser state at failure ({driver.current_url}) saved in {folder}")
        raise


def html_lang(driver) -> str:
    return driver.find_element(By.TAG_NAME, "html").get_attribute("lang")


def heading(driver) -> str:
    headings = driver.find_elements(By.TAG_NAME, "h1")
    assert len(headings) == 1, f"{driver.current_url} has {len(headings)} h1 elements"
    return headings[0].text.strip()


def path_of(driver) -> str:
    return urlsplit(driver.current_url).path


def material_links(driver, index_url: str) -> list[str]:
    """Every material URL of the listing, following its pagination."""
    links, url = [], index_url
    while url and len(links) < MAX_MATERIALS_TO_TRY:
        driver.get(url)
        links += [
            a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".card__title a")
        ]
        following = driver.find_elements(By.CSS_SELECTOR, "nav.pagination a[rel='next']")
        url = following[0].get_attribute("href") if following else None
    return links


def test_home_page_is_english_under_en(browser, site_url):
    with screenshot_on_failure(browser, "home"):
        browser.get(f"{site_url}/en/")

        assert path_of(browser) == "/en/"
        assert html_lang(browser) == "en"
        assert heading(browser) == DemoContent().pages["home"]["title"]


def test_the_first_tab_stop_is_the_skip_link(browser, site_url):
    with screenshot_on_failure(browser, "skip-link"):
        browser.get(f"{site_url}/en/")
        ActionChains(browser).send_keys(Keys.TAB).perform()

        focused = browser.switch_to.active_element
        assert focused.tag_name == "a"
        assert "skip-link" in focused.get_attribute("class").split()
        assert focused.get_attribute("href").endswith("#main")
        assert focused.is_displayed()
        assert focused.location["y"] >= 0, "the focused skip link is off-screen"

        focused.send_keys(Keys.ENTER)
        WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.url_contains("#main"))
        assert browser.switch_to.active_element.get_attribute("id") == "main"


def test_a_teacher_reads_a_material_and_switches_to_german(browser, site_url):
    content = DemoContent()
    with screenshot_on_failure(browser, "material-to-german"):
        browser.get(f"{site_url}/en/")
        menu_link = browser.find_element(By.CSS_SELECTOR, "nav.main-nav a[href$='/en/materials/']")
        menu_link.click()
        WebDriverWait(browser, WAIT_SECONDS).until(
            lambda driver: path_of(driver) == "/en/materials/"
        )
        assert heading(browser) == content.pages["materials_index"]["title"]

        # A material with a German version and files: the language switcher offers Deutsch.
        english_url = None
        for url in material_links(browser, browser.current_url):
            browser.get(url)
            has_german = browser.find_elements(
                By.CSS_SELECTOR, "nav.language-switcher a[hreflang='de']"
            )
            if has_german and browser.find_elements(
                By.CSS_SELECTOR, "section.downloads a[download]"
            ):
                english_url = url
                break
        assert english_url, "no material page in /en/materials/ links a German version"

        titles = {material["title"] for material in content.materials}
        assert html_lang(browser) == "en"
        assert heading(browser) in titles
        assert browser.find_element(By.ID, "downloads-heading").text == "Files"
        download = browser.find_element(By.CSS_SELECTOR, "section.downloads a[download]")
        with urllib.request.urlopen(urljoin(site_url, download.get_attribute("href"))) as pdf:
            assert pdf.read(5) == b"%PDF-"

        german_link = browser.find_element(
            By.CSS_SELECTOR, "nav.language-switcher a[hreflang='de']"
        )
        assert german_link.text == "Deutsch"
        german_link.click()
        WebDriverWait(browser, WAIT_SECONDS).until(
            lambda driver: path_of(driver).startswith("/de/")
        )

        assert path_of(browser).startswith("/de/materials/")
        assert html_lang(browser) == "de"
        assert heading(browser)
        assert browser.find_elements(By.CSS_SELECTOR, "section.downloads a[download]")
        switcher = browser.find_element(By.CSS_SELECTOR, "nav.language-switcher")
        current = switcher.find_elements(By.CSS_SELECTOR, "[aria-current]")
        assert [element.text for element in current] == ["Deutsch"]
        assert current[0].get_attribute("aria-current") in ("true", "page")
        assert not switcher.find_elements(By.CSS_SELECTOR, "a[hreflang='de']")
        english = switcher.find_element(By.CSS_SELECTOR, "a[hreflang='en']")
        assert urljoin(site_url, english.get_attribute("href")) == english_url


def result_count(driver) -> str:
    return driver.find_element(By.ID, "results-heading").text.strip()


def test_facet_clicks_refresh_in_place_and_the_back_button_returns(browser, site_url):
    with screenshot_on_failure(browser, "search-facets"):
        browser.get(f"{site_url}/en/search/")
        everything = result_count(browser)
        assert "search-enhanced" in browser.find_element(By.TAG_NAME, "html").get_attribute("class")
        browser.execute_script("window.notReloaded = true;")  # lost on a full page load

        physics = browser.find_element(By.CSS_SELECTOR, "input[name='discipline'][value='physics']")
        physics.click()
        WebDriverWait(browser, WAIT_SECONDS).until(
            expected_conditions.url_contains("discipline=physics")
        )
        WebDriverWait(browser, WAIT_SECONDS).until(lambda d: result_count(d) != everything)
        narrowed = result_count(browser)
        assert browser.execute_script("return window.notReloaded === true;")
        assert browser.find_element(By.CSS_SELECTOR, "a.chip").text.startswith("Discipline: ")

        browser.back()
        WebDriverWait(browser, WAIT_SECONDS).until(lambda d: result_count(d) == everything)
        assert "discipline" not in browser.current_url
        assert not browser.find_element(
            By.CSS_SELECTOR, "input[name='discipline'][value='physics']"
        ).is_selected()

        browser.forward()
        WebDriverWait(browser, WAIT_SECONDS).until(lambda d: result_count(d) == narrowed)


def test_search_works_with_the_keyboard_and_without_a_click(browser, site_url):
    with screenshot_on_failure(browser, "search-keyboard"):
        browser.get(f"{site_url}/en/search/")
        box = browser.find_element(By.ID, "id_q")
        box.send_keys("titration", Keys.ENTER)
        WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.url_contains("q=titration"))
        WebDriverWait(browser, WAIT_SECONDS).until(
            lambda d: "Titration" in d.find_element(By.CSS_SELECTOR, ".card__title").text
        )


def test_a_german_teacher_follows_an_untranslated_card_and_stays_in_german(browser, site_url):
    with screenshot_on_failure(browser, "fallback-in-german"):
        browser.get(f"{site_url}/de/materials/")
        card = browser.find_element(By.CSS_SELECTOR, "article.card[lang='en'] .card__title a")
        target = urlsplit(card.get_attribute("href")).path
        assert target.startswith("/de/materials/")
        card.click()
        WebDriverWait(browser, WAIT_SECONDS).until(lambda driver: path_of(driver) == target)

        assert html_lang(browser) == "de"
        assert browser.find_element(By.TAG_NAME, "h1").get_attribute("lang") == "en"
        notice = browser.find_element(By.CSS_SELECTOR, ".language-notice--fallback")
        assert "noch nicht auf Deutsch übersetzt" in notice.text
        menu = browser.find_elements(By.CSS_SELECTOR, "nav.main-nav a")
        assert menu and all(urlsplit(a.get_attribute("href")).path.startswith("/de/") for a in menu)
        switcher = browser.find_element(By.CSS_SELECTOR, "nav.language-switcher")
        current = switcher.find_elements(By.CSS_SELECTOR, "[aria-current]")
        assert [element.text for element in current] == ["Deutsch"]

        notice.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        WebDriverWait(browser, WAIT_SECONDS).until(
            lambda driver: driver.find_elements(By.CSS_SELECTOR, ".language-notice__requested")
        )
        assert path_of(browser) == target
        assert html_lang(browser) == "de"


# Runs before any page script, outside the page's policy (DevTools): collects what the
# Content-Security-Policy blocked on each page.
CSP_RECORDER = (
    "window.__blocked = [];"
    "document.addEventListener('securitypolicyviolation', e =>"
    " window.__blocked.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def blocked_on(driver, url: str) -> list[str]:
    driver.get(url)
    WebDriverWait(driver, WAIT_SECONDS).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )
    time.sleep(0.5)  # scripts that run after load (Stimulus controllers, fetches)
    return driver.execute_script("return window.__blocked || []")


def test_the_site_and_its_admin_run_under_their_content_security_policies(browser, site_url):
    """Nothing is blocked on public pages (no inline script without the nonce) nor in the
    admin under its own policy, editing a material's inline files included; the recorder
    does see what the policy blocks. Last in the module: it signs in, then out."""
    recorder = browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": CSP_RECORDER}
    )
    try:
        with screenshot_on_failure(browser, "content-security-policy"):
            browser.get(f"{site_url}/de/materials/")
            material = browser.find_element(By.CSS_SELECTOR, ".card__title a").get_attribute("href")
            for url in (f"{site_url}/en/", material, f"{site_url}/en/search/?q=light"):
                assert blocked_on(browser, url) == [], url

            # The recorder works: an inline script added without the nonce is blocked.
            browser.execute_script(
                "const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
                "document.head.appendChild(s);"
            )
            time.sleep(0.2)
            assert browser.execute_script("return window.ran") is None
            assert any(
                entry.startswith("script-src")
                for entry in browser.execute_script("return window.__blocked")
            )

            browser.get(f"{site_url}/admin/login/")
            browser.find_element(By.NAME, "username").send_keys(DEMO_ADMIN_USERNAME)
            browser.find_element(By.NAME, "password").send_keys(DEMO_ADMIN_PASSWORD)
            browser.find_element(By.CSS_SELECTOR, "form button[type='submit']").click()
            WebDriverWait(browser, WAIT_SECONDS).until(lambda d: path_of(d) == "/admin/")
            assert blocked_on(browser, f"{site_url}/admin/") == []
            assert blocked_on(browser, f"{site_url}/admin/pages/") == []

            browser.get(f"{site_url}/admin/pages/search/?q=circuits&locale=en")
            edit_links = [
                link.get_attribute("href")
                for link in browser.find_elements(By.CSS_SELECTOR, "a[href$='/edit/']")
            ]
            rows = "[id^='inline_child_files-']:not([id*='panel'])"
            for edit in edit_links[:5]:  # the first material editor (a translation has none)
                assert blocked_on(browser, edit) == [], edit
                if browser.find_elements(By.ID, "id_files-ADD"):
                    break
            before = len(browser.find_elements(By.CSS_SELECTOR, rows))
            # A script click: the editor's sticky footer covers the button at this size.
            browser.execute_script(
                "arguments[0].click()", browser.find_element(By.ID, "id_files-ADD")
            )
            WebDriverWait(browser, WAIT_SECONDS).until(
                lambda d: len(d.find_elements(By.CSS_SELECTOR, rows)) == before + 1
            )
            assert browser.execute_script("return window.__blocked") == []
    finally:
        browser.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": recorder["identifier"]}
        )
        browser.delete_all_cookies()
