"""Who may work on which language: the one rule every translation endpoint applies.

A user works on a language when they belong to its team (translators or reviewers), or
is a superuser. Publishing a page in that language is a separate right, held by the
language's reviewers (Wagtail page permissions on the language's tree) and superusers.
"""

from wagtail.models import Page

from translation.models import LanguageTeam


def team_locale_ids(user) -> set[int] | None:
    """Locale ids the user works on; None means every locale (superusers)."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return None
    cached = getattr(user, "_translation_team_locale_ids", None)
    if cached is None:
        cached = LanguageTeam.locales_of(user)
        user._translation_team_locale_ids = cached
    return cached


def may_work_on(user, locale_id: int) -> bool:
    locale_ids = team_locale_ids(user)
    return locale_ids is None or locale_id in locale_ids


def may_publish(user, instance) -> bool:
    """Whether the user may make `instance` (a translated page or snippet) live.

    Snippets have no draft state: a team member's change to a label is its publication.
    """
    if not may_work_on(user, instance.locale_id):
        return False
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return True
