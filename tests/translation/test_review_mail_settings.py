"""Where review e-mails come from and go through, per environment (read in fresh interpreters,
as settings are read once per process)."""

import pytest

from tests.repo_site.test_settings import (
    PRODUCTION,
    SETUP,
    clean_env,
    read_setting,
    run_python,
    strong_secret,
)

MAIL_SETTINGS = (
    "(settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL, settings.DEFAULT_FROM_EMAIL,"
    " settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT,"
    " settings.WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS)"
)


def production(**variables):
    return clean_env(PRODUCTION, SECRET_KEY=strong_secret(), **variables)


def test_production_sends_from_the_sites_own_domain_by_default():
    env = production(ALLOWED_HOSTS="*.cdn.example, .materials.example.org")
    assert read_setting(MAIL_SETTINGS, env) == repr(
        (
            "noreply@materials.example.org",
            "noreply@materials.example.org",
            "django.core.mail.backends.smtp.EmailBackend",
            "localhost",
            25,
            True,
        )
    )


def test_production_takes_addresses_and_smtp_server_from_the_environment():
    env = production(
        ALLOWED_HOSTS="materials.example.org",
        DEFAULT_FROM_EMAIL="site@example.org",
        NOTIFICATION_FROM_EMAIL="reviews@example.org",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        NOTIFY_ADMINS_OF_REVIEWS="false",
    )
    assert read_setting(MAIL_SETTINGS, env) == repr(
        (
            "reviews@example.org",
            "site@example.org",
            "django.core.mail.backends.smtp.EmailBackend",
            "smtp.example.org",
            587,
            False,
        )
    )


@pytest.mark.parametrize("port", ["smtp", "2 5"])
def test_a_bad_smtp_port_stops_production_with_the_variables_name(port):
    result = run_python(["-c", SETUP], production(ALLOWED_HOSTS="a.org", EMAIL_PORT=port))
    assert result.returncode != 0
    assert "EMAIL_PORT" in result.stderr


def test_development_prints_review_mail_on_the_console():
    env = clean_env("repo_site.settings.dev")
    assert read_setting("settings.EMAIL_BACKEND", env) == repr(
        "django.core.mail.backends.console.EmailBackend"
    )
