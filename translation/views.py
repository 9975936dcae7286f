"""wagtail-localize's "sync translated pages" view, without its publishing shortcut.

Upstream, syncing a source page with "publish" ticked publishes every language version
with no check of the user's publish permission there (the translation editor's own
publish button does check). Here only the versions the user may publish are published;
the others are synced as drafts and wait for their language's reviewers.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View

from wagtail.models import Page
from wagtail_localize.views.update_translations import UpdateTranslationsView

from translation.review import CannotSubmit, check_can_submit, submit_for_review


def can_publish_translation(user, translation) -> bool:
    target = translation.get_target_instance()
    if isinstance(target, Page):
        return target.permissions_for_user(user).can_publish()
    return True  # snippets have no publishing step


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    def form_valid(self, form):
        if not form.cleaned_data.get("publish_translations"):
            return super().form_valid(form)
        translations = list(
            self.object.translations.filter(enabled=True).select_related("target_locale")
        )
        held_back = [t for t in translations if not can_publish_translation(self.request.user, t)]
        if not held_back:
            return super().form_valid(form)
        form.cleaned_data["publish_translations"] = False
        response = super().form_valid(form)
        for translation in translations:
            if translation not in held_back:
                translation.save_target(user=self.request.user, publish=True)
        languages = ", ".join(t.target_locale.get_display_name() for t in held_back)
        messages.warning(
            self.request,
            _("Not published in %(languages)s: their reviewers publish those translations.")
            % {"languages": languages},
        )
        return response


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
