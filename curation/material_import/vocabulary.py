"""Every way a spreadsheet may name a term, mapped to the one value a material stores.

Editors of every partner work in their own language, so a discipline may be typed as its
slug ("physics"), its English label or its German label ("Physik"): each resolves to the
canonical source-locale term, as pages link to it (see materials.models.taxonomy). Choices
(resource type, audience) are matched by key or by their label in any partner language,
through the same gettext catalogue the interface uses; licences by key, name or deed URL.
Built once per import, so resolving a row costs no query.
"""

import unicodedata

from django_countries import countries

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Locale

from materials.licences import LICENCES
from materials.models import Discipline, Partner, ResourceLanguage
from materials.models.choices import Audience, ResourceType


class Unresolved(Exception):
    """A value that names nothing (or more than one thing); the message says which."""


def fold(value: str) -> str:
    """Compare as people read: case, accents' encoding and inner spacing do not matter."""
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


class Lookup:
    """A folded name -> one value; names claimed by two different values are ambiguous."""

    def __init__(self, what: str):
        self.what = what
        self._keys: dict[str, object] = {}
        self._labels: dict[str, object] = {}
        self._ambiguous: set[str] = set()

    def add_key(self, key: str, value) -> None:
        self._keys[fold(key)] = value

    def add_label(self, label: str, value) -> None:
        folded = fold(str(label))
        if not folded:
            return
        known = self._labels.setdefault(folded, value)
        if known != value:
            self._ambiguous.add(folded)

    def resolve(self, name: str):
        folded = fold(name)
        # A key is exact and never translated, so it wins over a label that looks the same.
        if folded in self._keys:
            return self._keys[folded]
        if folded in self._ambiguous:
            raise Unresolved(
                _("“%(name)s” is the label of more than one %(what)s; use its key.")
                % {"name": name, "what": self.what}
            )
        if folded in self._labels:
            return self._labels[folded]
        raise Unresolved(_("Unknown %(what)s “%(name)s”.") % {"name": name, "what": self.what})


def _term_lookup(model, key_field: str, what: str, source: Locale) -> Lookup:
    lookup = Lookup(what)
    terms = list(model.objects.all())
    canonical = {term.translation_key: term for term in terms if term.locale_id == source.pk}
    for term in canonical.values():
        lookup.add_key(getattr(term, key_field), term)
    for term in terms:
        if term.translation_key in canonical:
            lookup.add_label(term.name, canonical[term.translation_key])
    return lookup


def _choice_lookup(choices, what: str) -> Lookup:
    lookup = Lookup(what)
    for key, label in choices.choices:
        lookup.add_key(key, key)
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                lookup.add_label(str(label), key)
    return lookup


def _licence_lookup() -> Lookup:
    lookup = Lookup(_("licence"))
    for licence in LICENCES:
        lookup.add_key(licence.key, licence.key)
        if licence.url:
            lookup.add_key(_deed(licence.url), licence.key)
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                lookup.add_label(str(licence.name), licence.key)
    return lookup


def _deed(url: str) -> str:
    """http or https, with or without www, "deed.de" or the trailing slash: the same deed."""
    url = fold(url).split("://", 1)[-1].removeprefix("www.")
    for suffix in ("legalcode", "deed"):
        head, _sep, tail = url.rpartition("/")
        if tail.startswith(suffix):
            url = head
    return url.rstrip("/")


class Vocabulary:
    """The lookups of one import run."""

    def __init__(self):
        source = Locale.get_default()
        self.disciplines = _term_lookup(Discipline, "slug", _("discipline"), source)
        self.resource_languages = _term_lookup(
            ResourceLanguage, "code", _("resource language"), source
        )
        self.resource_types = _choice_lookup(ResourceType, _("resource type"))
        self.audiences = _choice_lookup(Audience, _("audience"))
        self.licences = _licence_lookup()
        self.partners = Lookup(_("partner"))
        for partner in Partner.objects.filter(locale=source):
            self.partners.add_key(partner.slug, partner)

    def licence(self, value: str) -> str:
        if "://" in value:
            return self.licences.resolve(_deed(value))
        return self.licences.resolve(value)

    @staticmethod
    def country(value: str) -> str:
        """An ISO 3166 code ("DE") or the English name ("Germany")."""
        code = value.upper()
        if len(code) == 2 and code in countries:
            return code
        code = countries.by_name(value, language="en")
        if not code:
            raise Unresolved(
                _("Unknown country “%(name)s”: give its ISO code (DE) or English name.")
                % {"name": value}
            )
        return code
