"""The load rows of `make bench`: the site as `make serve` runs it, driven by wrk.

`make serve` (repo_site/serve.sh: production settings, gunicorn, the task worker) serves a
throwaway SQLite site seeded with the demo content on a free port. wrk (Debian's package)
then drives, one URL at a time, a static file served by the same gunicorn (the ceiling a
cached page can approach), the cached home and material pages, and the uncached search and
material pages. A query string keeps a material page out of the page cache, which stores
only URLs without one, so "uncached" is the full render. Throughput and p99 come from
several connections at once; the uncached material page's p50 from one connection, so it
is the cost of one render, not of a queue.

Run alone: `python -m bench.load [--seconds 10] [--connections 8]`.
"""

import argparse
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BOOT_SECONDS = 300
CACHED_TARGET_SHARE = 0.25  # of the static file's throughput
UNCACHED_MATERIAL_TARGET_MS = 15.0  # p50, one connection
STATIC_ROW = "static file (site.css)"
CACHED_HOME = "home (cached)"
CACHED_MATERIAL = "material (cached)"
UNCACHED_SEARCH = "search 'energy' (uncached)"
UNCACHED_MATERIAL = "material (uncached)"
SINGLE_MATERIAL = "material (uncached), 1 connection"
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def to_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS_MS[unit]


def parse_wrk(output: str) -> dict:
    """wrk's `--latency` report as numbers: requests per second, p50 and p99 in ms, and the
    count of failed requests (socket errors and non-2xx/3xx answers)."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    total = re.search(r"(\d+) requests in", output)
    if not (rate and p50 and p99 and total):
        raise ValueError(f"not a wrk --latency report:\n{output[-2000:]}")
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if errors:
        failed += sum(int(n) for n in errors.groups())
    return {
        "rps": float(rate.group(1)),
        "p50": to_ms(p50.group(1)),
        "p99": to_ms(p99.group(1)),
        "requests": int(total.group(1)),
        "failed": failed,
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def served_demo(workdir: Path, workers: int, threads: int) -> Iterator[str]:
    """`make serve`'s script on a new demo site; yields its base URL, stops it afterwards."""
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SEARCH_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL")
    }
    base |= {
        "DATABASE_URL": f"sqlite:///{workdir / 'load.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
    }
    dev = {**base, "DJANGO_SETTINGS_MODULE": "repo_site.settings.dev"}
    manage(dev, "migrate", "--no-input")
    manage(dev, "seed_demo")
    port = free_port()
    production = base | {
        "DJANGO_SETTINGS_MODULE": "repo_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "REQUEST_LOG": "false",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": str(threads),
        "PYTHON": sys.executable,
    }
    log_path = workdir / "serve.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            ["bash", "repo_site/serve.sh"],
            cwd=PROJECT_DIR,
            env=production,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + BOOT_SECONDS
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"make serve did not start:\n{log_path.read_text()[-3000:]}")
            with contextlib.suppress(OSError):
                if fetch(f"{url}/healthz")[0] == 200:
                    break
            time.sleep(1)
        yield url
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def target_urls(url: str) -> dict[str, str]:
    """The URLs of the rows, found the way a visitor finds them: from the home page."""
    status, home = fetch(f"{url}/en/")
    if status != 200:
        raise SystemExit(f"the home page answered {status}")
    css = re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', home)
    material = re.search(rb'href="(/en/materials/[\w-]+/)"', home)
    if not (css and material):
        raise SystemExit("the home page links no stylesheet or no material")
    material_url = f"{url}{material.group(1).decode()}"
    return {
        STATIC_ROW: f"{url}{css.group(1).decode()}",
        CACHED_HOME: f"{url}/en/",
        CACHED_MATERIAL: material_url,
        UNCACHED_SEARCH: f"{url}/en/search/?q=energy",
        UNCACHED_MATERIAL: f"{material_url}?load=1",
    }


def run_wrk(url: str, seconds: int, connections: int) -> dict:
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse_wrk(done.stdout)


def measure(seconds: int, connections: int, workers: int, threads: int) -> dict:
    """Every row, each URL warmed by one request first (the cached rows are then hits)."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    with (
        tempfile.TemporaryDirectory(prefix="stem-load-") as workdir,
        served_demo(Path(workdir), workers, threads) as url,
    ):
        urls = target_urls(url)
        rows = {}
        for label, target in urls.items():
            fetch(target)
            rows[label] = run_wrk(target, seconds, connections)
        rows[SINGLE_MATERIAL] = run_wrk(urls[UNCACHED_MATERIAL], seconds, 1)
    return {
        "seconds": seconds,
        "connections": connections,
        "workers": workers,
        "threads": threads,
        "rows": rows,
    }


def load_table(result: dict) -> list[str]:
    rows = result["rows"]
    static_rps = rows[STATIC_ROW]["rps"]
    lines = [
        f"Load on `make serve` (gunicorn {result['workers']} workers x {result['threads']} "
        f"threads, SQLite, demo content), wrk {result['connections']} connections, "
        f"{result['seconds']} s per row",
        f"{'request':<38}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'failed':>8}{'of static':>11}",
    ]
    for label, row in rows.items():
        lines.append(
            f"{label:<38}{row['rps']:>9.1f}{row['p50']:>9.2f}{row['p99']:>9.2f}"
            f"{row['failed']:>8}{row['rps'] / static_rps:>11.0%}"
        )
    for label in (CACHED_HOME, CACHED_MATERIAL):
        share = rows[label]["rps"] / static_rps
        verdict = "PASS" if share >= CACHED_TARGET_SHARE else "FAIL"
        lines.append(
            f"{label}: {share:.0%} of the static file's throughput "
            f"(target >= {CACHED_TARGET_SHARE:.0%}): {verdict}"
        )
    p50 = rows[SINGLE_MATERIAL]["p50"]
    verdict = "PASS" if p50 <= UNCACHED_MATERIAL_TARGET_MS else "FAIL"
    lines.append(
        f"{SINGLE_MATERIAL}: p50 {p50:.1f} ms (target <= {UNCACHED_MATERIAL_TARGET_MS:.0f} ms): "
        f"{verdict}"
    )
    failed = sum(row["failed"] for row in rows.values())
    if failed:
        lines.append(f"FAIL: {failed} requests failed")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10, help="per row (default 10)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (2)")
    args = parser.parse_args()
    result = measure(args.seconds, args.connections, args.workers, args.threads)
    print("\n".join(load_table(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
