"""`make bench`: server time of the public pages and of search, as ratios to baselines
measured in the same run (a trivial Django view; Wagtail's own search of the same data),
so the ratios compare like with like on a noisy machine.

Each database runs in its own process (bench/search_worker.py) against a throwaway
database seeded with the demo content: the public pages are timed on the demo content
(on SQLite only unless --pages-on says otherwise), then synthetic materials are added up
to each size and the searches and the translations dashboard (as an admin) are timed.
`--sizes 1000,10000,100000` adds a larger size.

Then the load rows (bench/load.py): `make serve` on a demo site of its own, driven by wrk,
for the cached and uncached pages against a static file from the same server; `--no-load`
leaves them out.

`opensearch` runs on a PostgreSQL database of its own with SEARCH_URL pointing at
127.0.0.1:$OPENSEARCH_PORT (9200) and indices named bench_*; when no node answers there,
the bench starts one (search/opensearch/run.sh) and stops it afterwards. A node that was
already running is used and left running.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.load import load_table, measure
from bench.report import report

DATABASES = {
    "sqlite": "sqlite:///{workdir}/bench.sqlite3",
    "postgres": "postgres://postgres@127.0.0.1:5432/stem_bench_search",
    "opensearch": "postgres://postgres@127.0.0.1:5432/stem_bench_search_os",
}
OPENSEARCH_PORT = os.environ.get("OPENSEARCH_PORT", "9200")
OPENSEARCH_URL = f"http://127.0.0.1:{OPENSEARCH_PORT}"
NODE_START_SECONDS = 600  # the first start builds the launcher with Maven


def node_answers() -> bool:
    try:
        with urllib.request.urlopen(
            f"{OPENSEARCH_URL}/_cluster/health?wait_for_status=yellow&timeout=1s", timeout=5
        ) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def opensearch_node(needed: bool):
    """A node on OPENSEARCH_PORT for the run: the one already there, or one started now
    (its data in a temporary folder) and stopped at the end."""
    if not needed or node_answers():
        yield
        return
    with tempfile.TemporaryDirectory(prefix="stem-bench-node-") as home:
        log = open(Path(home) / "node.log", "w")  # noqa: SIM115 (closed below)
        node = subprocess.Popen(
            [str(Path(__file__).resolve().parent.parent / "search/opensearch/run.sh")],
            env={**os.environ, "OPENSEARCH_HOME": home},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + NODE_START_SECONDS
            while not node_answers():
                if node.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the OpenSearch node did not start; see {log.name}")
                time.sleep(2)
            yield
        finally:
            node.terminate()
            node.wait(timeout=60)
            log.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000", help="materials (default 1000,10000)")
    parser.add_argument(
        "--databases", default="sqlite,postgres,opensearch", help="of: sqlite,postgres,opensearch"
    )
    parser.add_argument("--postgres-url", default=DATABASES["postgres"])
    parser.add_argument(
        "--opensearch-database-url",
        default=DATABASES["opensearch"],
        help="the PostgreSQL database beside the OpenSearch node",
    )
    parser.add_argument("--save", help="also write the workers' JSON results to this file")
    parser.add_argument("--repeat", type=int, default=30, help="requests per search row")
    parser.add_argument("--page-repeat", type=int, default=50, help="requests per page")
    parser.add_argument("--time-limit", type=float, default=60, help="seconds per request")
    parser.add_argument(
        "--pages-on",
        default="sqlite",
        help="databases to time the public pages on too (default sqlite; 'none' for none)",
    )
    parser.add_argument("--no-load", action="store_true", help="leave out the wrk load rows")
    parser.add_argument("--load-seconds", type=int, default=10, help="wrk seconds per load row")
    args = parser.parse_args()

    urls = {
        **DATABASES,
        "postgres": args.postgres_url,
        "opensearch": args.opensearch_database_url,
    }
    databases = args.databases.split(",")
    started = time.perf_counter()
    results, failures = [], []
    with (
        tempfile.TemporaryDirectory(prefix="stem-bench-") as workdir,
        opensearch_node("opensearch" in databases),
    ):
        for name in databases:
            output = Path(workdir) / f"{name}.json"
            command = [
                sys.executable,
                "-m",
                "bench.search_worker",
                f"--database-url={urls[name].format(workdir=workdir)}",
                f"--sizes={args.sizes}",
                f"--repeat={args.repeat}",
                f"--page-repeat={args.page_repeat}",
                f"--time-limit={args.time_limit}",
                f"--output={output}",
                *(["--pages"] if name in args.pages_on.split(",") else []),
            ]
            env = {**os.environ, "BENCH_LABEL": name}
            if name == "opensearch":
                env.update(
                    SEARCH_URL=OPENSEARCH_URL, SEARCH_ENGINE="opensearch2", SEARCH_INDEX="bench"
                )
            else:
                env.pop("SEARCH_URL", None)
            code = subprocess.run(command, env=env).returncode
            if output.exists():  # partial results too, if the worker failed on a later size
                results.append(json.loads(output.read_text()))
            if code:
                failures.append(f"{name}: the worker failed (exit {code}); see its stderr above")
    load = None if args.no_load else measure(args.load_seconds, 8, 2, 2)
    if args.save:
        Path(args.save).write_text(json.dumps({"searches": results, "load": load}, indent=1))
    print(report(results, args.repeat))
    if load:
        print("", *load_table(load), sep="\n")
    print(*failures, sep="\n")
    print(f"Total bench time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
