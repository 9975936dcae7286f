"""Unprefixed, machine-facing URLs: each serves one format of the materials' metadata."""

urlpatterns = []
