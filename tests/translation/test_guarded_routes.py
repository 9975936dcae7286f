"""wagtail-localize's URLs reach this site's guarded views, and the team check on snippets
runs before wagtail-localize's snippet hook, whatever order the apps' hook modules are
imported in: the team guard and the reviewed sync sit on these routes."""

import pytest

from django.urls import resolve, reverse

from wagtail import hooks

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


def test_the_team_check_on_snippets_runs_before_wagtail_localizes_editor():
    """wagtail-localize answers a translated snippet's edit view with its own editor, which
    ends the hooks: the team check must come first."""
    first = hooks.get_hooks("before_edit_snippet")[0]
    assert (first.__module__, first.__name__) == (
        "translation.wagtail_hooks",
        "_check_snippet_locale",
    )
