"""The admin users the harvest screens are tried with, and who may use them (those who may
import materials)."""

from django.contrib.auth.models import Group, Permission

from tests.factories import team_member


def user_in(django_user_model, name, *groups, superuser=False):
    if superuser:
        return django_user_model.objects.create_superuser(name, f"{name}@example.org", "unused")
    user = django_user_model.objects.create_user(name, password="unused")
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    return user


def admin_only_user(django_user_model):
    user = django_user_model.objects.create_user("admin-access-only", password="unused")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


USERS = {
    "superuser": lambda m: user_in(m, "root", superuser=True),
    "editor": lambda m: user_in(m, "editor", "Editors"),
    "moderator": lambda m: user_in(m, "moderator", "Moderators"),
    "translator": lambda m: team_member("translators", "de"),
    "reviewer": lambda m: team_member("reviewers", "de"),
    "admin access only": admin_only_user,
}
MAY_SEE = {"superuser", "editor", "moderator"}
