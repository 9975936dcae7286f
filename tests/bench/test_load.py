"""The load rows of `make bench`: wrk's report read as numbers (two reports recorded from
wrk 4 on Debian), and the verdicts against the issue's targets."""

import pytest

from bench.load import (
    CACHED_HOME,
    CACHED_MATERIAL,
    SINGLE_MATERIAL,
    STATIC_ROW,
    UNCACHED_MATERIAL,
    UNCACHED_SEARCH,
    load_table,
    parse_wrk,
)

OK_REPORT = """Running 2s test @ http://127.0.0.1:8944/
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    48.48ms   28.45ms 126.90ms   59.34%
    Req/Sec    41.44     23.07   116.00     83.33%
  Latency Distribution
     50%   43.62ms
     75%   66.20ms
     90%   84.44ms
     99%  126.90ms
  84 requests in 2.05s, 4.96MB read
Requests/sec:     40.93
Transfer/sec:      2.42MB
"""
NOT_FOUND_REPORT = """Running 1s test @ http://127.0.0.1:8944/nope
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.56ms    5.49ms  49.94ms   92.84%
    Req/Sec     1.69k   384.59     2.50k    72.73%
  Latency Distribution
     50%  725.00us
     75%    1.89ms
     90%    5.70ms
     99%    1.20s
  1854 requests in 1.10s, 0.92MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 1854
Requests/sec:   1685.82
Transfer/sec:    856.24KB
"""


def test_a_report_becomes_throughput_and_percentiles_in_ms():
    assert parse_wrk(OK_REPORT) == {
        "rps": 40.93,
        "p50": 43.62,
        "p99": 126.9,
        "requests": 84,
        "failed": 0,
    }


def test_microseconds_seconds_and_failures_are_read():
    row = parse_wrk(NOT_FOUND_REPORT)
    assert row["p50"] == pytest.approx(0.725)
    assert row["p99"] == pytest.approx(1200.0)
    assert row["failed"] == 1854 + 3 + 2


def test_output_that_is_not_a_report_is_refused():
    with pytest.raises(ValueError, match="not a wrk --latency report"):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")


def row(rps: float, p50: float, failed: int = 0) -> dict:
    return {"rps": rps, "p50": p50, "p99": p50 * 3, "requests": 100, "failed": failed}


def result(home_rps: float, single_p50: float, failed: int = 0) -> dict:
    return {
        "seconds": 10,
        "connections": 8,
        "workers": 2,
        "threads": 2,
        "rows": {
            STATIC_ROW: row(1000, 2),
            CACHED_HOME: row(home_rps, 5),
            CACHED_MATERIAL: row(300, 5),
            UNCACHED_SEARCH: row(20, 90),
            UNCACHED_MATERIAL: row(30, 60, failed),
            SINGLE_MATERIAL: row(50, single_p50),
        },
    }


def verdict_line(lines: list[str], label: str) -> str:
    return next(line for line in lines if line.startswith(f"{label}:"))


def test_cached_pages_pass_at_a_quarter_of_the_static_throughput():
    lines = load_table(result(home_rps=250, single_p50=14))
    assert verdict_line(lines, CACHED_HOME).endswith(
        "25% of the static file's throughput (target >= 25%): PASS"
    )
    assert verdict_line(lines, CACHED_MATERIAL).endswith("PASS")
    assert verdict_line(lines, SINGLE_MATERIAL).endswith("PASS")
    assert not any(line.startswith("FAIL") for line in lines)


def test_slow_pages_and_failed_requests_fail():
    lines = load_table(result(home_rps=240, single_p50=16, failed=4))
    assert verdict_line(lines, CACHED_HOME).endswith("(target >= 25%): FAIL")
    assert verdict_line(lines, SINGLE_MATERIAL) == (
        f"{SINGLE_MATERIAL}: p50 16.0 ms (target <= 15 ms): FAIL"
    )
    assert lines[-1] == "FAIL: 4 requests failed"
