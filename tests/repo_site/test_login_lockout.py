"""django-axes: ten failed logins for one username from one address lock that pair out,
with a translated message; `manage.py axes_reset_username` (or `axes_reset`) unlocks."""

import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-42"
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("lock-test-editor", "e@example.org", PASSWORD)


@pytest.fixture
def other_editor(db):
    return get_user_model().objects.create_superuser("lock-test-other", "o@example.org", PASSWORD)


def login(client, username, password, address=ATTACKER, language="en"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def fail(client, username, times, address=ATTACKER):
    return [login(client, username, "wrong", address).status_code for _ in range(times)]


def test_nine_failures_still_let_the_right_password_in(client, editor):
    assert fail(client, editor.username, 9) == [200] * 9
    assert logged_in(login(client, editor.username, PASSWORD))


def test_ten_failures_lock_the_username_from_that_address(client, editor):
    statuses = fail(client, editor.username, 10)
    assert statuses[:9] == [200] * 9
    assert statuses[9] == 429

    locked = login(client, editor.username, PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed login attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_message_is_translated(client, editor):
    fail(client, editor.username, 10)
    for language, text in [
        ("de", "Zu viele fehlgeschlagene Anmeldeversuche"),
        ("nl", "Te veel mislukte inlogpogingen"),
        ("cs", "Příliš mnoho neúspěšných pokusů o přihlášení"),
        ("el", "Πάρα πολλές αποτυχημένες προσπάθειες σύνδεσης"),
    ]:
        response = login(client, editor.username, PASSWORD, language=language)
        assert response.status_code == 429
        assert text in response.content.decode(), language


def test_the_lock_holds_one_username_from_one_address_only(client, editor, other_editor):
    fail(client, editor.username, 10)
    # The attacker's other targets, and the editor from their own address, are not locked.
    assert logged_in(login(client, other_editor.username, PASSWORD))
    client.logout()
    assert logged_in(login(client, editor.username, PASSWORD, address=COLLEAGUE))


@pytest.mark.parametrize(
    "command",
    [("axes_reset_username", "lock-test-editor"), ("axes_reset_ip", ATTACKER), ("axes_reset",)],
)
def test_the_unlock_commands_lift_the_lock(client, editor, command):
    fail(client, editor.username, 10)
    assert login(client, editor.username, PASSWORD).status_code == 429

    call_command(*command, stdout=io.StringIO())

    assert logged_in(login(client, editor.username, PASSWORD))


def test_behind_the_proxy_the_address_the_proxy_saw_counts(client, editor, settings):
    settings.BEHIND_TLS_PROXY = True
    for _ in range(10):
        client.post(
            "/admin/login/",
            {"username": editor.username, "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}",  # the first entry is the client's word
        )
    # The same proxy forwarding another client: not locked.
    response = client.post(
        "/admin/login/",
        {"username": editor.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=f"1.2.3.4, {COLLEAGUE}",
    )
    assert logged_in(response)
    client.logout()
    response = client.post(
        "/admin/login/",
        {"username": editor.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=ATTACKER,
    )
    assert response.status_code == 429
