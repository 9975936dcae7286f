"""Text normalisation shared by indexing and querying, so both sides fold the same way."""

import re
import unicodedata

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
NOT_A_WORD_CHARACTER = re.compile(r"[^\w]+")
# More words narrow nothing a teacher needs, and each costs ranking work per match.
MAX_TERMS = 32


def fold(text: str) -> str:
    """Lower-case and strip diacritics in every script: Schüler -> schuler,
    Μαθηματικά -> μαθηματικα, příroda -> priroda."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped)


def clean_query(raw: str) -> str:
    """What the visitor typed, made safe to echo and store: control characters (NUL
    included) become spaces and whitespace runs collapse."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", raw).split())


def search_terms(query: str) -> list[str]:
    """The distinct words of a query (at most MAX_TERMS) with every search-syntax
    character (quotes, NEAR(, *, -, ^, parentheses) removed: visitors type words, not
    engine syntax."""
    terms = NOT_A_WORD_CHARACTER.sub(" ", fold(query)).split()
    return list(dict.fromkeys(terms))[:MAX_TERMS]
