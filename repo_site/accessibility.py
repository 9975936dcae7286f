"""The accessibility statement (/<language>/accessibility/): a view, not a Wagtail page.

It says what the site promises and how that is checked, which is a property of the code
(the browser tests, the templates), so it ships with the code and exists on every
installation in every language without any seeding; its text is translated with the
interface strings in locale/. The contact address comes from ACCESSIBILITY_CONTACT_EMAIL.
"""

import datetime

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from page_cache.marking import cacheable

# When the statement was last checked against what the tests measure; update with the text.
REVIEWED_ON = datetime.date(2026, 11, 30)

# The widths the browser tests run axe-core at (tests/e2e/test_accessibility.py).
TESTED_WIDTHS = (1366, 390)


def statement_alternates(current: str) -> list[dict]:
    """The statement in every partner language, for the switcher and hreflang."""
    alternates = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse("accessibility-statement")
        alternates.append({"code": code, "name": name, "url": url, "current": code == current})
    return alternates


@require_GET
@cacheable()
def accessibility_statement(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    context = {
        "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        "reviewed_on": REVIEWED_ON,
        "desktop_width": TESTED_WIDTHS[0],
        "phone_width": TESTED_WIDTHS[1],
        "language_alternates": statement_alternates(language),
    }
    return render(request, "accessibility_statement.html", context)
