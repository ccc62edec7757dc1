"""Benchmark of the management review: compile and PDF render of the demo review and of a large organisation's.

    .venv/bin/python bench/run.py [--repeat N] [--seed S] [--scale F] [--profile]

Run from anywhere; it sets DJANGO_SETTINGS_MODULE=isms.settings and ISMS_CLI=1 itself. Without DATABASE_URL it
creates a temporary SQLite file, migrates it, loads the demo data and generates the large organisation there, and
deletes it at the end: db.sqlite3 is never touched. With DATABASE_URL set it uses that database and WRITES TO IT:
load_demo (idempotent: creates or updates the demo organisations and users) and the large organisation (code
"large", created once, reused when it is already there).

The set-up (migrate, load_demo, generator) runs in a child process, so the measuring process's peak RSS is that of
rendering, not of generating data. The measuring process imports WeasyPrint, renders each review once untimed (warm
up), then for each review takes the median of --repeat timed runs, as wall-clock time and as this process's CPU
time (time.process_time; on a shared machine the wall clock also counts other processes' turns), of:

  compile      reviews.compiler.compile_review(review), with the number of SQL queries it makes;
  template     the compiled review through templates/pdf/review.html to an HTML string (isms.pdf.render_html);
  WeasyPrint   that HTML string through HTML(string=...).write_pdf() alone, as the renderer calls it;
  render       the compiled review to PDF bytes: template + WeasyPrint (reviews.pdf.render_compiled_pdf);
  total        end to end, reviews.pdf.render_review_pdf(review) (compile + template + WeasyPrint);
  outside      (compile + template) / total: the share of the total that is ours, not WeasyPrint's;

and, in one further untimed run each, the peak of Python allocations (tracemalloc) and the process's peak resident
set size (resource.getrusage ru_maxrss: the whole process since it started, Django and WeasyPrint included, so the
large review's figure is the process peak after both reviews). It prints the table with the targets and PASS/MISS
(on wall-clock time; the CPU-time verdict in brackets where it differs), the load average before and after, and a
summary line. It exits 0 even when a target is missed: it is a report, not a test.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import platform
import resource
import shutil
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

LARGE_CODE = "large"
DEMO_CODE = "eav"
PLAN_YEAR = 2024

# Targets (issue 2 §6, kept by issue 3).
DEMO_TOTAL_MS = 1000
LARGE_TOTAL_MS = 5000
LARGE_PEAK_MB = 400
OUTSIDE_SHARE = 25.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per review; the median is shown (3)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the large organisation (1)")
    parser.add_argument("--scale", type=float, default=1.0, help="size of the large organisation (1.0 = full)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of the large compile")
    parser.add_argument("--setup-only", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# ---------------------------------------------------------------------------------------------------------------------
# Set-up (in a child process)
# ---------------------------------------------------------------------------------------------------------------------


def setup_database(seed: int, scale: float) -> None:
    """Migrate, load the demo data and generate the large organisation unless it exists; prints what it did."""
    import django

    django.setup()
    from django.core.management import call_command

    from bench.generate import generate_large_organisation, sizes_for
    from isms.models import Organisation
    from portal.demo import load_demo

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    load_demo(password=os.environ.get("DEMO_PASSWORD") or None)
    loaded = time.perf_counter()
    if Organisation.objects.filter(code=LARGE_CODE).exists():
        print(f"set-up: organisation {LARGE_CODE!r} already in the database: reused as it is", flush=True)
    else:
        generate_large_organisation(code=LARGE_CODE, seed=seed, scale=scale)
        sizes = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in sizes_for(scale).items())
        print(f"set-up: generated {LARGE_CODE!r} (seed {seed}, scale {scale}): {sizes}", flush=True)
    done = time.perf_counter()
    print(
        f"set-up: migrate {migrated - started:.1f} s, load_demo {loaded - migrated:.1f} s, "
        f"generator {done - loaded:.1f} s",
        flush=True,
    )


# ---------------------------------------------------------------------------------------------------------------------
# The renderer's steps, taken apart
# ---------------------------------------------------------------------------------------------------------------------


def review_html(compiled) -> str:
    """The compiled review through the PDF template to an HTML string, as reviews.pdf renders it."""
    from isms.pdf import render_html
    from reviews.pdf import TEMPLATE, review_context

    return render_html(TEMPLATE, review_context(compiled))


def weasyprint_only(html: str) -> bytes:
    """WeasyPrint's own work on a finished HTML string, called as isms.pdf.html_to_pdf calls it for a review: the
    project's static/ as base URL, the bundled-files-only URL fetcher, PDF/A-3b and tags."""
    from weasyprint import HTML

    from isms.pdf import make_url_fetcher, project_static_dir
    from reviews.pdf import PDF_TAGS, PDF_VARIANT

    document = HTML(string=html, base_url=project_static_dir().resolve().as_uri() + "/", url_fetcher=make_url_fetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=PDF_TAGS, presentational_hints=True)


# ---------------------------------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------------------------------


def _timed(function, *args):
    """(result, wall seconds, CPU seconds of this process) of one call, after a garbage collection."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def max_rss_mb() -> float:
    """The process's peak resident set size so far, MB (Linux reports ru_maxrss in KiB, macOS in bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class Times:
    """Wall-clock and CPU milliseconds of repeated runs; `wall` and `cpu` are the medians."""

    def __init__(self):
        self.walls, self.cpus = [], []

    def add(self, wall: float, cpu: float) -> None:
        self.walls.append(wall * 1000)
        self.cpus.append(cpu * 1000)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)


def measure(review, repeat: int) -> dict:
    """The figures of one review (see the module docstring)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from isms.pdf import count_pages
    from reviews.compiler import compile_review
    from reviews.pdf import render_compiled_pdf, render_review_pdf

    def compile_():
        with translation.override("sv"):
            return compile_review(review)

    # Warm-up: one untimed run of everything.
    render_review_pdf(review)

    with CaptureQueriesContext(connection) as queries:
        compile_()
    figures = {"queries": len(queries.captured_queries)}
    times = {name: Times() for name in ("compile", "template", "weasy", "render", "total")}
    for _ in range(repeat):
        compiled, *seconds = _timed(compile_)
        times["compile"].add(*seconds)
        html, *seconds = _timed(review_html, compiled)
        times["template"].add(*seconds)
        _, *seconds = _timed(weasyprint_only, html)
        times["weasy"].add(*seconds)
        _, *seconds = _timed(render_compiled_pdf, compiled)
        times["render"].add(*seconds)
        pdf, *seconds = _timed(render_review_pdf, review)
        times["total"].add(*seconds)
    figures.update(times)
    for clock in ("wall", "cpu"):
        # Ours, measured directly (compile + template), over the end-to-end total: subtracting WeasyPrint's time
        # from the total instead would leave the difference of two large, separately noisy numbers.
        ours = getattr(times["compile"], clock) + getattr(times["template"], clock)
        figures[f"outside_{clock}"] = 100 * ours / getattr(times["total"], clock)
    figures["pages"] = count_pages(pdf)
    figures["pdf_kb"] = len(pdf) / 1024
    figures["html_kb"] = len(html.encode()) / 1024
    figures["sections"] = len(compiled.sections)
    figures["rows"] = sum(len(b.rows) + len(b.items) for s in compiled.sections for b in s.blocks)

    gc.collect()
    tracemalloc.start()
    render_review_pdf(review)
    figures["tracemalloc_mb"] = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    tracemalloc.stop()
    figures["max_rss_mb"] = max_rss_mb()
    return figures


def profile_compile(review) -> None:
    import cProfile
    import pstats

    from django.utils import translation

    from reviews.compiler import compile_review

    profiler = cProfile.Profile()
    with translation.override("sv"):
        profiler.runcall(compile_review, review)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


# ---------------------------------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _time_cell(figures: dict, key: str) -> str:
    times = figures[key]
    return f"{times.wall:.0f} (cpu {times.cpu:.0f})"


def targets_of(demo: dict, large: dict) -> list[tuple[str, bool, bool]]:
    """(target, met on wall-clock time, met on CPU time). Memory and queries have no clock: both verdicts agree."""

    def timed(figures, key, limit):
        return figures[key].wall <= limit, figures[key].cpu <= limit

    def outside(figures):
        return figures["outside_wall"] <= OUTSIDE_SHARE, figures["outside_cpu"] <= OUTSIDE_SHARE

    memory = large["max_rss_mb"] <= LARGE_PEAK_MB
    queries = demo["queries"] == large["queries"]
    return [
        (f"demo total <= {DEMO_TOTAL_MS / 1000:g} s", *timed(demo, "total", DEMO_TOTAL_MS)),
        (f"large total <= {LARGE_TOTAL_MS / 1000:g} s", *timed(large, "total", LARGE_TOTAL_MS)),
        (f"large peak memory (max RSS) <= {LARGE_PEAK_MB} MB", memory, memory),
        (f"demo outside WeasyPrint <= {OUTSIDE_SHARE:g} %", *outside(demo)),
        (f"large outside WeasyPrint <= {OUTSIDE_SHARE:g} %", *outside(large)),
        ("query count demo == large", queries, queries),
    ]


def report(demo: dict, large: dict, targets, repeat: int) -> None:
    """Print the table of figures, targets and verdicts (wall-clock verdict, CPU-time verdict in brackets)."""
    verdicts = {name: (wall, cpu) for name, wall, cpu in targets}

    def verdict(*names):
        parts = []
        for name in names:
            wall, cpu = verdicts[name]
            parts.append(_verdict(wall) if wall == cpu else f"{_verdict(wall)} (cpu {_verdict(cpu)})")
        return " / ".join(parts)

    names = [name for name, *_ in targets]
    rows = [
        ("compile (ms)", _time_cell(demo, "compile"), _time_cell(large, "compile"), "", ""),
        ("SQL queries of the compile", str(demo["queries"]), str(large["queries"]), "equal", verdict(names[5])),
        ("template -> HTML (ms)", _time_cell(demo, "template"), _time_cell(large, "template"), "", ""),
        ("PDF render (ms): template + WeasyPrint", _time_cell(demo, "render"), _time_cell(large, "render"), "", ""),
        (
            "total (ms): compile + render, end to end",
            _time_cell(demo, "total"),
            _time_cell(large, "total"),
            f"demo <= {DEMO_TOTAL_MS}, large <= {LARGE_TOTAL_MS}",
            verdict(names[0], names[1]),
        ),
        ("pages", str(demo["pages"]), str(large["pages"]), "", ""),
        (
            "peak memory (MB): process max RSS",
            f"{demo['max_rss_mb']:.0f}",
            f"{large['max_rss_mb']:.0f}",
            f"large <= {LARGE_PEAK_MB}",
            verdict(names[2]),
        ),
        (
            "peak memory (MB): tracemalloc, Python only",
            f"{demo['tracemalloc_mb']:.1f}",
            f"{large['tracemalloc_mb']:.1f}",
            "",
            "",
        ),
        ("WeasyPrint alone, same HTML (ms)", _time_cell(demo, "weasy"), _time_cell(large, "weasy"), "", ""),
        (
            "outside WeasyPrint (% of total): compile + template",
            _outside(demo),
            _outside(large),
            f"<= {OUTSIDE_SHARE:g} % each",
            verdict(names[3], names[4]),
        ),
        ("sections / table rows + list items", f"{demo['sections']} / {demo['rows']}", f"{large['sections']} / {large['rows']}", "", ""),
        ("HTML / PDF size (KB)", _sizes(demo), _sizes(large), "", ""),
    ]  # fmt: skip
    headers = ("", f"demo ({DEMO_CODE} {PLAN_YEAR})", f"large ({LARGE_CODE} {PLAN_YEAR})", "target", "result")
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(5)]
    line = "  ".join(f"{{:<{widths[i]}}}" if i in (0, 4) else f"{{:>{widths[i]}}}" for i in range(5))
    print()
    print(line.format(*headers).rstrip())
    print(line.format(*("-" * w for w in widths)))
    for row in rows:
        print(line.format(*row).rstrip())
    print()
    print(
        f"Times: medians of {repeat} runs in a warm process (one untimed render of each review first), wall clock "
        "and, in brackets, this process's CPU time. Verdicts are on wall-clock time, with the CPU-time verdict in "
        "brackets where it differs (the machine is shared: the load average says how much)."
    )


def _outside(figures: dict) -> str:
    return f"{figures['outside_wall']:.1f} (cpu {figures['outside_cpu']:.1f})"


def _sizes(figures: dict) -> str:
    return f"{figures['html_kb']:.0f} / {figures['pdf_kb']:.0f}"


def load_average() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:  # pragma: no cover
        return "unknown"
    return f"{one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def environment() -> str:
    import django
    from django.db import connection

    try:
        import weasyprint

        weasy = weasyprint.__version__
    except ImportError:  # pragma: no cover
        weasy = "not installed"
    vendor = connection.vendor
    if vendor == "sqlite":
        import sqlite3

        vendor = f"SQLite {sqlite3.sqlite_version}"
    elif vendor == "postgresql":
        version = connection.cursor().connection.info.server_version  # e.g. 150018
        vendor = f"PostgreSQL {version // 10000}.{version % 10000}"
    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, WeasyPrint {weasy}, {vendor}, "
        f"{os.cpu_count()} CPUs, {platform.machine()}"
    )


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.setup_only:
        setup_database(args.seed, args.scale)
        return 0

    temporary = None
    if not os.environ.get("DATABASE_URL"):
        temporary = tempfile.mkdtemp(prefix="lis-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{temporary}/bench.sqlite3"
        where = f"temporary SQLite file {temporary}/bench.sqlite3 (deleted at the end)"
    else:
        where = "DATABASE_URL (rows are written there: demo data and the large organisation)"
    try:
        print(f"LIS-portalen review benchmark, {datetime.date.today().isoformat()}; database: {where}", flush=True)
        subprocess.run(
            [sys.executable, __file__, "--setup-only", "--seed", str(args.seed), "--scale", str(args.scale)],
            check=True,
        )
        return run_measurements(args)
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


def run_measurements(args) -> int:
    import django

    django.setup()
    import weasyprint  # noqa: F401  (imported before anything is timed: the import alone takes ~0.7 s)

    from reviews.models import ManagementReview

    print(environment(), flush=True)
    reviews = {
        code: ManagementReview.objects.select_related("organisation").get(
            organisation__code=code, plan_year=PLAN_YEAR, revision=1
        )
        for code in (DEMO_CODE, LARGE_CODE)
    }
    print(f"load average before: {load_average()}", flush=True)
    demo = measure(reviews[DEMO_CODE], args.repeat)
    large = measure(reviews[LARGE_CODE], args.repeat)
    targets = targets_of(demo, large)
    report(demo, large, targets, args.repeat)
    print(f"load average after: {load_average()}")
    if args.profile:
        profile_compile(reviews[LARGE_CODE])
    print(summary(targets))
    return 0


def summary(targets) -> str:
    """One line: how many targets passed on wall-clock time, and which missed (and whether on CPU time too)."""
    missed = [(name, cpu) for name, wall, cpu in targets if not wall]
    line = f"SUMMARY: {len(targets) - len(missed)}/{len(targets)} targets PASS"
    if missed:
        line += "; MISS: " + ", ".join(f"{name}{' (PASS on CPU time)' if cpu else ''}" for name, cpu in missed)
    return line


if __name__ == "__main__":
    sys.exit(main())
