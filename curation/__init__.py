"""Curation at scale: the tools editors use to bring many materials in and keep them healthy.

It imports `materials`, never the reverse: the content model does not know how its pages
arrive.
"""
