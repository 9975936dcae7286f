"""A material's PD uses summed up: for the material page (one query, with the latest uses)
and for records in bulk (one query for any number of materials).

Uses are keyed by the material's translation_key (materials.models.pd_uses), so every
language version reports the same numbers.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Count, Sum
from django.utils.translation import gettext, ngettext

from materials.kept_terms import TermTable
from materials.models.partners import Partner
from materials.models.pd_uses import PDUse
from materials.record import NO_USE, UsageRecord

LATEST_USES = 5


@dataclass(frozen=True)
class MaterialUsage:
    summary: UsageRecord
    latest: list  # PDUse objects, newest first, with their partner loaded


def summarise(uses: Iterable) -> UsageRecord:
    uses = list(uses)
    return UsageRecord(
        uses=len(uses),
        countries=len({str(use.country) for use in uses}),
        teachers=sum(use.teachers for use in uses),
    )


def material_usage(translation_key: UUID, table: TermTable | None = None) -> MaterialUsage:
    """Every use of one material in one query (a material has tens, not thousands), summed
    here rather than by a second aggregate query. The latest uses show their partner: from
    the kept terms when there are some (materials.kept_terms), else joined in the query."""
    query = PDUse.objects.filter(translation_key=translation_key).order_by("-date", "-pk")
    if table is None:
        query = query.select_related("partner")
    uses = list(query)
    latest = uses[:LATEST_USES]
    if table is not None:
        if not table.knows(Partner, {use.partner_id for use in latest}):
            return material_usage(translation_key)
        for use in latest:
            use.partner = table.term(Partner, use.partner_id)
    return MaterialUsage(summarise(uses), latest)


def usage_records(translation_keys: Iterable[UUID]) -> dict[UUID, UsageRecord]:
    """Summaries of the given materials in one aggregate query; absent keys have no use."""
    rows = (
        PDUse.objects.filter(translation_key__in=set(translation_keys))
        .values("translation_key")
        .annotate(
            uses=Count("pk"), countries=Count("country", distinct=True), teachers=Sum("teachers")
        )
        .order_by()
    )
    return {
        row["translation_key"]: UsageRecord(row["uses"], row["countries"], row["teachers"] or 0)
        for row in rows
    }


def usage_sentence(summary: UsageRecord) -> str:
    """ "Used in 12 PD activities in 5 countries, about 300 teachers", in the active language,
    each number with its own plural form."""
    if summary == NO_USE:
        return ""
    activities = ngettext("%(count)d PD activity", "%(count)d PD activities", summary.uses) % {
        "count": summary.uses
    }
    countries = ngettext("%(count)d country", "%(count)d countries", summary.countries) % {
        "count": summary.countries
    }
    teachers = ngettext("about %(count)d teacher", "about %(count)d teachers", summary.teachers) % {
        "count": summary.teachers
    }
    return gettext("Used in %(activities)s in %(countries)s, %(teachers)s.") % {
        "activities": activities,
        "countries": countries,
        "teachers": teachers,
    }
