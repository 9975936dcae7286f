"""Twenty concurrent publishes on a file-based SQLite database, run as a script in a process
of its own (tests/repo_site/test_sqlite_concurrency.py): the pytest database is in memory,
where SQLite's shared-cache locks behave unlike a real file.

    python tests/repo_site/concurrent_publish.py setup DB_FILE
    python tests/repo_site/concurrent_publish.py publish DB_FILE [--baseline]

`publish` runs 20 threads that publish new revisions of existing materials through the ORM,
then 20 threads that add and publish materials through the admin's own URL (the page
editor's "Publish" button), all released at once; then Wagtail's `fixtree`. It prints one
JSON line. `--baseline` drops the site's SQLite options (Django's defaults: deferred
transactions, a 5 s timeout), to compare.
"""

import io
import json
import os
import sys
import threading
import traceback
from pathlib import Path

THREADS = 20


def configure(db_file: str, baseline: bool = False):
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repo_site.settings.test")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from django.conf import settings

    if baseline:
        settings.DATABASES["default"]["OPTIONS"] = {}
    import django

    django.setup()


def setup():
    """Migrate and build what `publish` needs with tests.factories: the admin, 20 live
    materials (each with a partner, a discipline and a resource language), and a locale for
    every partner language, so each publish writes the machine-translated metadata of all of
    them as on a real site. Only here, SQLite skips fsync: the set-up is not what is tested,
    and it would take minutes on a busy disk."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.backends.signals import connection_created

    def fast_writes(sender, connection, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA journal_mode = MEMORY")

    connection_created.connect(fast_writes)

    call_command("migrate", verbosity=0)

    from repo_site.languages import load_partner_languages
    from tests import factories

    get_user_model().objects.create_superuser("admin", "admin@example.org", "unused")
    for language in load_partner_languages():
        factories.locale(language.code)
    materials = factories.site_tree().materials
    english = factories.resource_language("en", "English")
    for _ in range(THREADS):
        page = factories.MaterialPageFactory(parent=materials)
        page.disciplines = [factories.DisciplineFactory()]
        page.resource_languages = [english]
        factories.publish(page)


def run_together(jobs) -> list[str | None]:
    """Run each job in its own thread, released at once; each one's error or None."""
    from django.db import connection

    barrier = threading.Barrier(len(jobs))
    outcomes: list[str | None] = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            job()
        except Exception as error:
            outcomes[index] = f"{type(error).__name__}: {error}"
            traceback.print_exc(file=sys.stderr)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def orm_publish_jobs(admin):
    from materials.models import MaterialPage

    ids = list(MaterialPage.objects.live().order_by("pk").values_list("pk", flat=True)[:THREADS])
    assert len(ids) == THREADS, f"the demo has only {len(ids)} live materials"

    def publish(page_id):
        def job():
            page = MaterialPage.objects.get(pk=page_id)
            page.title = f"{page.title} (revised)"
            page.save_revision(user=admin).publish(user=admin)

        return job

    return [publish(page_id) for page_id in ids], ids


def admin_publish_jobs(admin):
    from django.test import Client

    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    from materials.models import Discipline, MaterialIndexPage, Partner, ResourceLanguage

    en = {"locale__language_code": "en"}
    index = MaterialIndexPage.objects.get(**en)
    partner = Partner.objects.filter(**en).first()
    discipline = Discipline.objects.filter(**en).first()
    resource_language = ResourceLanguage.objects.filter(**en).first()
    url = f"/admin/pages/add/materials/materialpage/{index.pk}/"
    clients = []
    for _ in range(THREADS):
        client = Client()
        client.force_login(admin)
        clients.append(client)

    def publish(number, client):
        def job():
            data = nested_form_data(
                {
                    "title": f"Concurrent material {number}",
                    "slug": f"concurrent-material-{number}",
                    "summary": "Published at the same moment as nineteen others.",
                    "commentary": streamfield([]),
                    "age_min": 10,
                    "age_max": 14,
                    "country": "AT",
                    "resource_type": "teaching-unit",
                    "audience": "in-service",
                    "licence": "cc-by",
                    "partner": partner.pk,
                    "files": inline_formset([]),
                    "related_materials": inline_formset([]),
                    "comments": inline_formset([]),
                    "action-publish": "action-publish",
                }
            )
            data["disciplines"] = [discipline.pk]
            data["resource_languages"] = [resource_language.pk]
            response = client.post(url, data)
            if response.status_code != 302:
                form = response.context and response.context.get("form")
                errors = form.errors.as_json() if form else response.content[:300]
                raise RuntimeError(f"the admin answered {response.status_code}: {errors}")

        return job

    return [publish(number, client) for number, client in enumerate(clients)]


def publish():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from materials.models import MaterialPage

    setup_test_environment()  # the test client's hostname is allowed
    admin = get_user_model().objects.get(username="admin")

    orm_jobs, orm_ids = orm_publish_jobs(admin)
    orm_outcomes = run_together(orm_jobs)
    admin_outcomes = run_together(admin_publish_jobs(admin))

    fixtree = io.StringIO()
    call_command("fixtree", stdout=fixtree)
    sys.stdout.write(
        json.dumps(
            {
                "orm_errors": [error for error in orm_outcomes if error],
                "orm_revised": MaterialPage.objects.filter(
                    pk__in=orm_ids, title__endswith="(revised)", live=True
                ).count(),
                "admin_errors": [error for error in admin_outcomes if error],
                "admin_published": MaterialPage.objects.live()
                .filter(slug__startswith="concurrent-material-")
                .count(),
                "fixtree": fixtree.getvalue(),
            }
        )
        + "\n"
    )


if __name__ == "__main__":
    command, db_file, *flags = sys.argv[1:]
    configure(db_file, baseline="--baseline" in flags)
    {"setup": setup, "publish": publish}[command]()
