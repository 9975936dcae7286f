"""One editors group per partner, allowed to record that partner's PD uses.

Idempotent: run it after adding partners. Administrators then put a centre's staff in its
group (Settings > Groups or Users); the group's link to the partner is what limits them to
their own partner's uses (pd_uses.permissions).
"""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Locale

from materials.models import Partner
from pd_uses.models import PartnerGroup

ACTIONS = ("add", "change", "delete", "view")


class Command(BaseCommand):
    help = "Create a 'PD uses: <partner>' group per partner with the PD use permissions."

    @transaction.atomic
    def handle(self, *args, **options):
        permissions = list(
            Permission.objects.filter(
                content_type__app_label="materials",
                codename__in=[f"{action}_pduse" for action in ACTIONS],
            )
        ) + [
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        ]
        created = 0
        for partner in Partner.objects.filter(locale=Locale.get_default()):
            link = PartnerGroup.objects.filter(partner=partner).select_related("group").first()
            if link is None:
                group, _new = Group.objects.get_or_create(name=f"PD uses: {partner.slug}")
                link = PartnerGroup.objects.create(group=group, partner=partner)
                created += 1
            link.group.permissions.add(*permissions)
        self.stdout.write(f"{created} partner group(s) created.")
