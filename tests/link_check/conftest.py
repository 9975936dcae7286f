"""The local server, a checker that never waits for real (its pauses are recorded), and
two guards: no test reaches past this machine, and no test checks pages it did not build.
"""

import pytest
from urllib3.util import connection

from link_check.politeness import HostRateLimiter, RetryPolicy
from link_check.probe import new_session
from link_check.run import Checker
from materials.models import CataloguePage, MaterialPage, ReviewPage
from repo_site.settings.tasks import task_settings
from tests.link_check import server as link_server

# Short enough for a fast suite, long enough for a loaded machine's local answers.
TIMEOUT = 0.5


LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@pytest.fixture(autouse=True)
def no_real_network(monkeypatch):
    """Refuse, and fail the test on, any connection to a host other than this machine."""
    refused: list[str] = []
    connect = connection.create_connection

    def local_only(address, *args, **kwargs):
        if address[0] not in LOCAL_HOSTS:
            refused.append(f"{address[0]}:{address[1]}")
            raise OSError(f"no test may reach {address[0]}")
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(connection, "create_connection", local_only)
    yield
    assert not refused, f"a test tried to reach the network: {refused}"


def hide_existing_pages() -> None:
    """Take the pages already in the database (the demo's, when the session seeded it for
    the tests that read it) out of the live set, inside the current transaction: their
    links point at real sites, and a test checks only the pages it builds."""
    for model in (MaterialPage, CataloguePage, ReviewPage):
        model.objects.filter(live=True).update(live=False)


@pytest.fixture(autouse=True)
def only_own_pages(request):
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db")
    hide_existing_pages()


@pytest.fixture(scope="session")
def link_site():
    server = link_server.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(link_site):
    link_site.reset()
    return link_site


class FakeTime:
    """A clock that only moves when something sleeps, and the list of those sleeps."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time():
    return FakeTime()


def make_checker(fake_time, *, attempts=3, backoff=1.0, interval=0.0) -> Checker:
    session = new_session(max_redirects=5)
    session.trust_env = False  # no proxy from the environment: the server is local
    return Checker(
        session=session,
        timeout=TIMEOUT,
        policy=RetryPolicy(attempts, backoff),
        limiter=HostRateLimiter(interval, clock=fake_time.clock, sleep=fake_time.sleep),
        sleep=fake_time.sleep,
    )


@pytest.fixture
def checker(fake_time):
    return make_checker(fake_time)


@pytest.fixture
def fast_settings(settings):
    """For code that builds its checker from settings (the command, the task, the admin):
    a short timeout, no pauses."""
    settings.LINK_CHECK_TIMEOUT = TIMEOUT
    settings.LINK_CHECK_ATTEMPTS = 2
    settings.LINK_CHECK_BACKOFF = 0.0
    settings.LINK_CHECK_HOST_INTERVAL = 0.0
    settings.LINK_CHECK_MAX_REDIRECTS = 5
    return settings


@pytest.fixture
def database_tasks(settings):
    """Tasks queued as rows of the database backend, as in production, not run at once."""
    settings.TASKS = task_settings("database")
