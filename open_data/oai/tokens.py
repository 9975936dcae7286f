"""Resumption tokens: the whole state of a list request, signed and time-limited.

The token carries the original arguments and the position in the list, so the server
keeps no session state. It is signed with django.core.signing: a harvester (or anyone)
who edits a token to change the set, the window or the position gets badResumptionToken
instead of a silently different list. The position is the last page primary key sent
(keyset pagination over pages ordered by pk), so records published or withdrawn during
a harvest never shift the rest of the list; the cursor is kept for the response only.
"""

from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing

from open_data.oai.protocol import BAD_RESUMPTION_TOKEN, OAIError

SALT = "open_data.oai.resumption-token"


def max_age() -> int:
    """Seconds a token stays valid: long enough for a slow harvest, short enough to expire."""
    return settings.OAI_RESUMPTION_TOKEN_MAX_AGE


@dataclass(frozen=True)
class ListState:
    """Where a list request stands: its arguments, the last pk sent, how many were sent."""

    verb: str
    metadata_prefix: str | None = None
    date_from: str | None = None
    date_until: str | None = None
    set_spec: str | None = None
    after: int = 0
    cursor: int = 0

    def advanced(self, last_pk: int, sent: int) -> "ListState":
        return replace(self, after=last_pk, cursor=self.cursor + sent)


def issue(state: ListState) -> str:
    return signing.dumps(asdict(state), salt=SALT, compress=True)


def expiration_date(now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) + timedelta(seconds=max_age())


def read(token: str, verb: str) -> ListState:
    """The state a token was issued with, for this verb only; else badResumptionToken."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        raise OAIError(BAD_RESUMPTION_TOKEN, "The resumptionToken has expired.") from None
    except signing.BadSignature:
        raise OAIError(
            BAD_RESUMPTION_TOKEN, "The resumptionToken was not issued by this repository."
        ) from None
    try:
        state = ListState(**payload)
    except TypeError:  # signed by an older version with other fields
        raise OAIError(BAD_RESUMPTION_TOKEN, "The resumptionToken is no longer valid.") from None
    if state.verb != verb:
        raise OAIError(BAD_RESUMPTION_TOKEN, f"The resumptionToken was not issued for {verb}.")
    return state
