"""Whole-page caching of what anonymous visitors see: pages and sitemaps, per full URL,
dropped all at once whenever published content changes (see generation.py)."""
