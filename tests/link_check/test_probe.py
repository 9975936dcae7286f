"""One check of one address against every answer the local server gives."""

import socket

import pytest

from link_check.models import LinkError
from link_check.probe import new_session, probe
from tests.link_check.conftest import TIMEOUT


@pytest.fixture
def session():
    session = new_session(max_redirects=5)
    session.trust_env = False
    return session


def test_a_200_is_fine(site, session):
    outcome = probe(session, site.url("/ok"), TIMEOUT)
    assert (outcome.status_code, outcome.error, outcome.final_url) == (200, "", "")
    assert not outcome.broken
    assert site.hits[("HEAD", "/ok")] == 1 and site.hits[("GET", "/ok")] == 0


def test_a_permanent_redirect_to_a_200_is_fine_and_its_end_is_recorded(site, session):
    outcome = probe(session, site.url("/moved"), TIMEOUT)
    assert outcome.status_code == 200 and not outcome.broken
    assert outcome.final_url == site.url("/ok")


def test_a_chain_of_308_and_301_records_where_it_ends(site, session):
    outcome = probe(session, site.url("/moved-twice"), TIMEOUT)
    assert (outcome.status_code, outcome.final_url) == (200, site.url("/ok"))


def test_a_temporary_redirect_is_fine_but_not_recorded(site, session):
    outcome = probe(session, site.url("/temporary"), TIMEOUT)
    assert (outcome.status_code, outcome.final_url, outcome.broken) == (200, "", False)


@pytest.mark.parametrize(("path", "status"), [("/missing", 404), ("/error", 500)])
def test_client_and_server_errors_are_broken(site, session, path, status):
    outcome = probe(session, site.url(path), TIMEOUT)
    assert (outcome.status_code, outcome.broken) == (status, True)


def test_a_server_refusing_head_is_asked_with_get(site, session):
    outcome = probe(session, site.url("/no-head"), TIMEOUT)
    assert (outcome.status_code, outcome.broken) == (200, False)
    assert site.hits[("HEAD", "/no-head")] == 1
    assert site.hits[("GET", "/no-head")] == 1


def test_a_server_slower_than_the_timeout_is_broken(site, session):
    outcome = probe(session, site.url("/slow"), TIMEOUT)
    assert (outcome.status_code, outcome.error, outcome.broken) == (None, LinkError.TIMEOUT, True)
    assert outcome.transient


def test_a_redirect_loop_is_broken(site, session):
    outcome = probe(session, site.url("/loop"), TIMEOUT)
    assert (outcome.error, outcome.broken, outcome.transient) == (
        LinkError.TOO_MANY_REDIRECTS,
        True,
        False,
    )


def test_a_closed_port_is_a_connection_error():
    with socket.socket() as closed:  # bound, never listening: connections are refused
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        session = new_session(max_redirects=5)
        session.trust_env = False
        outcome = probe(session, f"http://127.0.0.1:{port}/", TIMEOUT)
    assert (outcome.error, outcome.broken, outcome.transient) == (LinkError.CONNECTION, True, True)


def test_an_unparseable_address_is_invalid(session):
    outcome = probe(session, "http://exa mple.org:notaport/", TIMEOUT)
    assert outcome.error == LinkError.INVALID and outcome.broken
