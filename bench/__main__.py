"""`make bench`: server time of the public pages and of search, as ratios to baselines
measured in the same run (a trivial Django view; Wagtail's own search of the same data),
so the ratios compare like with like on a noisy machine.

Each database runs in its own process (bench/search_worker.py) against a throwaway
database seeded with the demo content: the public pages are timed on the demo content
(on SQLite only unless --pages-on says otherwise), then synthetic materials are added up
to each size and the searches and the translations dashboard (as an admin) are timed.
`--sizes 1000,10000,100000` adds a larger size.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import report

DATABASES = {
    "sqlite": "sqlite:///{workdir}/bench.sqlite3",
    "postgres": "postgres://postgres@127.0.0.1:5432/stem_bench_search",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000", help="materials (default 1000,10000)")
    parser.add_argument("--databases", default="sqlite,postgres", help="of: sqlite,postgres")
    parser.add_argument("--postgres-url", default=DATABASES["postgres"])
    parser.add_argument("--repeat", type=int, default=30, help="requests per search row")
    parser.add_argument("--page-repeat", type=int, default=50, help="requests per page")
    parser.add_argument("--time-limit", type=float, default=60, help="seconds per request")
    parser.add_argument(
        "--pages-on",
        default="sqlite",
        help="databases to time the public pages on too (default sqlite; 'none' for none)",
    )
    args = parser.parse_args()

    urls = {**DATABASES, "postgres": args.postgres_url}
    started = time.perf_counter()
    results, failures = [], []
    with tempfile.TemporaryDirectory(prefix="stem-bench-") as workdir:
        for name in args.databases.split(","):
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
            code = subprocess.run(command, env={**os.environ, "BENCH_LABEL": name}).returncode
            if output.exists():  # partial results too, if the worker failed on a later size
                results.append(json.loads(output.read_text()))
            if code:
                failures.append(f"{name}: the worker failed (exit {code}); see its stderr above")
    print(report(results, args.repeat))
    print(*failures, sep="\n")
    print(f"Total bench time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
