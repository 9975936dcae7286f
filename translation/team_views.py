"""wagtail-localize's submit and report screens, narrowed to the languages the user works on.

The guard (localize_guard) refuses requests for other languages; these views make the
screens agree with it: the submit form offers only the user's languages, and the
translations report lists only translations into them.
"""

from wagtail.models import Locale
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)

from translation.access import team_locale_ids


class TeamLocalesMixin:
    def get_form(self):
        form = super().get_form()
        allowed = team_locale_ids(self.request.user)
        if allowed is not None:
            field = form.fields["locales"]
            field.queryset = field.queryset.filter(pk__in=allowed)
        return form


class TeamSubmitPageTranslationView(TeamLocalesMixin, SubmitPageTranslationView):
    pass


class TeamSubmitSnippetTranslationView(TeamLocalesMixin, SubmitSnippetTranslationView):
    pass


class TeamTranslationsReportView(TranslationsReportView):
    def get_queryset(self):
        queryset = super().get_queryset()
        allowed = team_locale_ids(self.request.user)
        if allowed is not None:
            queryset = queryset.filter(target_locale__in=Locale.objects.filter(pk__in=allowed))
        return queryset
