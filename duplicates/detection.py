"""Flagging likely duplicates of one material: the entry point for every way materials
arrive.

`flag_duplicates_of(page)` is what imports, edits and harvests call (edits and imports
through the revision signal in duplicates.signals; a harvest may call it directly after
saving its drafts). It refreshes the material's fingerprint from its latest revision, asks
the database for the materials sharing its normalised URL, one of its file hashes, or its
partner and year (whose titles are then compared), and records each pair with its reasons.

Cost: a handful of indexed queries per material, whatever the number of materials; only
the titles of the same partner and year are compared in Python. A URL or a file shared by
more than COMMON_VALUE_LIMIT other materials is boilerplate (a partner's home page given as
every material's URL, a licence leaflet attached to all of them), not a sign of a
duplicate: it flags nothing, so the queue never fills with every pair of such materials.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count

from duplicates.fingerprints import source_version, write_fingerprint
from duplicates.models import DuplicatePair, FileFingerprint, MaterialFingerprint, Reason
from duplicates.normalise import SIMILAR_TITLE_THRESHOLD, title_similarity

COMMON_VALUE_LIMIT = 20


@dataclass
class Match:
    reasons: set[str] = field(default_factory=set)
    title_similarity: float | None = None


def candidates(
    page_id: int, fingerprint: MaterialFingerprint, hashes: set[str]
) -> dict[int, Match]:
    """Other fingerprinted materials sharing a value with this one: {page id: Match}."""
    matches: dict[int, Match] = {}
    others = MaterialFingerprint.objects.exclude(page_id=page_id)
    if fingerprint.url_key:
        same_url = list(
            others.filter(url_key=fingerprint.url_key).values_list("page_id", flat=True)[
                : COMMON_VALUE_LIMIT + 1
            ]
        )
        if len(same_url) <= COMMON_VALUE_LIMIT:
            for other in same_url:
                matches.setdefault(other, Match()).reasons.add(Reason.URL)
    if hashes:
        with_file = FileFingerprint.objects.exclude(page_id=page_id)
        shared_by = (
            with_file.filter(sha256__in=hashes)
            .values("sha256")
            .annotate(materials=Count("page_id", distinct=True))
            .values_list("sha256", "materials")
        )
        rare = [sha256 for sha256, materials in shared_by if materials <= COMMON_VALUE_LIMIT]
        if rare:
            same_files = with_file.filter(sha256__in=rare).values_list("page_id", flat=True)
            for other in same_files.distinct():
                matches.setdefault(other, Match()).reasons.add(Reason.FILE)
    if fingerprint.partner_pk and fingerprint.year and fingerprint.title_key:
        same_partner_year = others.filter(
            partner_pk=fingerprint.partner_pk, year=fingerprint.year
        ).values_list("page_id", "title_key")
        for other, title_key in same_partner_year:
            similarity = title_similarity(fingerprint.title_key, title_key)
            if similarity >= SIMILAR_TITLE_THRESHOLD:
                match = matches.setdefault(other, Match())
                match.reasons.add(Reason.TITLE)
                match.title_similarity = round(similarity, 3)
    return matches


def record_pair(page_id: int, other_id: int, match: Match) -> DuplicatePair | None:
    """Store the pair once (lower id first); a pending pair gains new reasons, a decided
    one is left as decided. Returns the pair when it is pending."""
    first, second = sorted((page_id, other_id))
    reasons = sorted(match.reasons)
    try:
        with transaction.atomic():
            pair, created = DuplicatePair.objects.get_or_create(
                first_id=first,
                second_id=second,
                defaults={"reasons": reasons, "title_similarity": match.title_similarity},
            )
    except IntegrityError:  # flagged at the same moment by another save
        pair, created = DuplicatePair.objects.get(first_id=first, second_id=second), False
    if created:
        return pair
    if not pair.is_pending:
        return None
    merged = sorted(set(pair.reasons) | match.reasons)
    if merged != pair.reasons or (match.title_similarity and not pair.title_similarity):
        pair.reasons = merged
        pair.title_similarity = match.title_similarity or pair.title_similarity
        pair.save(update_fields=["reasons", "title_similarity"])
    return pair


def flag_duplicates_of(page, content=None) -> list[DuplicatePair]:
    """Flag the likely duplicates of the material `page` (any language version of it) and
    return its pending pairs found now.

    `content` is the material as it is being saved (a revision's object); by default its
    latest revision. A material without a source-language version has no fingerprint and
    flags nothing: a translation is compared through its source.
    """
    source = source_version(page)
    if source is None:
        return []
    if content is None or content.pk != source.pk:
        content = source.get_latest_revision_as_object()
    fingerprint, hashes = write_fingerprint(source.pk, content)
    pairs = []
    for other_id, match in sorted(candidates(source.pk, fingerprint, hashes).items()):
        pair = record_pair(source.pk, other_id, match)
        if pair is not None:
            pairs.append(pair)
    return pairs
