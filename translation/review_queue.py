"""What awaits one reviewer's decision in one language: the dashboard's "Awaiting your review".

Wagtail's own `TaskState.objects.reviewable_by` asks every active task in turn (a query per
task, so per language) and knows nothing of locales. Here one query finds the in-progress
review tasks of pages in the language whose approval group includes the user (any task,
for superusers), with each page's title and who submitted it: the panel costs the same
whether one page or hundreds wait.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.urls import reverse

from wagtail.models import GroupApprovalTask, Locale, Page, TaskState, WorkflowState

# The panel lists this many and says when there are more (Wagtail's own dashboard lists all).
LIMIT = 50


@dataclass
class AwaitingReview:
    """One page in the language waiting at a review task the user may decide."""

    page_id: int
    title: str
    task_state_id: int
    task_id: int
    submitted_at: datetime
    submitted_by: str

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.page_id])

    @property
    def preview_url(self) -> str:
        """The submitted draft as the reviewer will publish it."""
        return reverse("wagtailadmin_pages:workflow_preview", args=[self.page_id, self.task_id])


def decidable_task_states(user, locale: Locale):
    """In-progress task states of pages in `locale` that `user` may approve or reject.

    Mirrors GroupApprovalTask.get_actions: superusers decide every task, other users the
    tasks whose groups they belong to.
    """
    pages = Page.objects.filter(locale=locale).annotate(key=Cast("pk", output_field=CharField()))
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__active=True,
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        workflow_state__base_content_type__app_label="wagtailcore",
        workflow_state__base_content_type__model="page",
        workflow_state__object_id__in=pages.values("key"),
    )
    if not user.is_superuser:
        tasks = GroupApprovalTask.objects.filter(groups__in=user.groups.all()).values("pk")
        states = states.filter(task_id__in=tasks)
    return states


def awaiting_review(user, locale: Locale, limit: int = LIMIT) -> tuple[list[AwaitingReview], bool]:
    """Up to `limit` pages awaiting the user's decision, oldest submission first, and whether
    more are waiting. One query."""
    page = Page.objects.annotate(key=Cast("pk", output_field=CharField())).filter(
        key=OuterRef("workflow_state__object_id")
    )
    rows = list(
        decidable_task_states(user, locale)
        .annotate(
            page_id=Subquery(page.values("pk")[:1]),
            page_title=Subquery(page.values("draft_title")[:1]),
        )
        .order_by("started_at", "pk")
        .values(
            "pk",
            "task_id",
            "page_id",
            "page_title",
            "started_at",
            "workflow_state__requested_by__username",
            "workflow_state__requested_by__first_name",
            "workflow_state__requested_by__last_name",
        )[: limit + 1]
    )
    items = [
        AwaitingReview(
            page_id=row["page_id"],
            title=row["page_title"],
            task_state_id=row["pk"],
            task_id=row["task_id"],
            submitted_at=row["started_at"],
            submitted_by=_display_name(row),
        )
        for row in rows[:limit]
    ]
    return items, len(rows) > limit


def _display_name(row: dict) -> str:
    full = " ".join(
        part
        for part in (
            row["workflow_state__requested_by__first_name"],
            row["workflow_state__requested_by__last_name"],
        )
        if part
    )
    return full or row["workflow_state__requested_by__username"] or ""
