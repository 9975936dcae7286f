"""One spelling per address."""

import pytest

from link_check.addresses import host_of, normalise


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Example.ORG", "https://example.org/"),
        ("https://example.org:443/a/B?x=1#part", "https://example.org/a/B?x=1"),
        ("http://example.org:80/", "http://example.org/"),
        ("http://example.org:8080/p", "http://example.org:8080/p"),
        ("  https://example.org/x  ", "https://example.org/x"),
        ("http://user:secret@example.org/x", "http://example.org/x"),
        ("http://[::1]:8000/", "http://[::1]:8000/"),
    ],
)
def test_addresses_are_normalised(url, expected):
    assert normalise(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "mailto:someone@example.org",
        "/materials/x/",
        "ftp://example.org/f",
        "https://",
        "",
        "http://e.org:port/",
    ],
)
def test_what_is_not_a_web_address_is_left_out(url):
    assert normalise(url) is None


def test_the_host_includes_a_port():
    assert host_of("http://127.0.0.1:8123/ok") == "127.0.0.1:8123"
