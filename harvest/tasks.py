"""The harvest as a background task, so the admin (or a schedule) can start one without
holding a request open; it runs the same `run_harvest` as the command.

Options are checked again here: a queued task may run after a partner was removed. A
refused option fails the task (listed under Reports > Failed tasks); a repository's failure
is a recorded run with status `failed`, and the task returns its id like a successful one.
"""

from django_tasks import task

from django.contrib.auth import get_user_model

from harvest.options import HarvestOptions
from harvest.run import run_harvest


@task()
def harvest_repository(
    base_url: str,
    *,
    metadata_prefix: str,
    partner: str,
    country: str,
    ages: str = "",
    set_spec: str = "",
    from_date: str = "",
    dry_run: bool = False,
    user_id: int | None = None,
) -> int:
    """Harvest one repository; the id of the recorded HarvestRun."""
    options = HarvestOptions.checked(
        base_url,
        metadata_prefix=metadata_prefix,
        partner=partner,
        country=country,
        ages=ages,
        set_spec=set_spec,
        from_date=from_date,
        dry_run=dry_run,
    )
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return run_harvest(options, user=user).pk
