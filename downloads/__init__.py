"""Teachers' downloads: a material's files served at URLs under the material's own page.

Serving through the page (RoutablePageMixin on MaterialPage) means a file is only reachable
while its material is, under Wagtail's own privacy rules: unpublished pages 404 and view
restrictions ask for a password or a login first. One module per concern:

- urls.py      lets file names with dots reach Wagtail's page routing
- views.py     the two routes: one file, all files as a ZIP
- serving.py   one file as a streamed response (HEAD, Range, conditional requests)
- ranges.py    the Range header
- headers.py   what the browser may do with a served file (disposition, CSP, nosniff)
- filenames.py safe file names for headers and ZIP entries
- zip.py       all files as one streamed ZIP; readme.py writes its README.txt
- counting.py  anonymous download counters; bots.py tells robots from teachers
- access.py    which documents are public, for Wagtail's own /documents/ URLs
"""
