"""What other apps plug into the content model, without the content model importing them.

A page's URLs belong to the page tree: they follow Wagtail's publishing and privacy rules,
so routes such as a material's files stay on the page. The behaviour behind a route, and a
few pieces of a page's output, belong to other apps (downloads, search, open_data). Those
apps register it as a Wagtail hook under one of the names below, in their wagtail_hooks.py;
materials only looks the hook up. Imports therefore flow one way: into materials, never out.
"""

from django.http import Http404

from wagtail import hooks

# (material index page, request) -> response. The index page is served by this view, live
# and in preview alike.
SERVE_MATERIAL_INDEX = "serve_material_index"
# (material page, request, document id, file name) -> response: one file of the material.
SERVE_MATERIAL_FILE = "serve_material_file"
# (material page, request) -> response: every file of the material as one archive.
SERVE_MATERIAL_ARCHIVE = "serve_material_archive"
# (MaterialRecord, nonce=str) -> safe HTML for the material page's <head>, e.g. embedded
# metadata. `nonce` is the request's Content-Security-Policy nonce ("" when there is none):
# an inline <script> element must carry it, or browsers refuse it.
MATERIAL_HEAD_HTML = "material_head_html"
# (queryset of material pages, language code) -> that queryset annotated, so that
# CARD_MACHINE_TEXT can read a card's machine-translated title and summary without a query.
ANNOTATE_CARDS_MACHINE_TEXT = "annotate_cards_machine_text"
# (a page annotated as above) -> its machine-translated text (title, summary, provider) in
# the annotated language, or None.
CARD_MACHINE_TEXT = "card_machine_text"
# (material pages) -> {page id: text to index with it}: on a source-language version, its
# machine-translated title, summary and keywords in every language that has no human
# translation yet, so "Energie" finds an English-only material. Asked for a whole batch
# at once when update_index writes one (materials.models.index_batch). Re-indexing when
# that text changes is the provider's job.
MATERIAL_MACHINE_INDEX_TEXT = "material_machine_index_text"
# (language code) -> the home page's ways into the search: groups (name, label, entries) of
# entries (value, label, count, url), e.g. every discipline and age band with its count.
HOME_ENTRY_POINTS = "home_entry_points"
# (material page) -> when its original URL started failing, if every check since has failed
# and they span at least four weeks; else None. At most one query: the page calls it only
# when it has an original URL.
ORIGINAL_LINK_DEAD_SINCE = "original_link_dead_since"
# (request, name, build) -> build()'s value, kept across requests until content changes (a
# page published, moved or deleted, a snippet, locale or site saved or deleted), or None
# when nothing keeps values: the caller then reads afresh. `name` must name everything the
# value depends on besides content. The page cache answers it while page caching is on.
KEPT_UNTIL_CONTENT_CHANGES = "kept_until_content_changes"


def first_answer(hook_name: str, *args):
    """The first truthy answer of the functions registered for `hook_name`, else None."""
    for answer in hooks.get_hooks(hook_name):
        if result := answer(*args):
            return result
    return None


def keep_until_content_changes(request, name: str, build):
    """`build()`'s value as kept by the app answering KEPT_UNTIL_CONTENT_CHANGES (the last
    one registered), or None when none does or it keeps nothing now."""
    keepers = hooks.get_hooks(KEPT_UNTIL_CONTENT_CHANGES)
    return keepers[-1](request, name, build) if keepers else None


def registered_view(hook_name: str):
    """The view an app registered for `hook_name` (the last one wins); a 404 without one,
    since the route then leads nowhere."""
    views = hooks.get_hooks(hook_name)
    if not views:
        raise Http404("Nothing serves this page.")
    return views[-1]
