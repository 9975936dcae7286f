"""Writing an editor's decision on a flagged pair.

"Same material" and "not a duplicate" close the pair; "version of" and "adaptation of"
also record the lineage between the two materials (materials.models.MaterialLineage),
which both material pages show in every language. The pair and the link are written
together or not at all, and a pair is decided once: a second decision is refused, so two
editors deciding at the same moment cannot both write.
"""

from django.db import transaction
from django.utils import timezone

from duplicates.models import Decision, DuplicatePair
from materials.models import LineageKind, MaterialLineage

LINEAGE_KINDS = {Decision.VERSION: LineageKind.VERSION, Decision.ADAPTATION: LineageKind.ADAPTATION}


class AlreadyDecided(Exception):
    pass


def decide(pair_id: int, cleaned: dict, user) -> DuplicatePair:
    """Apply the checked form data (duplicates.forms.DecisionForm) to the pair."""
    with transaction.atomic():
        pair = DuplicatePair.objects.select_for_update().get(pk=pair_id)
        if not pair.is_pending:
            raise AlreadyDecided
        decision = cleaned["decision"]
        pair.decision = decision
        pair.decided_by = user
        pair.decided_at = timezone.now()
        pair.save(update_fields=["decision", "decided_by", "decided_at"])
        if decision in LINEAGE_KINDS:
            derived = cleaned["derived"]
            original = pair.second_id if derived == pair.first_id else pair.first_id
            adaptation = decision == Decision.ADAPTATION
            MaterialLineage.objects.update_or_create(
                original_id=original,
                derived_id=derived,
                defaults={
                    "kind": LINEAGE_KINDS[decision],
                    "country": cleaned.get("country", "") if adaptation else "",
                    "diversity_dimension_id": cleaned.get("dimension") if adaptation else None,
                },
            )
    return pair
