"""`manage.py setup_partners`: locales, page trees, teams and workflows for every partner
language in repo_site/partner_languages.toml. Safe to run again: it only adds what is missing."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Locale

from repo_site.languages import load_partner_languages
from translation.teams import ensure_team
from translation.trees import ensure_locale_tree
from translation.workflows import ensure_review_workflow


class Command(BaseCommand):
    help = (
        "Create the locale, page tree, translator/reviewer groups and review workflow per language."
    )

    def handle(self, *args, **options):
        languages = load_partner_languages()
        source_locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        for language in languages:
            if language.code == settings.LANGUAGE_CODE:
                continue
            with transaction.atomic():
                locale, _ = Locale.objects.get_or_create(language_code=language.code)
            # Outside the atomic block: wagtail-localize finishes drafts in on-commit hooks.
            home = ensure_locale_tree(locale, source_locale)
            if home is None:
                self.stdout.write(f"{language.code}: locale ready; no home page to translate yet")
                continue
            with transaction.atomic():
                team = ensure_team(language, locale, home)
                ensure_review_workflow(language, team, home)
            self.stdout.write(f"{language.code}: {team.translators.name}, {team.reviewers.name}")
        self.stdout.write(self.style.SUCCESS(f"{len(languages)} partner languages set up."))
