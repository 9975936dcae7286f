"""The tests here read the demo content: the session seeds it (see tests/conftest.py)."""

from tests.conftest import mark_demo


def pytest_itemcollected(item):
    mark_demo(item)
