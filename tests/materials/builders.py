"""Kept for the search tests that import `publish` from here; every object is built in
tests.factories (`publish`, `full_material`)."""

from tests.factories import publish

__all__ = ["publish"]
