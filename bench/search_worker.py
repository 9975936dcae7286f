"""One database's benchmark, in its own process so settings and database differ cleanly:

    python -m bench.search_worker --database-url URL --sizes 1000,10000 --output FILE [--pages]

Recreates the database (a SQLite file, or a PostgreSQL database dropped and created
again), migrates, seeds the demo content, optionally times the public pages on it, then
grows the synthetic materials to each size in turn (ascending: the 10,000 include the
first 1,000) and times the searches. Writes the results as JSON; progress goes to stderr.
"""

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

# Facet selections of the faceted rows (three facets each), cycled with the query words:
# each selects about 1-2.5% of the materials (see the weights in bench/generate.py).
FACET_SELECTIONS = (
    {"discipline": "mathematics", "age": "12-15", "country": "DE"},
    {"discipline": "physics", "age": "12-15", "country": "NL"},
    {"discipline": "biology", "age": "6-10", "country": "DE"},
)
COMMON_SHARE, RARE_SHARE = 0.25, 0.03  # of the English materials a query word matches
FACETED_TARGET_MS, FACETED_TARGET_RATIO = 150, 1.5
OPENSEARCH_TARGET_MS = 60  # faceted search's p95 on OpenSearch
WARM_FACETED = "faceted search, common word + 3 facets"
AFTER_PUBLISH = "first search after a publish"
AFTER_PUBLISH_TARGET_RATIO = 2.0  # its p50 over the warm faceted search's p50
PUBLISHES = 8  # publishes per size, each followed by one timed search
DASHBOARD_TARGET_MS = 300  # every translations dashboard page, at the network's scale
ADMIN_TARGET_MS = 300  # the admin's page search, explorer listing and editors' reports
SITEMAP_TARGET_MS = 200  # the sitemap index and each language's section, uncached
# Search rows are timed as production serves them: with the page cache on at its default.
# It never stores a search (a query string, or /api/), but it keeps the site-wide parts of
# a page (menu, footer) until content changes. One row repeats the target row with it off.
SERVED_CACHE_SECONDS = 300
UNKEPT_FACETED = "faceted, common word, page cache off"


def progress(message: str) -> None:
    print(f"[bench {os.environ.get('BENCH_LABEL', '')}] {message}", file=sys.stderr, flush=True)


def recreate_database(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        Path(parts.path).unlink(missing_ok=True)
    else:
        postgres_admin(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", "CREATE DATABASE {}")


def drop_database(url: str) -> None:
    from django.db import connections

    connections.close_all()
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        Path(parts.path).unlink(missing_ok=True)
    else:
        postgres_admin(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)")


def postgres_admin(url: str, *statements: str) -> None:
    """Run statements about the URL's database from the server's `postgres` database."""
    import psycopg

    path = urlsplit(url).path
    with psycopg.connect(url.replace(path, "/postgres", 1), autocommit=True) as admin:
        for statement in statements:
            admin.execute(statement.format(f'"{path.lstrip("/")}"'))


def query(path: str, **params) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def search_rows(words: dict[str, list[str]]) -> list[dict]:
    """What to time at each size: label, URLs (cycled), and the peer row it compares with."""
    rows = [{"label": "floor (trivial view)", "urls": ["/bench-floor/"]}]
    for kind in ("common", "rare"):
        rows.append(
            {
                "label": f"peer Wagtail search, {kind} word",
                "urls": [query("/bench-peer-search/", q=word) for word in words[kind]],
            }
        )
    for kind in ("common", "rare"):
        rows.append(
            {
                "label": f"faceted search, {kind} word + 3 facets",
                "urls": [
                    query("/en/search/", q=word, **selection)
                    for word, selection in zip(words[kind], FACET_SELECTIONS, strict=False)
                ],
                "peer": f"peer Wagtail search, {kind} word",
                "target": True,
            }
        )
    warm = next(row for row in rows if row["label"] == WARM_FACETED)
    rows.append({**warm, "label": UNKEPT_FACETED, "target": False})
    rows.append(
        {
            "label": "browse (no query)",
            "urls": ["/en/search/"],
            "peer": "peer Wagtail search, common word",
        }
    )
    rows.append(
        {
            "label": "JSON API, common word + 3 facets",
            "urls": [
                query("/api/search/", lang="en", q=word, **selection)
                for word, selection in zip(words["common"], FACET_SELECTIONS, strict=False)
            ],
            "peer": "peer Wagtail search, common word",
        }
    )
    return [{**row, "served": row["label"] != UNKEPT_FACETED} for row in rows]


@contextmanager
def served_as_production(served: bool):
    """The page cache at SERVED_CACHE_SECONDS for a search row; as the bench settings have
    it (off) for every other row: sitemaps would be served from the cache."""
    if not served:
        yield
        return
    from django.test import override_settings

    with override_settings(PAGE_CACHE_SECONDS=SERVED_CACHE_SECONDS):
        yield


def sitemap_rows() -> list[dict]:
    """The sitemap index and each language's section, rendered (the page cache is off)."""
    from django.test import Client

    response = Client().get("/sitemap.xml")
    sections = re.findall(r"<loc>https?://[^/]+(/sitemap-[^<]+)</loc>", response.content.decode())
    rows = [("sitemap index", "/sitemap.xml")]
    rows += [(f"sitemap {path.removeprefix('/sitemap-')}", path) for path in sections]
    return [{"label": label, "urls": [url], "limit_ms": SITEMAP_TARGET_MS} for label, url in rows]


def dashboard_rows() -> list[dict]:
    """The translations dashboard as an admin sees it: the overview of every language, and
    the German page (the one language with translations in the synthetic data) by status,
    deep in the untranslated list and filtered by a partner."""
    from materials.models import Partner

    partner = Partner.objects.order_by("pk").values_list("pk", flat=True).first()
    german = "/admin/translations/de/"
    rows = [
        ("dashboard overview", "/admin/translations/"),
        ("dashboard de, untranslated p. 1", german),
        ("dashboard de, untranslated p. 100", query(german, page=100)),
        ("dashboard de, published", query(german, status="published")),
        ("dashboard de, one partner", query(german, partner=partner)),
    ]
    return [
        {"label": label, "urls": [url], "admin": True, "limit_ms": DASHBOARD_TARGET_MS}
        for label, url in rows
    ]


def admin_rows() -> list[dict]:
    """The admin screens editors use at the network's scale: Wagtail's page search, the
    explorer listing of the English material index, and the editors' reports."""
    from django.conf import settings

    from materials.models import MaterialIndexPage

    index = MaterialIndexPage.objects.get(locale__language_code=settings.LANGUAGE_CODE)
    rows = [
        ("admin page search 'energy'", query("/admin/pages/search/", q="energy")),
        ("admin explorer, material index", f"/admin/pages/{index.pk}/"),
        ("admin report, metadata quality", "/admin/reports/metadata-quality/"),
        ("admin report, broken links", "/admin/reports/broken-links/"),
    ]
    return [
        {"label": label, "urls": [url], "admin": True, "limit_ms": ADMIN_TARGET_MS}
        for label, url in rows
    ] + [
        # A translator's search is filtered by their permissions: with Wagtail's own filter,
        # a list of every page id they may explore (search.admin_pages).
        {
            "label": "admin page search 'energy', German translator",
            "urls": [query("/admin/pages/search/", q="energy")],
            "admin": True,
            "translator": True,
            "limit_ms": ADMIN_TARGET_MS,
        }
    ]


def translator_client():
    """Logged in as a member of the German translators, as setup_partners makes them (page
    permissions on the German home only)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from materials.models import HomePage
    from repo_site.languages import load_partner_languages
    from translation.teams import ensure_team

    home = HomePage.objects.get(locale__language_code="de")
    german = next(language for language in load_partner_languages() if language.code == "de")
    team = ensure_team(german, home.locale, home)
    user, _ = get_user_model().objects.get_or_create(username="bench-translator")
    user.groups.add(team.translators)
    client = Client()
    client.force_login(user)
    return client


def admin_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if user is None:
        user = get_user_model().objects.create_superuser("bench-admin", password=None)
    client = Client()
    client.force_login(user)
    return client


def hits(client, row: dict) -> float | None:
    """Average result count of a row's URLs: the peer's from the backend, the faceted
    rows' from the JSON API with the same parameters (when it answers with a total)."""
    from django.conf import settings

    from wagtail.models import Locale

    from bench.timing import time_limit
    from materials.models import MaterialPage

    totals = []
    for url in row["urls"]:
        path, _, params = url.partition("?")
        if path == "/bench-peer-search/":
            english = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
            pages = MaterialPage.objects.live().filter(locale=english)
            with time_limit():
                totals.append(pages.search(parse_qs(params)["q"][0], operator="and").count())
        elif path in ("/en/search/", "/api/search/"):
            api_params = params if path == "/api/search/" else f"lang=en&{params}".rstrip("&")
            response = client.get(f"/api/search/?{api_params}")
            if response.status_code != 200:
                return None
            total = response.json().get("total")
            if not isinstance(total, int):
                return None
            totals.append(total)
        else:
            return None
    return sum(totals) / len(totals)


def first_search_after_publish(client, urls: list[str], count: int = PUBLISHES) -> dict:
    """Publish a material through the ORM (as the admin does), then time the very next
    search: the work index (or the engine's refresh) must catch up within that request."""
    from bench.timing import Timing, percentile, timed_get
    from materials.models import MaterialPage

    pks = list(
        MaterialPage.objects.live()
        .filter(locale__language_code="en", slug__startswith="synthetic-material-")
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    ) or list(MaterialPage.objects.live().order_by("pk").values_list("pk", flat=True)[:count])
    timings = []
    for number, pk in enumerate(pks):
        page = MaterialPage.objects.get(pk=pk)
        page.title = f"{page.title} (revised)"
        page.save_revision().publish()
        timings.append(timed_get(client, urls[number % len(urls)]))
    median = sorted(timings)[len(timings) // 2]
    return Timing(median, percentile(timings, 0.95), timings[0], len(timings)).as_dict()


def work_index_memory() -> dict:
    """A full build of the work index, measured: bytes held afterwards (tracemalloc) and
    seconds, as each worker process pays on start and on a rebuild."""
    import tracemalloc

    from search.models import SearchGeneration
    from search.work_index import build_work_index

    token = SearchGeneration.current()
    tracemalloc.start()
    started = time.perf_counter()
    index = build_work_index(token)
    seconds = time.perf_counter() - started
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"bytes": held, "peak_bytes": peak, "seconds": seconds, "size": index.size}


def timed_update_index() -> float:
    """`manage.py update_index` of the whole site, seconds."""
    from django.core.management import call_command

    started = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        call_command("update_index", stdout=devnull, stderr=devnull)
    return time.perf_counter() - started


def analyze_postgres() -> None:
    """Planner statistics, as autovacuum gathers them soon after a bulk load. SQLite has no
    such daemon and the site never runs ANALYZE on it, so neither does the bench."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated, ascending")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per search row")
    parser.add_argument("--pages", action="store_true", help="also time the public pages")
    parser.add_argument("--page-repeat", type=int, default=50)
    parser.add_argument("--output", required=True, help="JSON results file")
    parser.add_argument(
        "--time-limit", type=float, default=60, help="seconds a request may take (default 60)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))

    media = tempfile.mkdtemp(prefix="stem-bench-media-")
    os.environ.update(
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        MEDIA_ROOT=media,
    )
    recreate_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    from wagtail.search.backends import get_search_backend

    from bench.generate import MaterialGenerator
    from bench.pages import cached_page_urls, page_urls
    from bench.timing import is_timeout, limit_database_time, measure_or_error
    from repo_site.operations.startup_heap import settle_startup_heap
    from search.models import SearchGeneration

    backend = type(get_search_backend())
    result = {
        "database": connection.vendor,
        "backend": f"{backend.__module__}.{backend.__name__}",
        "repeat": args.repeat,
        "engine": getattr(backend, "faceted_engine", None) or "database",
        "label": os.environ.get("BENCH_LABEL", connection.vendor),
        "sizes": [],
    }
    started = time.perf_counter()
    progress("migrating")
    call_command("migrate", verbosity=0, interactive=False)
    progress("seeding the demo content")
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    if result["engine"] != "database":
        progress("emptying the bench's search indices")
        timed_update_index()  # a fresh index: nothing left from an earlier run
    result["setup_seconds"] = time.perf_counter() - started
    progress(f"set up in {result['setup_seconds']:.0f} s")

    limit_database_time(args.time_limit)
    # Timed as a web process serves: repo_site.wsgi freezes its startup heap, and so does
    # this process before each timing phase (after setting up, after each size's import).
    settle_startup_heap()
    client = Client()
    if args.pages:
        progress("timing the public pages on the demo content")
        result["pages"] = {
            label: measure_or_error(client, [url], args.page_repeat)
            for label, url in page_urls().items()
        }
        progress("timing the cached pages against a static file")
        with override_settings(PAGE_CACHE_SECONDS=300):
            anonymous = Client()  # no cookie from the rows above: served from the cache
            result["pages"].update(
                (label, measure_or_error(anonymous, [url], args.page_repeat))
                for label, url in cached_page_urls().items()
            )
        result["page_repeat"] = args.page_repeat
        Path(args.output).write_text(json.dumps(result, indent=1))

    generator = MaterialGenerator()
    admin = admin_client()
    translator = translator_client()
    words = None
    for size in sizes:
        progress(f"generating materials up to {size:,}")
        generated = generator.add(size - generator.english_count)
        SearchGeneration.bump()  # bulk rows, no signals: every process rebuilds
        analyze_postgres()
        progress(
            f"{size:,}: inserted in {generated.insert_seconds:.1f} s, "
            f"indexed in {generated.index_seconds:.1f} s"
        )
        # Searches are timed on the index as `update_index` leaves it, as after a bulk
        # import: on a search engine, merged into one segment.
        progress(f"{size:,}: timing update_index")
        update_index_seconds = timed_update_index()
        settle_startup_heap()
        words = words or {
            "common": generator.query_words(COMMON_SHARE),
            "rare": generator.query_words(RARE_SHARE),
        }
        rows = search_rows(words) + sitemap_rows() + dashboard_rows() + admin_rows()
        for row in rows:
            progress(f"{size:,}: timing {row['label']}")
            user = translator if row.get("translator") else admin if row.get("admin") else client
            with served_as_production(row.get("served", False)):
                row.update(measure_or_error(user, row["urls"], args.repeat))
            if "p50" in row and not row.get("admin"):
                try:
                    row["hits"] = hits(client, row)
                except Exception as error:
                    if not is_timeout(error):
                        raise
        faceted = next(row for row in rows if row["label"] == WARM_FACETED)
        progress(f"{size:,}: timing {AFTER_PUBLISH}")
        after = {"label": AFTER_PUBLISH, "urls": faceted["urls"], "warm": WARM_FACETED}
        try:
            with served_as_production(True):
                after.update(first_search_after_publish(client, faceted["urls"]))
        except Exception:
            after.update(error=traceback.format_exc(), url=faceted["urls"][0])
        rows.append(after)
        extra = {}
        if result["engine"] == "database":
            progress(f"{size:,}: measuring a full build of the work index")
            extra["work_index"] = work_index_memory()
        extra["update_index_seconds"] = update_index_seconds
        result["sizes"].append(
            {
                "size": size,
                "german": generator.german_count,
                "added": generated.english,
                "insert_seconds": generated.insert_seconds,
                "index_seconds": generated.index_seconds,
                "words": words,
                "rows": rows,
                **extra,
            }
        )
        Path(args.output).write_text(json.dumps(result, indent=1))  # partial results survive
    if not args.keep:
        drop_database(args.database_url)
    shutil.rmtree(media, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
