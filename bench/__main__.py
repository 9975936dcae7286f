"""`make bench`: server time of the public pages as ratios to a trivial Django view.

Runs in one process against a throwaway SQLite database (or DATABASE_URL) seeded with the
demo content, so the ratios compare like with like on a noisy machine.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(client, url: str, repeat: int) -> list[float]:
    for _warm in range(3):
        assert client.get(url).status_code == 200, url
    timings = []
    for _run in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        if response.streaming:  # downloads: measure sending the whole body
            b"".join(response.streaming_content)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50, help="requests per page (default 50)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="stem-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "repo_site.settings.dev"
    os.environ["DEBUG"] = "false"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings

    from materials.models import CataloguePage, MaterialPage, ReviewPage

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    settings.ALLOWED_HOSTS = ["testserver"]
    pages = {
        "floor (trivial view)": "/bench-floor/",
        "home": "/en/",
        "material index": "/en/materials/",
    }
    for label, model in (
        ("material", MaterialPage),
        ("catalogue", CataloguePage),
        ("review", ReviewPage),
    ):
        for language in ("en", "de"):
            page = model.objects.live().filter(locale__language_code=language).first()
            pages[f"{label} ({language})"] = page.url

    material = MaterialPage.objects.live().filter(locale__language_code="en").first()
    first_file = material.files.select_related("document").first()
    pages["file download"] = material.url + material.download_route(
        "download_file", first_file.document
    )
    pages["OAI ListRecords (50)"] = "/oai/?verb=ListRecords&metadataPrefix=oai_dc"
    pages["sitemap.xml"] = "/sitemap.xml"
    pages["Atom feed (de)"] = "/feeds/de/materials.atom"
    pages["API materials (20)"] = "/api/v2/pages/?type=materials.MaterialPage&fields=*"

    client = Client()
    results = {}
    with override_settings(ROOT_URLCONF="bench.urls"):
        for label, url in pages.items():
            results[label] = measure(client, url, args.repeat)

    floor = statistics.median(results["floor (trivial view)"])
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"Page rendering, {args.repeat} requests each, database: {engine}")
    print(f"{'page':<26}{'p50 ms':>9}{'p95 ms':>9}{'p50 / floor':>13}")
    for label, timings in results.items():
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        print(f"{label:<26}{p50:>9.2f}{p95:>9.2f}{p50 / floor:>13.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
