"""A reviewer's approve or reject of a translated page, checked before the task acts.

Wagtail's workflow action endpoint takes any task state id with any page and answers a page
that is no longer in review with a redirect, and its reject form accepts an empty comment.
Here the decision is taken on the page's own current task state, through that task's
`on_action` (so Wagtail publishes on approval and sends its approved/rejected e-mails), and
every refusal says why: the translator needs the reviewer's comment to know what to change.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import Page, TaskState

APPROVE = "approve"
REJECT = "reject"
DECISIONS = (APPROVE, REJECT)


class DecisionRefused(Exception):
    """The decision cannot be taken; `status` is the HTTP status, the message says why."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def current_task_state(page: Page) -> TaskState | None:
    """The page's task state waiting for a decision, locked until the transaction ends."""
    workflow_state = page.current_workflow_state
    if workflow_state is None:
        return None
    return (
        TaskState.objects.select_for_update(of=("self",))
        .filter(
            workflow_state=workflow_state,
            status=TaskState.STATUS_IN_PROGRESS,
            task__active=True,
        )
        .first()
    )


@transaction.atomic
def decide(page: Page, user, action: str, comment: str = "") -> TaskState:
    """Approve (publishing the submitted draft) or reject (with a comment) `page`'s review."""
    if action not in DECISIONS:
        raise DecisionRefused(_("Choose Approve or Reject."), 400)
    task_state = current_task_state(page)
    if task_state is None:
        raise DecisionRefused(
            _("'%(title)s' is not waiting for review.") % {"title": page.get_admin_display_title()},
            409,
        )
    task = task_state.task.specific
    if action not in {name for name, _label, _modal in task.get_actions(page, user)}:
        raise DecisionRefused(_("You cannot review pages at this step."), 403)
    comment = comment.strip()
    if action == REJECT and not comment:
        raise DecisionRefused(
            _("Say what needs to change: a rejection needs a comment for the translator."), 400
        )
    task.on_action(task_state.specific, user, action, comment=comment)
    return task_state
