"""wagtail-localize's URLs reach this site's guarded views, whatever order the apps'
hook modules are imported in: the team guard and the reviewed sync sit on these routes."""

import pytest

from django.urls import resolve, reverse

GUARDED = [
    ("wagtail_localize:update_translations", [7], "reviewed_update_translations"),
    ("wagtail_localize:submit_page_translation", [7], "team_submit_page_translation"),
    (
        "wagtail_localize:submit_snippet_translation",
        ["materials", "discipline", "7"],
        "team_submit_snippet_translation",
    ),
    ("wagtail_localize:upload_pofile", [7], "checked_upload_pofile"),
    ("wagtail_localize:translations_report", [], "team_translations_report"),
]


@pytest.mark.parametrize(("upstream", "args", "guarded"), GUARDED)
def test_wagtail_localizes_url_resolves_to_the_guarded_view(upstream, args, guarded):
    url = reverse(upstream, args=args)
    assert resolve(url).url_name == guarded, url
