"""Retries with exponential backoff and the per-host pause, with the clock and the sleep
injected: attempts are counted on the server, pauses in the fake clock."""

from link_check.politeness import HostRateLimiter, RetryPolicy, with_retries
from link_check.probe import Outcome
from tests.link_check.conftest import make_checker


def test_a_server_error_is_tried_again_after_pauses_that_double(site, fake_time):
    checker = make_checker(fake_time, attempts=4, backoff=1.5)
    outcome = checker.check(site.url("/error"), "127.0.0.1")
    assert outcome.status_code == 500
    assert site.hits[("HEAD", "/error")] == 4
    assert fake_time.sleeps == [1.5, 3.0, 6.0]


def test_a_timeout_is_tried_again(site, fake_time):
    checker = make_checker(fake_time, attempts=2, backoff=1.0)
    outcome = checker.check(site.url("/slow"), "127.0.0.1")
    assert outcome.error == "timeout"
    assert site.hits[("HEAD", "/slow")] == 2
    assert fake_time.sleeps == [1.0]


def test_a_server_that_recovers_is_fine_on_a_later_attempt(site, fake_time):
    site.flaky_failures = 2
    checker = make_checker(fake_time, attempts=3, backoff=1.0)
    outcome = checker.check(site.url("/flaky"), "127.0.0.1")
    assert (outcome.status_code, outcome.broken) == (200, False)
    assert site.hits[("HEAD", "/flaky")] == 3
    assert fake_time.sleeps == [1.0, 2.0]


def test_a_404_is_not_asked_again(site, fake_time):
    checker = make_checker(fake_time, attempts=3)
    assert checker.check(site.url("/missing"), "127.0.0.1").status_code == 404
    assert site.hits[("HEAD", "/missing")] == 1
    assert fake_time.sleeps == []


def test_retries_stop_at_the_first_answer_that_is_not_transient():
    answers = iter([Outcome(status_code=503), Outcome(status_code=404), Outcome(status_code=200)])
    sleeps = []
    outcome = with_retries(lambda: next(answers), RetryPolicy(5, 2.0), sleeps.append)
    assert outcome.status_code == 404
    assert sleeps == [2.0]


def test_the_same_host_waits_other_hosts_do_not(fake_time):
    limiter = HostRateLimiter(2.0, clock=fake_time.clock, sleep=fake_time.sleep)
    limiter.wait("a.example")
    limiter.wait("b.example")
    assert fake_time.sleeps == []
    limiter.wait("a.example")
    assert fake_time.sleeps == [2.0]
    fake_time.now += 5  # long after: no wait
    limiter.wait("a.example")
    assert fake_time.sleeps == [2.0]
    limiter.wait("a.example")
    limiter.wait("a.example")
    assert fake_time.sleeps == [2.0, 2.0, 2.0]


def test_a_run_pauses_between_requests_to_the_local_host(site, fake_time):
    checker = make_checker(fake_time, interval=0.75)
    for path in ("/ok", "/missing", "/ok"):
        checker.check(site.url(path), "127.0.0.1")
    assert fake_time.sleeps == [0.75, 0.75]
