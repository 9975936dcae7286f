"""Validation of OAI-PMH request arguments, before any query runs.

Every malformed request is answered with a protocol error (HTTP 200), never a 500, so a
harvester always receives a response it can parse. Arguments are checked in the order of
the specification: verb, then argument names, then values.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

BAD_VERB = "badVerb"
BAD_ARGUMENT = "badArgument"
BAD_RESUMPTION_TOKEN = "badResumptionToken"
CANNOT_DISSEMINATE_FORMAT = "cannotDisseminateFormat"
ID_DOES_NOT_EXIST = "idDoesNotExist"
NO_RECORDS_MATCH = "noRecordsMatch"
NO_METADATA_FORMATS = "noMetadataFormats"

# The spec: on badVerb and badArgument the <request> element carries no attributes,
# because the arguments themselves are what is wrong.
UNECHOED_ERRORS = {BAD_VERB, BAD_ARGUMENT}

RESUMPTION_TOKEN = "resumptionToken"

# Patterns of the OAI-PMH schema: a value outside them could not be echoed in <request>.
METADATA_PREFIX_PATTERN = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
SET_SPEC_PATTERN = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
# Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/F).
XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

DAY_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
SECOND_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


class OAIError(Exception):
    """A protocol error or exception condition, answered as <error code="...">."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def echoes_arguments(self) -> bool:
        return self.code not in UNECHOED_ERRORS


@dataclass(frozen=True)
class VerbArguments:
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    exclusive: str | None = None

    @property
    def allowed(self) -> frozenset[str]:
        return self.required | self.optional | ({self.exclusive} - {None})


_LIST_ARGUMENTS = VerbArguments(
    required=frozenset({"metadataPrefix"}),
    optional=frozenset({"from", "until", "set"}),
    exclusive=RESUMPTION_TOKEN,
)
VERBS = {
    "Identify": VerbArguments(),
    "ListMetadataFormats": VerbArguments(optional=frozenset({"identifier"})),
    "ListSets": VerbArguments(exclusive=RESUMPTION_TOKEN),
    "GetRecord": VerbArguments(required=frozenset({"identifier", "metadataPrefix"})),
    "ListIdentifiers": _LIST_ARGUMENTS,
    "ListRecords": _LIST_ARGUMENTS,
}


@dataclass(frozen=True)
class OAIRequest:
    verb: str
    arguments: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        return self.arguments.get(name)


@dataclass(frozen=True)
class DateRange:
    """Datestamps from `start` (inclusive) to `end` (exclusive); None means open.

    Datestamps are shown truncated to the second, so `until` covers its whole second
    (or its whole day at day granularity): what a harvester sees is what it selects.
    """

    start: datetime | None = None
    end: datetime | None = None


def parse_request(arguments: dict[str, list[str]]) -> OAIRequest:
    """Validate the raw arguments (name -> every value given) into one OAIRequest."""
    verbs = arguments.get("verb", [])
    if not verbs:
        raise OAIError(BAD_VERB, "The request has no verb argument.")
    if len(verbs) > 1:
        raise OAIError(BAD_VERB, "The verb argument is repeated.")
    verb = verbs[0]
    if verb not in VERBS:
        raise OAIError(BAD_VERB, "The verb argument is not an OAI-PMH verb.")
    spec = VERBS[verb]

    values = {}
    for name, given in arguments.items():
        if name == "verb":
            continue
        if name not in spec.allowed:
            raise OAIError(BAD_ARGUMENT, f"{verb} does not accept the argument {_quote(name)}.")
        if len(given) > 1:
            raise OAIError(BAD_ARGUMENT, f"The argument {name} is repeated.")
        if XML_ILLEGAL.search(given[0]):
            raise OAIError(BAD_ARGUMENT, f"The argument {name} contains illegal characters.")
        values[name] = given[0]

    if spec.exclusive and spec.exclusive in values:
        if len(values) > 1:
            raise OAIError(
                BAD_ARGUMENT, f"{spec.exclusive} is an exclusive argument: send it alone."
            )
        return OAIRequest(verb, values)

    missing = sorted(spec.required - values.keys())
    if missing:
        raise OAIError(BAD_ARGUMENT, f"{verb} requires the argument(s) {', '.join(missing)}.")
    if "identifier" in values and not values["identifier"]:
        raise OAIError(BAD_ARGUMENT, "The identifier argument is empty.")
    if "metadataPrefix" in values and not METADATA_PREFIX_PATTERN.fullmatch(
        values["metadataPrefix"]
    ):
        raise OAIError(BAD_ARGUMENT, "The metadataPrefix argument has an illegal syntax.")
    if "set" in values and not SET_SPEC_PATTERN.fullmatch(values["set"]):
        raise OAIError(BAD_ARGUMENT, "The set argument is not a valid setSpec.")
    parse_date_range(values.get("from"), values.get("until"))
    return OAIRequest(verb, values)


def parse_date_range(date_from: str | None, date_until: str | None) -> DateRange:
    """The selective-harvesting window; both bounds at the same granularity, from <= until."""
    start = _parse_datestamp("from", date_from) if date_from is not None else None
    until = _parse_datestamp("until", date_until) if date_until is not None else None
    if start and until:
        if start[1] != until[1]:
            raise OAIError(BAD_ARGUMENT, "The from and until arguments differ in granularity.")
        if start[0] > until[0]:
            raise OAIError(BAD_ARGUMENT, "The from argument is later than the until argument.")
    end = None
    if until:
        try:
            end = until[0] + until[1]
        except OverflowError:  # until=9999-12-31: no upper bound
            end = None
    return DateRange(start=start[0] if start else None, end=end)


def _parse_datestamp(name: str, value: str) -> tuple[datetime, timedelta]:
    """A UTC datetime and the length of the interval it names (a day or a second)."""
    try:
        if DAY_PATTERN.fullmatch(value):
            day = date.fromisoformat(value)
            return datetime(day.year, day.month, day.day, tzinfo=UTC), timedelta(days=1)
        if SECOND_PATTERN.fullmatch(value):
            moment = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            return moment, timedelta(seconds=1)
    except ValueError:
        pass
    raise OAIError(
        BAD_ARGUMENT,
        f"The {name} argument must be a UTC date (YYYY-MM-DD) or datetime (YYYY-MM-DDThh:mm:ssZ).",
    )


def _quote(name: str) -> str:
    return repr(XML_ILLEGAL.sub("\ufffd", name))
