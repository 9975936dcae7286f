"""What the admin's page search sends to the search backend: the words typed, without
engine syntax.

Wagtail passes the admin's query to the backend's autocomplete as typed. A double quote
makes SQLite's full-text parser fail ("unterminated string"), a quoted phrase is refused by
the Elasticsearch/OpenSearch autocomplete, and two thousand words nest deeper than Python's
recursion limit while the SQL is built: each answered with a server error. The admin
searches titles by their words, so the query keeps its words (at most MAX_TERMS, as the
public search) and Wagtail's own `live:yes` / `published:no` filters, and nothing else.
"""

import re

from search.text import MAX_TERMS, NOT_A_WORD_CHARACTER, clean_query

# Wagtail's admin search reads these `name:value` filters out of the query.
WAGTAIL_FILTER = re.compile(r"(live|published):\w+", re.IGNORECASE)


def admin_search_words(raw: str) -> str:
    filters, words = [], []
    for token in clean_query(raw).split():
        if WAGTAIL_FILTER.fullmatch(token):
            filters.append(token)
        else:
            words.extend(NOT_A_WORD_CHARACTER.sub(" ", token).split())
    return " ".join(filters + words[:MAX_TERMS])
