"""Which links a run checks, from the options an editor or the command gives: a partner
(by slug) and fragments of the address. Bad options are refused with a message that says
what would have been accepted, before anything is checked."""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist

from materials.models import Partner


class ScopeError(ValueError):
    """An option names nothing that exists, or nothing at all."""


class UnknownPartner(ScopeError, ObjectDoesNotExist):
    """No partner has this slug. Also an ObjectDoesNotExist, so a queued check for a
    partner deleted before the worker got to it is not retried (background.retries):
    no later attempt would find it."""


@dataclass(frozen=True)
class Scope:
    partner_ids: tuple[int, ...] | None = None
    url_contains: tuple[str, ...] = ()

    @classmethod
    def parse(cls, partner: str | None = None, url_contains=()) -> "Scope":
        fragments = tuple(url_contains or ())
        if any(not fragment.strip() for fragment in fragments):
            raise ScopeError("--url-contains needs some text, e.g. --url-contains example.org.")
        return cls(partner_ids_for(partner) if partner is not None else None, fragments)


def partner_ids_for(slug: str) -> tuple[int, ...]:
    """Every language version of the partner with this slug (the slug is never
    translated)."""
    ids = tuple(Partner.objects.filter(slug=slug.strip()).values_list("pk", flat=True))
    if not ids:
        known = sorted(set(Partner.objects.values_list("slug", flat=True)))
        listed = ", ".join(known) if known else "none yet"
        raise UnknownPartner(f"Unknown partner {slug!r}. Partners' slugs: {listed}.")
    return ids
