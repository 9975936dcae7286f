"""The tests here build their own materials with `tests.factories`."""
