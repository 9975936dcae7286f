"""Search on a phone and with a keyboard, in headless Chromium against the served demo.

The results come first on a 390 × 844 screen; no page scrolls sideways at 320 or 390 px in
German or Greek; after a refresh in place the focus stays on the control that changed, the
live region says the new count and "Filters (n)" the number of active filters; "Skip to
results" moves the focus to the results; every target in the filter panel is 44 px high.

The browser is the smoke test's (tests/e2e/test_browser_smoke.py); these tests only read,
so the site is the session's read-only served demo (`read_only_site`, tests/e2e/audited_site.py).
"""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e import test_browser_smoke as smoke

pytestmark = pytest.mark.browser

# The browser of the smoke tests, one for this module.
chromium_installed = smoke.chromium_installed
browser = smoke.browser
screenshot_on_failure = smoke.screenshot_on_failure

WAIT_SECONDS = smoke.WAIT_SECONDS
PHONE = (390, 844)
DESKTOP = (1280, 900)
TOUCH_PX = 44


def viewport(driver, width: int, height: int) -> None:
    """Resize the window so that the page's own viewport (innerWidth × innerHeight) is the
    given size, whatever the browser's frame takes."""
    driver.set_window_size(width, height)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])


@pytest.fixture(scope="module")
def site_url(chromium_installed, read_only_site) -> str:
    return read_only_site.url


@pytest.fixture
def phone(browser):
    viewport(browser, *PHONE)
    try:
        yield browser
    finally:
        viewport(browser, *DESKTOP)


@pytest.fixture
def desktop(browser):
    viewport(browser, *DESKTOP)
    return browser


def status_text(driver) -> str:
    """The live region is visually hidden, so its text is read from the DOM."""
    status = driver.find_element(By.CSS_SELECTOR, "[data-search-status]")
    return status.get_attribute("textContent").strip()


def count_text(driver) -> str:
    return driver.find_element(By.ID, "results-heading").text.strip()


def filters_summary(driver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "#search-filters > summary").text.strip()


def active(driver):
    return driver.switch_to.active_element


def focused_id(driver) -> str:
    """The focused element's id, read in the page: an element handle can go stale while the
    results are refreshed in place."""
    return driver.execute_script("return document.activeElement && document.activeElement.id")


def mark_current_region(driver) -> None:
    """Remember the results region, to tell when the script has replaced it."""
    driver.execute_script("window.__oldRegion = document.querySelector('[data-search-region]');")


def wait_for_refresh(driver) -> None:
    WebDriverWait(driver, WAIT_SECONDS).until(
        lambda d: d.execute_script(
            "var region = document.querySelector('[data-search-region]');"
            "return region !== window.__oldRegion && !region.hasAttribute('aria-busy');"
        )
    )


def search_for(driver, site_url: str, words: str, language: str = "en") -> None:
    driver.get(f"{site_url}/{language}/search/")
    mark_current_region(driver)
    driver.find_element(By.ID, "id_q").send_keys(words, Keys.ENTER)
    WebDriverWait(driver, WAIT_SECONDS).until(expected_conditions.url_contains("q="))
    wait_for_refresh(driver)


# -- the phone layout ----------------------------------------------------------------------


def test_after_a_search_the_first_result_is_within_one_and_a_half_screens(phone, site_url):
    with screenshot_on_failure(phone, "phone-first-result"):
        search_for(phone, site_url, "energy")
        top, screen = phone.execute_script(
            "var card = document.querySelector('main .card');"
            "return [card.getBoundingClientRect().top + window.scrollY, window.innerHeight];"
        )
        assert screen == PHONE[1]
        assert top <= 1.5 * screen, f"the first result starts {top:.0f} px down"
        assert not phone.find_element(By.ID, "search-filters").get_attribute("open")


def sideways_overflow(driver) -> list[str]:
    """What sticks out past the right edge, when the page scrolls sideways at all."""
    return driver.execute_script(
        """
        var root = document.documentElement;
        if (root.scrollWidth <= window.innerWidth && root.scrollWidth <= root.clientWidth) {
            return [];
        }
        var out = ['scrollWidth ' + root.scrollWidth + ' > ' + root.clientWidth];
        document.querySelectorAll('body *').forEach(function (element) {
            var box = element.getBoundingClientRect();
            if (box.width && box.right > root.clientWidth + 0.5) {
                out.push(element.tagName + '.' + element.className + ' right ' +
                         Math.round(box.right) + ': ' +
                         (element.textContent || '').trim().slice(0, 40));
            }
        });
        return out.slice(0, 12);
        """
    )


def longest_titled(driver, listing_url: str) -> str:
    """The page behind the longest link text below a listing: the likeliest to be too wide."""
    driver.get(listing_url)
    below = [
        link
        for link in driver.find_elements(By.CSS_SELECTOR, "main a[href]")
        if link.get_attribute("href").startswith(listing_url)
        and link.get_attribute("href").split("?")[0] != listing_url
    ]
    assert below, f"{listing_url} links to no page below it"
    return max(below, key=lambda link: len(link.text)).get_attribute("href")


@pytest.mark.parametrize("language", ["de", "el"])
@pytest.mark.parametrize("width", [320, 390])
def test_no_page_scrolls_sideways_on_a_phone(browser, site_url, width, language):
    viewport(browser, width, PHONE[1])
    try:
        with screenshot_on_failure(browser, f"sideways-{language}-{width}"):
            pages = {
                "home": f"{site_url}/{language}/",
                "search": f"{site_url}/{language}/search/?q=energy&all_languages=1",
                "material": longest_titled(browser, f"{site_url}/{language}/materials/"),
                "catalogue": longest_titled(browser, f"{site_url}/{language}/catalogues/"),
            }
            wide = {}
            for name, url in pages.items():
                browser.get(url)
                assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
                assert browser.execute_script("return window.innerWidth") == width
                if overflow := sideways_overflow(browser):
                    wide[f"{name} {url}"] = overflow
            assert wide == {}
    finally:
        viewport(browser, *DESKTOP)


def test_every_target_in_the_filter_panel_is_44_px_high(phone, site_url):
    with screenshot_on_failure(phone, "touch-targets"):
        # Everything, two filters chosen: long lists, chips and pages of results.
        phone.get(f"{site_url}/en/search/?discipline=physics&pupil_age=12")
        summary = phone.find_element(By.CSS_SELECTOR, "#search-filters > summary")
        summary.click()
        for fold in phone.find_elements(By.CSS_SELECTOR, ".facet__more > summary"):
            fold.click()
        targets = phone.execute_script(
            """
            var panel = document.getElementById('search-filters');
            var found = [];
            function add(element, what) {
                var box = element.getBoundingClientRect();
                if (box.width && box.height) found.push([what, box.height]);
            }
            panel.querySelectorAll('summary, select, input, button, a').forEach(function (el) {
                // A checkbox is tapped through the label around it.
                var label = el.closest('label');
                add(label && el.type === 'checkbox' ? label : el,
                    el.tagName + ' ' + (el.name || '') + ' ' + (el.value || el.textContent).trim());
            });
            document.querySelectorAll('#results .pagination a, #results a.chip').forEach(
                function (el) { add(el, 'A ' + el.textContent.trim()); });
            return found;
            """
        )
        kinds = {what.split()[0] for what, _ in targets}
        assert {"SUMMARY", "SELECT", "INPUT", "A"} <= kinds, kinds
        assert len(targets) > 20
        small = [(what, round(height, 1)) for what, height in targets if height < TOUCH_PX]
        assert small == []
        # No inner scroll boxes: each list is as tall as its content.
        boxed = phone.execute_script(
            "return Array.from(document.querySelectorAll('#search-filters ul'))"
            ".filter(function (ul) { return ul.scrollHeight > ul.clientHeight + 1; }).length"
        )
        assert boxed == 0


# -- keyboard and screen readers -----------------------------------------------------------


def narrowest_option(driver, facet: str):
    """The unticked option of a facet with the smallest count, and that count."""
    options = driver.find_elements(
        By.CSS_SELECTOR, f"#facet-{facet} label:has(input:not(:checked))"
    )
    assert options, f"no option to tick in {facet}"
    counts = [
        int(
            option.find_element(By.CSS_SELECTOR, ".facet__count")
            .get_attribute("textContent")
            .strip("() ")
        )
        for option in options
    ]
    smallest = counts.index(min(counts))
    return options[smallest].find_element(By.TAG_NAME, "input"), counts[smallest]


def shown_total(driver) -> int:
    return int(count_text(driver).split()[0])


def test_a_filter_ticked_with_the_keyboard_keeps_the_focus_and_the_count_is_announced(
    desktop, site_url
):
    with screenshot_on_failure(desktop, "focus-checkbox"):
        search_for(desktop, site_url, "light")
        assert filters_summary(desktop) == "Filters (0)"
        assert status_text(desktop) == count_text(desktop)
        box, expected = narrowest_option(desktop, "discipline")
        assert expected < shown_total(desktop), "ticking it must change the count"
        value = box.get_attribute("value")
        desktop.execute_script("arguments[0].focus()", box)
        mark_current_region(desktop)
        box.send_keys(Keys.SPACE)
        WebDriverWait(desktop, WAIT_SECONDS).until(
            expected_conditions.url_contains(f"discipline={value}")
        )
        wait_for_refresh(desktop)

        focused = active(desktop)
        assert focused.get_attribute("name") == "discipline"
        assert focused.get_attribute("value") == value
        assert focused.is_selected()
        assert (
            desktop.execute_script("return window.__oldRegion.contains(arguments[0])", focused)
            is False
        ), "the focused box is the new one, not the replaced one"
        assert shown_total(desktop) == expected
        assert status_text(desktop) == count_text(desktop)
        assert filters_summary(desktop) == "Filters (1)"


def test_the_pupil_age_keeps_the_focus_and_each_filter_counts(phone, site_url):
    with screenshot_on_failure(phone, "focus-pupil-age"):
        search_for(phone, site_url, "energy")
        # On a phone the filters are opened from the keyboard, and stay open.
        summary = phone.find_element(By.CSS_SELECTOR, "#search-filters > summary")
        phone.execute_script("arguments[0].focus()", summary)
        summary.send_keys(Keys.ENTER)
        assert phone.find_element(By.ID, "search-filters").get_attribute("open") is not None

        age = phone.find_element(By.ID, "id_pupil_age")
        phone.execute_script("arguments[0].focus()", age)
        mark_current_region(phone)
        age.send_keys("16", Keys.ENTER)
        WebDriverWait(phone, WAIT_SECONDS).until(expected_conditions.url_contains("pupil_age=16"))
        wait_for_refresh(phone)

        assert active(phone).get_attribute("id") == "id_pupil_age"
        assert active(phone).get_attribute("value") == "16"
        assert phone.find_element(By.ID, "search-filters").get_attribute("open") is not None
        assert filters_summary(phone) == "Filters (1)"
        assert status_text(phone) == count_text(phone)

        mark_current_region(phone)
        box, expected = narrowest_option(phone, "type")
        phone.execute_script("arguments[0].focus()", box)
        box.send_keys(Keys.SPACE)
        wait_for_refresh(phone)
        assert filters_summary(phone) == "Filters (2)"
        assert active(phone).get_attribute("name") == "type"
        assert shown_total(phone) == expected
        assert status_text(phone) == count_text(phone)
        chips = phone.find_elements(By.CSS_SELECTOR, "#results a.chip:not(.chip--clear)")
        assert len(chips) == 2


def test_skip_to_results_moves_the_focus_to_the_results(desktop, site_url):
    """Three keys from the top of the page to the results: skip the header, skip the
    search form and filters, then Tab to the first result."""
    with screenshot_on_failure(desktop, "skip-to-results"):
        desktop.get(f"{site_url}/en/search/?q=energy")
        ActionChains(desktop).send_keys(Keys.TAB).perform()
        assert "skip-link" in active(desktop).get_attribute("class")
        active(desktop).send_keys(Keys.ENTER)
        WebDriverWait(desktop, WAIT_SECONDS).until(lambda d: focused_id(d) == "main")

        ActionChains(desktop).send_keys(Keys.TAB).perform()
        skip = active(desktop)
        assert skip.get_attribute("class") == "search__skip"
        assert skip.text == "Skip to results"
        assert skip.is_displayed() and skip.size["height"] >= TOUCH_PX
        skip.send_keys(Keys.ENTER)
        WebDriverWait(desktop, WAIT_SECONDS).until(lambda d: focused_id(d) == "results")
        # The next Tab lands inside the results, not back in the filters.
        ActionChains(desktop).send_keys(Keys.TAB).perform()
        assert desktop.execute_script(
            "return document.getElementById('results').contains(document.activeElement)"
        )
