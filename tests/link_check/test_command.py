"""`manage.py check_links` prints "N checked, M broken"; bad arguments, and only they, make
it exit non-zero; --enqueue hands the check to the task worker."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.management import CommandError, call_command

from link_check.models import CheckedLink
from tests.factories import MaterialPageFactory, PartnerFactory, publish, site_tree

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def run(*args) -> str:
    out = StringIO()
    call_command("check_links", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def partners(site, fast_settings):
    """Two partners' materials: one fine, one 404 and one 500 link."""
    tree = site_tree()
    first, second = PartnerFactory(slug="first"), PartnerFactory(slug="second")
    for partner, path in ((first, "/ok"), (first, "/missing"), (second, "/error")):
        publish(
            MaterialPageFactory(parent=tree.materials, partner=partner, original_url=site.url(path))
        )
    return first, second


def test_it_checks_everything_and_counts(partners, site):
    assert run() == "3 checked, 2 broken\n"
    assert CheckedLink.objects.count() == 3
    assert site.hits[("HEAD", "/error")] == 2  # LINK_CHECK_ATTEMPTS


def test_verbose_output_names_the_broken_links(partners, site):
    output = run("-v", "2")
    assert f"broken: {site.url('/missing')}" in output
    assert f"broken: {site.url('/error')}" in output
    assert site.url("/ok") not in output
    assert output.endswith("3 checked, 2 broken\n")


def test_partner_narrows_the_check(partners, site):
    assert run("--partner", "first") == "2 checked, 1 broken\n"
    assert site.hits[("HEAD", "/error")] == 0


def test_url_fragments_narrow_the_check(partners):
    assert run("--url-contains", "MISSING") == "1 checked, 1 broken\n"
    assert run("--url-contains", "/ok", "--url-contains", "/error") == "2 checked, 1 broken\n"
    assert run("--url-contains", "nowhere.example") == "0 checked, 0 broken\n"


def test_an_unknown_partner_is_refused_with_the_known_ones(partners):
    with pytest.raises(CommandError) as refused:
        run("--partner", "nobody")
    message = str(refused.value)
    assert "Unknown partner 'nobody'" in message
    assert "first" in message and "second" in message
    assert not CheckedLink.objects.exists()  # nothing was checked


def test_an_empty_url_fragment_is_refused(partners):
    with pytest.raises(CommandError, match="--url-contains needs some text"):
        run("--url-contains", "  ")
    assert not CheckedLink.objects.exists()


def test_enqueue_hands_the_check_to_the_worker(partners, database_tasks):
    output = run("--enqueue", "--partner", "second")
    assert output.startswith("Link check queued (")
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "link_check.tasks.check_links"
    assert queued.args_kwargs["kwargs"]["partner"] == "second"
    assert not CheckedLink.objects.exists()  # nothing checked until the worker runs it


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--partner"], "expected one argument"),
        (["--no-such-option"], "unrecognized arguments"),
        (["positional"], "unrecognized arguments"),
    ],
)
def test_malformed_arguments_exit_non_zero_from_the_shell(args, message):
    done = subprocess.run(
        [sys.executable, "manage.py", "check_links", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr
