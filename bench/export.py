"""Benchmark of the export of a large register (issue 11): 20 000 information assets to XLSX and CSV.

    .venv/bin/python bench/export.py                   # a temporary SQLite file; about 2-4 minutes here
    scripts/with-postgres .venv/bin/python bench/export.py
    .venv/bin/python bench/export.py --assets 2000     # a smaller register (quick check of the script)

Run from anywhere; it sets DJANGO_SETTINGS_MODULE=isms.settings and ISMS_CLI=1 itself. Without DATABASE_URL it
works on a temporary SQLite file, deleted at the end. With DATABASE_URL it WRITES TO THAT DATABASE: it migrates it
and creates the organisation `export<N>` (bench.generate.generate_large_organisation with N assets, the other
registers at the large organisation's size) and a reader, once; a later run reuses them.

The set-up runs in a child process, so this process's memory peak is the export's. Then, warm (one untimed export
of each first), it exports /registry/assets/export.xlsx and export.csv as the reader, --repeat times each, through
Django's test client with the response read to its end, and prints: wall-clock and CPU time (median), SQL queries,
rows and file size, the peak of Python allocations during one export (tracemalloc) and the process's peak resident
memory (ru_maxrss, which only grows). Also the queries of the same export for a small organisation, to show they
grow by chunk of rows (registry.spreadsheets.views.CHUNK_SIZE), not by row. Not a test: it exits 0 and reports.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "isms.settings"
os.environ["ISMS_CLI"] = "1"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assets", type=int, default=20000, help="assets in the large register (20000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed exports per format; the median is shown (3)")
    parser.add_argument("--setup-only", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def org_code(assets: int) -> str:
    return f"export{assets}"


def setup(assets: int) -> None:
    """Migrate; create the large organisation, a small one and their reader unless they exist (child process)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from bench.generate import generate_large_organisation
    from isms.models import Membership, Organisation, Role

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    for code, size in ((org_code(assets), assets), ("exportsmall", 50)):
        if not Organisation.objects.filter(code=code).exists():
            org = generate_large_organisation(code=code, sizes={"assets": size}, scale=1.0 if size > 50 else 0.01)
            user, _created = get_user_model().objects.get_or_create(username=f"{code}-reader")
            Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": Role.READER})
    print(f"set-up: {time.perf_counter() - started:.1f} s", flush=True)


def export_once(client, url: str) -> tuple[int, int, int]:
    """(queries, bytes, status) of one export read to its end."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
        size = sum(len(chunk) for chunk in response.streaming_content) if response.streaming else len(response.content)
    return len(queries), size, response.status_code


def measure(client, url: str, repeat: int) -> dict:
    export_once(client, url)  # warm
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        queries, size, status = export_once(client, url)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    tracemalloc.start()
    export_once(client, url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "status": status,
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "queries": queries,
        "bytes": size,
        "traced": peak / 2**20,
        "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def client_for(code: str):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=f"{code}-reader"))
    return client


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.setup_only:
        setup(args.assets)
        return 0
    temporary = None
    if not os.environ.get("DATABASE_URL"):
        temporary = Path(tempfile.mkdtemp(prefix="export-bench-")) / "export.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{temporary}"
    try:
        subprocess.run([sys.executable, __file__, "--setup-only", "--assets", str(args.assets)], check=True)
        return run(args)
    finally:
        if temporary:
            for path in temporary.parent.glob("*"):
                path.unlink()
            temporary.parent.rmdir()


def run(args) -> int:
    import django

    django.setup()
    from django.db import connection

    from registry.models import InformationAsset
    from registry.spreadsheets.views import CHUNK_SIZE

    code = org_code(args.assets)
    rows = InformationAsset.objects.filter(organisation__code=code).count()
    small_rows = InformationAsset.objects.filter(organisation__code="exportsmall").count()
    print(
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else ''}".rstrip()
        + f"; load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{rows} assets in {code}, {small_rows} in exportsmall; rows read {CHUNK_SIZE} a chunk\n")
    large, small = client_for(code), client_for("exportsmall")
    header = f"{'export':<28} {'wall s':>7} {'cpu s':>6} {'queries':>8} {'small':>6} {'MB':>6} {'traced MB':>10} {'max RSS MB':>11}"
    print(header)
    print("-" * len(header))
    for url in ("/registry/assets/export.xlsx", "/registry/assets/export.csv"):
        figure = measure(large, url, args.repeat)
        small_queries, _size, _status = export_once(small, url)
        assert figure["status"] == 200, figure
        print(
            f"{url:<28} {figure['wall']:>7.2f} {figure['cpu']:>6.2f} {figure['queries']:>8} {small_queries:>6} "
            f"{figure['bytes'] / 2**20:>6.1f} {figure['traced']:>10.1f} {figure['maxrss']:>11.0f}"
        )
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
