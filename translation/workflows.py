"""One Wagtail review workflow per language, on that language's home page."""

from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from repo_site.languages import PartnerLanguage
from translation.models import LanguageTeam


def ensure_review_workflow(language: PartnerLanguage, team: LanguageTeam, home: Page) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=f"{language.english_name} review")
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=f"{language.english_name} reviewers approve"
    )
    task.groups.set([team.reviewers])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
