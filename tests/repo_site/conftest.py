"""The tests here build their own pages with `tests.factories`; `make serve` and the
concurrent-publish tests load the demo into their own database, in a separate process."""
