"""Safe curation (the curation app's safe_delete and term_merge): each test builds its own
site with tests.factories; nothing here reads the demo."""

import pytest

from django.contrib.auth.models import Group

from tests import factories

ROLES = ("admin", "editor", "translator", "anonymous")


@pytest.fixture
def editor(django_user_model):
    """A member of Wagtail's Editors group: pages and documents, no taxonomy deletes."""
    user = django_user_model.objects.create_user("safe-editor", password="unused")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def login(client, admin_user, editor):
    """Log `client` in as one of ROLES; returns the user (None for anonymous)."""

    def as_role(role):
        user = {
            "admin": lambda: admin_user,
            "editor": lambda: editor,
            "translator": lambda: factories.translator("de"),
            "anonymous": lambda: None,
        }[role]()
        if user is not None:
            client.force_login(user)
        return user

    return as_role


def assert_refused(response, role):
    """A user without the permission: the login page for anonymous, else 403 or Wagtail's
    redirect to the dashboard."""
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert factories.refused(response), response.status_code
