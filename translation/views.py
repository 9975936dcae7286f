"""wagtail-localize's "sync translated pages" view, limited to the user's languages.

Upstream, syncing a source with "publish" ticked publishes every language version with the
source text standing in for what is not translated yet, with no check of the user's
publish permission there. Here the source is updated (that is the point of a sync), and then
only the translations of languages the user works on are touched: each is published if it
is complete and the user may publish it, and otherwise saved as a draft (translation.sync).
Machine pre-translation, if asked for, also runs for the user's languages only.
"""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View

from wagtail.models import Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.views.edit_translation import apply_machine_translation
from wagtail_localize.views.update_translations import UpdateTranslationsView

from translation import sync
from translation.access import may_work_on
from translation.review import CannotSubmit, check_can_submit, submit_for_review


def _languages(translations) -> str:
    return ", ".join(t.target_locale.get_display_name() for t in translations)


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    @transaction.atomic
    def form_valid(self, form):
        user = self.request.user
        self.object.update_from_db()
        translations = list(
            self.object.translations.filter(enabled=True).select_related("source", "target_locale")
        )
        mine = [t for t in translations if may_work_on(user, t.target_locale_id)]
        if form.cleaned_data.get("use_machine_translation"):
            machine_translator = get_machine_translator()
            for translation in mine:
                apply_machine_translation(translation.id, user, machine_translator)
        outcomes = defaultdict(list)
        for translation in mine:
            if form.cleaned_data.get("publish_translations"):
                outcomes[sync.publish_synced(translation, user)].append(translation)
            translation.source.update_target_view_restrictions(translation.target_locale)
        self.components.save(self.object, sources_and_translations={self.object: mine})
        messages.success(self.request, self.get_success_message())
        if form.cleaned_data.get("publish_translations"):
            self._report(outcomes, [t for t in translations if t not in mine])
        return redirect(self.get_success_url() or self.get_default_success_url())

    def _report(self, outcomes, others) -> None:
        held_back = outcomes[sync.DRAFT_FOR_REVIEW] + others
        if held_back:
            messages.warning(
                self.request,
                _("Not published in %(languages)s: their reviewers publish those translations.")
                % {"languages": _languages(held_back)},
            )
        if outcomes[sync.DRAFT_UNTRANSLATED]:
            messages.warning(
                self.request,
                _(
                    "Saved as a draft in %(languages)s: some text is not translated yet, so"
                    " the live page keeps its translation until the draft is reviewed."
                )
                % {"languages": _languages(outcomes[sync.DRAFT_UNTRANSLATED])},
            )
        if outcomes[sync.KEPT_UNTRANSLATED]:
            messages.warning(
                self.request,
                _("Not changed in %(languages)s until the new text is translated.")
                % {"languages": _languages(outcomes[sync.KEPT_UNTRANSLATED])},
            )


class SubmitForReviewView(View):
    """GET: a confirmation page; POST: submit the translated page to its language's review."""

    template_name = "translation/submit_for_review.html"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get(self, request, page_id):
        try:
            check_can_submit(self.page, request.user)
            problem = None
        except CannotSubmit as error:
            problem = str(error)
        return TemplateResponse(
            request,
            self.template_name,
            {"page": self.page, "problem": problem, "workflow": self.page.get_workflow()},
        )

    def post(self, request, page_id):
        try:
            submit_for_review(self.page, request.user)
        except CannotSubmit as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("'%(title)s' is waiting for review.")
                % {"title": self.page.get_admin_display_title()},
            )
        return redirect("wagtailadmin_explore", self.page.get_parent().pk)
