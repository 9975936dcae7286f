"""Tasks that only the worker tests queue: one that always fails, one whose object is gone."""

from django_tasks import task

from wagtail.models import Page


@task()
def always_fails(reason: str) -> None:
    raise RuntimeError(reason)


@task()
def needs_a_deleted_page(page_id: int) -> str:
    return Page.objects.get(pk=page_id).title
