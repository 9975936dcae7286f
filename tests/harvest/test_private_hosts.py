"""Harvests reach public repositories only (HARVEST_ALLOW_PRIVATE_HOSTS off, the default):
an editor's URL cannot make the server probe its own network, directly or by a redirect.
The other harvest tests turn the setting on, because their repository runs on 127.0.0.1."""

import pytest

from harvest import fetch
from harvest.fetch import HarvestFailed, http_get, refuse_private_host
from harvest.models import HarvestRun

pytestmark = pytest.mark.django_db

PARAMS = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}


@pytest.fixture(autouse=True)
def private_hosts_refused(settings):
    settings.HARVEST_ALLOW_PRIVATE_HOSTS = False


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/oai",
        "http://localhost/oai",
        "http://10.1.2.3/oai",
        "http://192.168.0.10/oai",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8080/oai",
        "http://0.0.0.0/oai",
    ],
)
def test_non_public_addresses_are_refused(url):
    with pytest.raises(HarvestFailed, match="is not a public address"):
        refuse_private_host(url)


def test_a_public_address_and_an_unknown_host_pass_the_check():
    refuse_private_host("http://93.184.215.14/oai")  # a global address, not asked
    refuse_private_host("http://no-such-host.invalid/oai")  # the request reports it


def test_the_request_is_never_made(oai_server):
    oai_server.route({}, "eprints.xml")
    with pytest.raises(HarvestFailed, match=r"127\.0\.0\.1 is not a public address"):
        http_get(oai_server.url, PARAMS)
    assert oai_server.requests == []


def test_a_redirect_to_a_private_address_is_not_followed(oai_server, monkeypatch):
    """The test repository itself stands in for a public one; it redirects inward."""
    checked = refuse_private_host

    def public_test_server(url):
        if not url.startswith(oai_server.url):
            checked(url)

    monkeypatch.setattr(fetch, "refuse_private_host", public_test_server)
    oai_server.route({}, b"", status=302, location="http://169.254.169.254/latest/meta-data/")
    with pytest.raises(HarvestFailed, match=r"169\.254\.169\.254 is not a public address"):
        http_get(oai_server.url, PARAMS)
    assert len(oai_server.requests) == 1


def test_the_form_refuses_a_private_address(admin_client, vocabulary, oai_server):
    response = admin_client.post(
        "/admin/reports/harvests/start/",
        {
            "base_url": oai_server.url,
            "metadata_prefix": "oai_dc",
            "partner": "de-stem-centre",
            "country": "DE",
            "ages": "12-15",
        },
    )
    assert response.status_code == 400
    assert "is not a public address" in response.content.decode()
    assert not HarvestRun.objects.exists() and oai_server.requests == []
