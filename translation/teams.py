"""Translator and reviewer groups per language, with permissions limited to that language.

Page permissions sit on the language's home page, so they cover that tree only.
Translators add and edit (never publish); reviewers also publish, lock and unlock.
Both may edit the translatable taxonomy snippets; wagtail_hooks limits that to their locale.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, Page

from materials.models import (
    Discipline,
    DiversityDimension,
    Partner,
    QualityCriterion,
    ResourceLanguage,
)
from repo_site.languages import PartnerLanguage
from translation.models import LanguageTeam

TRANSLATOR_PAGE_PERMISSIONS = ("add", "change", "lock")
REVIEWER_PAGE_PERMISSIONS = ("add", "change", "lock", "unlock", "publish")
TRANSLATABLE_SNIPPETS = (
    Discipline,
    DiversityDimension,
    QualityCriterion,
    ResourceLanguage,
    Partner,
)


def _global_permissions() -> list[Permission]:
    permissions = [
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        ),
    ]
    for model in TRANSLATABLE_SNIPPETS:
        permissions.append(
            Permission.objects.get(
                content_type__app_label=model._meta.app_label,
                codename=f"change_{model._meta.model_name}",
            )
        )
    return permissions


def _grant_pages(group: Group, home: Page, permission_types) -> None:
    for permission_type in permission_types:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
        )
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)


def ensure_team(language: PartnerLanguage, locale, home: Page) -> LanguageTeam:
    translators, _ = Group.objects.get_or_create(name=f"{language.english_name} translators")
    reviewers, _ = Group.objects.get_or_create(name=f"{language.english_name} reviewers")
    permissions = _global_permissions()
    translators.permissions.add(*permissions)
    reviewers.permissions.add(*permissions)
    _grant_pages(translators, home, TRANSLATOR_PAGE_PERMISSIONS)
    _grant_pages(reviewers, home, REVIEWER_PAGE_PERMISSIONS)
    team, _ = LanguageTeam.objects.update_or_create(
        locale=locale, defaults={"translators": translators, "reviewers": reviewers}
    )
    return team
