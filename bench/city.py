"""Benchmark of the list pages and the start page for a city: 50 organisations, 25 000 assets in all.

    scripts/with-postgres .venv/bin/python bench/city.py [--repeat N] [--seed S]
    .venv/bin/python bench/city.py --sqlite          # a temporary SQLite file (the targets are for PostgreSQL)

Run from anywhere; it sets DJANGO_SETTINGS_MODULE=isms.settings and ISMS_CLI=1 itself. It needs PostgreSQL
(DATABASE_URL=postgres://...) and refuses SQLite unless --sqlite is given. It WRITES TO THE DATABASE: it migrates
it and generates the city (bench.generate.generate_city: organisations city00, the smallest with 50 rows in each
register, … city49, the largest with 5 000 assets; the other registers in proportion) and its users (a coordinator
in city00 and in city49, a reader with a membership in all 50), once: a later run on the same database reuses them.
Then it runs ANALYZE (PostgreSQL), as autovacuum would shortly after such a load, so that pages are planned on
statistics.

Then, in this warm process, with Django's test Client (force_login; the organisation chosen through the session
key of isms.permissions), it requests every register's list page (/registry/<slug>/, every Register in REGISTERS)
and the start page "/" as the small and the large organisation's coordinator, and /overview/ and the assets list as
the city reader, and prints for each page: SQL queries (CaptureQueriesContext, one request), and server time, the
median of --repeat requests after one warm-up request, as wall-clock and CPU milliseconds. Targets (issue 4): the
same query count at every size, <= 100 ms a page at the largest. Verdicts are on wall-clock time, with
"(cpu PASS)" where only the CPU time makes the target (a busy machine). Exits 0 either way: it is a report.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "isms.settings"
os.environ["ISMS_CLI"] = "1"
# Production-like settings (DEBUG off), reachable by the test client over "https".
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

TARGET_MS = 100
PREFIX = "city"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page; the median is shown (5)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the city (1)")
    parser.add_argument(
        "--sqlite", action="store_true", help="allow SQLite (a temporary file when DATABASE_URL is unset)"
    )
    parser.add_argument("--profile", metavar="PATH", help="also print a cProfile of one request of PATH (large org)")
    return parser.parse_args(argv)


def analyse():
    """Update the planner's statistics (ANALYZE) after generating the city, as autovacuum does on its own within
    about a minute of a bulk load (on PostgreSQL; SQLite has no such step here). Without it the pages measured in
    that first minute are planned on empty statistics: the start of a fresh database, not the steady state the
    targets are about."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def setup(seed: int):
    import django

    django.setup()
    from django.core.management import call_command

    from bench.generate import city_users, generate_city
    from registry.models import Classification, InformationAsset, ProcessingActivity

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    orgs = generate_city(PREFIX, seed)
    users = city_users(orgs, PREFIX)
    analyse()
    done = time.perf_counter()
    ids = [o.pk for o in orgs]
    print(
        f"set-up: migrate {migrated - started:.1f} s, city {done - migrated:.1f} s: {len(orgs)} organisations, "
        f"{InformationAsset.objects.filter(organisation__in=ids).count()} assets, "
        f"{Classification.objects.filter(asset__organisation__in=ids).count()} classifications, "
        f"{ProcessingActivity.objects.filter(organisation__in=ids).count()} processing activities",
        flush=True,
    )
    return orgs, users


def client_for(user, organisation=None):
    from django.test import Client

    from isms.permissions import SESSION_KEY

    client = Client()
    client.force_login(user)
    if organisation is not None:
        session = client.session
        session[SESSION_KEY] = organisation.pk
        session.save()
    return client


def fetch(client, path: str):
    response = client.get(path, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}")
    return response


def measure(client, path: str, repeat: int) -> dict:
    """Queries of one request; median wall and CPU ms of `repeat` requests after a warm-up request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fetch(client, path)  # warm-up
    with CaptureQueriesContext(connection) as captured:
        fetch(client, path)
    # Read now: captured_queries slices connection.queries, which the next request's request_started empties.
    sql = [q["sql"] for q in captured.captured_queries]
    walls, cpus = [], []
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        fetch(client, path)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return {
        "queries": len(sql),
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "sql": sql,
    }


def verdict(queries_equal: bool, figure: dict) -> str:
    problems = []
    if not queries_equal:
        problems.append("queries")
    if figure["wall"] > TARGET_MS:
        problems.append("time" + (" (cpu PASS)" if figure["cpu"] <= TARGET_MS else ""))
    return "PASS" if not problems else "MISS: " + ", ".join(problems)


def row_counts(register, organisation) -> int:
    from isms.permissions import organisation_path

    return register.model._default_manager.filter(**{organisation_path(register.model): organisation}).count()


def main(argv=None) -> int:
    args = parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    is_postgres = url.startswith(("postgres://", "postgresql://"))
    temporary = None
    if not is_postgres:
        if not args.sqlite:
            print(
                "bench/city.py: DATABASE_URL is not PostgreSQL. The targets are for PostgreSQL: run it as\n"
                "  scripts/with-postgres .venv/bin/python bench/city.py\n"
                "or give --sqlite to measure on SQLite anyway (a temporary file when DATABASE_URL is unset).",
                file=sys.stderr,
            )
            return 2
        if not url:
            import tempfile

            temporary = Path(tempfile.mkdtemp(prefix="city-bench-")) / "city.sqlite3"
            os.environ["DATABASE_URL"] = f"sqlite:///{temporary}"
    try:
        return run(args, is_postgres)
    finally:
        if temporary is not None:
            import shutil

            shutil.rmtree(temporary.parent, ignore_errors=True)


def run(args, is_postgres: bool) -> int:
    orgs, users = setup(args.seed)
    import django
    from django.db import connection

    from registry.views import REGISTERS

    small, large = orgs[0], orgs[-1]
    small_client = client_for(users["small"], small)
    large_client = client_for(users["large"], large)
    reader_client = client_for(users["reader"], large)
    two_reader = client_for(users["reader_two"], large)

    load = os.getloadavg()
    print(
        f"{datetime.date.today().isoformat()}, {os.cpu_count()} CPUs ({platform.machine()}), Python "
        f"{platform.python_version()}, Django {django.get_version()}, {connection.vendor} "
        f"{'.'.join(map(str, connection.Database.__version__.split()[:1]))}; load average before "
        f"{load[0]:.1f}; median of {args.repeat} requests after a warm-up",
        flush=True,
    )

    pages = [(f"/registry/{r.slug}/", r) for r in REGISTERS] + [("/", None)]
    header = (
        f"{'page':<28} {'rows small/large':>17} {'queries small/large':>20} "
        f"{'ms small':>16} {'ms large':>16}  {'target':<22} result"
    )
    print()
    print(header)
    print("-" * len(header))
    results = []
    for path, register in pages:
        a = measure(small_client, path, args.repeat)
        b = measure(large_client, path, args.repeat)
        rows = f"{row_counts(register, small)}/{row_counts(register, large)}" if register else ""
        result = verdict(a["queries"] == b["queries"], b)
        results.append((path, result))
        print(
            f"{path:<28} {rows:>17} {a['queries']:>9}/{b['queries']:<10} "
            f"{a['wall']:>6.0f} (cpu {a['cpu']:>3.0f}) {b['wall']:>6.0f} (cpu {b['cpu']:>3.0f})  "
            f"{'equal, <= 100 ms':<22} {result}",
            flush=True,
        )
        if a["queries"] != b["queries"]:
            extra = [q for q in b["sql"] if q not in a["sql"]][:3]
            for sql in extra:
                print(f"    e.g. {sql[:150]}")

    print()
    print(f"City reader: {len(orgs)} reader memberships, {sum(row_counts(REGISTERS[0], o) for o in orgs)} assets")
    header2 = f"{'page':<28} {'queries':>8} {'ms':>16}  {'target':<22} result"
    print(header2)
    print("-" * len(header2))
    # The reader's query count must not grow with the organisations either: compare with a reader of two.
    for path in ("/overview/", "/registry/assets/"):
        figure = measure(reader_client, path, args.repeat)
        reference = measure(two_reader, path, 1)["queries"]
        result = verdict(reference == figure["queries"], figure)
        results.append((f"reader {path}", result))
        note = f" (reader of 2 organisations: {reference})"
        print(
            f"{path:<28} {figure['queries']:>8} {figure['wall']:>6.0f} (cpu {figure['cpu']:>3.0f})  "
            f"{'equal, <= 100 ms':<22} {result}{note}",
            flush=True,
        )

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        fetch(large_client, args.profile)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)

    load = os.getloadavg()
    missed = [name for name, result in results if result != "PASS"]
    print()
    print(f"load average after {load[0]:.1f}")
    if missed:
        print(f"SUMMARY: {len(results) - len(missed)}/{len(results)} pages PASS; MISS: {', '.join(missed)}")
    else:
        print(f"SUMMARY: {len(results)}/{len(results)} pages PASS")
    if not is_postgres:
        print("(measured on SQLite: the targets are for PostgreSQL)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
