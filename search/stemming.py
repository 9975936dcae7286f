"""Which partner languages have a Snowball stemmer, and stemming folded words in Python.

One list serves both database backends: PostgreSQL names a text search configuration
after the stemmer (search.backends.postgres), SQLite FTS5 has no stemmer of its own, so
search.backends.sqlite stems indexed text and query words here with snowballstemmer (the
same Snowball algorithms, in pure Python). Languages absent from the list (Czech,
Slovak, Maltese, Polish among the partners: PostgreSQL ships no stemmer for them) are
folded only, on every backend alike.

Words are folded first and stemmed second, on the indexed text and on the query alike,
so a word typed without its accents meets the same stem as the accented one.
"""

import re
from functools import lru_cache

import snowballstemmer

from wagtail.models import Locale, Page

from search.text import fold

# ISO 639-1 code -> Snowball stemmer: the ones PostgreSQL 15 ships (snowballstemmer has
# them all), so both database backends stem the same languages.
SNOWBALL = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}

WORD = re.compile(r"\w+")
# Distinct (stemmer, word) pairs kept: a site's vocabulary, not its text, so indexing
# 10,000 materials stems each distinct word once per language.
STEM_CACHE_SIZE = 200_000


def snowball_language(code: str | None) -> str | None:
    """The Snowball stemmer for a language code ("de", "de-AT", "nb"), None if none."""
    return SNOWBALL.get((code or "").split("-")[0].lower())


@lru_cache(maxsize=STEM_CACHE_SIZE)
def stem_word(word: str, language: str | None) -> str:
    """A folded word's stem; the word itself for `language` None. Stems are folded
    again because a stemmer may hand back a character folding would have changed.
    A stemmer keeps state while it works, so each cache miss gets its own: a worker's
    threads never share one."""
    if language is None:
        return word
    return fold(snowballstemmer.stemmer(language).stemWord(word))


def stem_text(text: str, language: str | None) -> str:
    """Folded text with every word replaced by its stem in `language` (the separators
    stay, so the FTS5 tokenizer splits the result as it split the original)."""
    folded = fold(text)
    if language is None:
        return folded
    return WORD.sub(lambda match: stem_word(match.group(), language), folded)


def query_stemmers(codes, *, unstemmed: bool = False) -> list[str | None]:
    """The stemmers a query's words are stemmed with for the language codes in scope,
    each once; None stands for the folded words themselves, needed for a language
    without a stemmer and, with `unstemmed`, for objects without a language. The same
    choice as PostgreSQL's configurations (search.backends.postgres)."""
    stemmers = [snowball_language(code) for code in codes]
    if unstemmed:
        stemmers.append(None)
    return list(dict.fromkeys(stemmers))


def object_languages(objs) -> list[str | None]:
    """The language code of each object to index: its locale's for a page, None for
    anything else (images, documents, snippets). One query per batch, however many
    pages."""
    locale_ids = {obj.locale_id for obj in objs if isinstance(obj, Page)}
    codes = (
        dict(Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code"))
        if locale_ids
        else {}
    )
    return [codes.get(obj.locale_id) if isinstance(obj, Page) else None for obj in objs]
