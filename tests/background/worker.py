"""The database backend's worker, run once inside a test's transaction."""

from django_tasks_db.management.commands import db_worker


def run_worker() -> None:
    """`manage.py db_worker --batch`: run every task that is due, then stop."""
    db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()
