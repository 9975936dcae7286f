"""Which django-tasks backend runs the site's background work (search index updates,
machine translation, Wagtail's own tasks).

- `database` (production's default): django-tasks-db stores each task as a row, so queued
  work survives a restart or a deploy; `manage.py db_worker` runs it, and a failed task is
  retried (background.retries) and listed in the admin (Reports > Failed tasks).
- `immediate` (development and tests): the task runs inside the request that queues it,
  so `make run` needs no second process.
"""

from django.core.exceptions import ImproperlyConfigured

TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}


def task_settings(backend: str) -> dict:
    if backend not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {backend!r}"
        )
    return {"default": {"BACKEND": TASK_BACKENDS[backend]}}
