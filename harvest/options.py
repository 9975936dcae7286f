"""What a harvest is asked to do, checked before the first request leaves.

The command and the background task take the same options and pass them through
`HarvestOptions.checked`, so a bad age range, date, partner or country is refused with
the same message whichever door it came through, and never after half a harvest.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django_countries import countries

from django.utils.translation import gettext as _

from wagtail.models import Locale

from harvest.dublin_core import PREFIX as OAI_DC
from harvest.lom import PREFIX as LOM
from materials.age_bands import MAX_AGE
from materials.models import Partner

MIN_AGE = 3
AGES = re.compile(r"^\s*(\d{1,3})\s*[-–]\s*(\d{1,3})\s*$")
SUPPORTED_PREFIXES = (OAI_DC, LOM)
# The lengths HarvestRun stores.
MAX_URL_LENGTH = 500
MAX_SET_LENGTH = 200


class OptionRefused(Exception):
    """An option cannot be used; the message names it and says what is expected."""


def parse_ages(text: str) -> tuple[int, int]:
    match = AGES.match(text or "")
    if not match:
        raise OptionRefused(_("Ages “%(value)s” are not a range like 10-15.") % {"value": text})
    youngest, oldest = int(match.group(1)), int(match.group(2))
    if not (MIN_AGE <= youngest <= oldest <= MAX_AGE):
        raise OptionRefused(
            _("Ages “%(value)s”: give MIN-MAX with %(low)d ≤ MIN ≤ MAX ≤ %(high)d.")
            % {"value": text, "low": MIN_AGE, "high": MAX_AGE}
        )
    return youngest, oldest


def parse_from(text: str) -> str:
    """An OAI-PMH datestamp: YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, returned as given."""
    for pattern in ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            datetime.strptime(text, pattern)
        except ValueError:
            continue
        return text
    raise OptionRefused(
        _("--from “%(value)s” is not a date like 2025-01-31 or 2025-01-31T08:00:00Z.")
        % {"value": text}
    )


def valid_datestamp(text: str) -> str:
    """A repository's responseDate when it is one, else "": a garbled date must not become
    the next run's `from`."""
    try:
        return parse_from(text)
    except OptionRefused:
        return ""


def day_of(datestamp: str) -> str:
    """The day of a stored responseDate: every repository accepts day granularity, and a
    day's overlap only finds records unchanged."""
    return date.fromisoformat(datestamp[:10]).isoformat()


@dataclass(frozen=True)
class HarvestOptions:
    base_url: str
    metadata_prefix: str
    partner: str
    country: str
    ages: tuple[int, int] | None = None
    set_spec: str = ""
    from_date: str = ""
    dry_run: bool = False

    @classmethod
    def checked(
        cls,
        base_url: str,
        *,
        metadata_prefix: str,
        partner: str,
        country: str,
        ages: str = "",
        set_spec: str = "",
        from_date: str = "",
        dry_run: bool = False,
    ) -> "HarvestOptions":
        if not base_url.startswith(("http://", "https://")):
            raise OptionRefused(
                _("“%(url)s” is not an http(s) URL of an OAI-PMH repository.") % {"url": base_url}
            )
        if len(base_url) > MAX_URL_LENGTH or len(set_spec or "") > MAX_SET_LENGTH:
            raise OptionRefused(
                _("The URL may have at most %(url)d characters and the set %(set)d.")
                % {"url": MAX_URL_LENGTH, "set": MAX_SET_LENGTH}
            )
        if metadata_prefix not in SUPPORTED_PREFIXES:
            raise OptionRefused(
                _("Metadata prefix “%(prefix)s” cannot be harvested; use one of: %(known)s.")
                % {"prefix": metadata_prefix, "known": ", ".join(SUPPORTED_PREFIXES)}
            )
        if not Partner.objects.filter(slug=partner, locale=Locale.get_default()).exists():
            raise OptionRefused(_("Unknown partner “%(slug)s”.") % {"slug": partner})
        code = (country or "").upper()
        if len(code) != 2 or code not in countries:
            raise OptionRefused(
                _("Unknown country “%(code)s”: give its ISO 3166 code, such as DE.")
                % {"code": country}
            )
        return cls(
            base_url=base_url,
            metadata_prefix=metadata_prefix,
            partner=partner,
            country=code,
            ages=parse_ages(ages) if ages else None,
            set_spec=set_spec or "",
            from_date=parse_from(from_date) if from_date else "",
            dry_run=dry_run,
        )
