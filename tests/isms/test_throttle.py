"""The database counters and slots behind the /verify/ rate limit and the draft-render limit (isms.throttle): exact
when requests arrive at once (threads against PostgreSQL), window by window, pruned by the daily job.

Threads wait on a barrier, not on the clock, so the tests do not depend on the machine's speed."""

import datetime
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from isms import throttle
from isms.models import RateCounter, WorkSlot

SHA = "ab" * 32  # a well-formed hash no review has: every lookup answers 200 "not found" until the limit


@pytest.fixture
def frozen(monkeypatch):
    """The throttle's clock stopped at a fixed moment; `frozen.move(seconds)` moves it."""

    class Clock:
        moment = datetime.datetime(2025, 3, 1, 12, 0, 30, tzinfo=datetime.UTC)

        def move(self, seconds):
            self.moment += datetime.timedelta(seconds=seconds)

    clock = Clock()
    monkeypatch.setattr(throttle, "now", lambda: clock.moment)
    return clock


def in_parallel(n: int, work) -> list:
    """work(i) in n threads released together; their results in thread order (an exception fails the test)."""
    barrier, results, errors = threading.Barrier(n), [None] * n, []

    def run(i):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("threads need a database that serves several connections at once: run with scripts/with-postgres")


@pytest.mark.django_db(transaction=True)
def test_parallel_lookups_get_exactly_the_limit_on_postgresql(settings):
    postgresql_only()
    settings.VERIFY_RATE_LIMIT = 5

    statuses = in_parallel(16, lambda i: Client().get("/verify/", {"sha256": SHA}).status_code)

    assert sorted(statuses) == [200] * 5 + [429] * 11


@pytest.mark.django_db(transaction=True)
def test_parallel_hits_count_exactly_and_each_sees_its_own_count_on_postgresql(frozen):
    postgresql_only()

    counts = in_parallel(20, lambda i: throttle.hit("verify:10.0.0.1", window=600))

    assert sorted(counts) == list(range(1, 21))
    assert RateCounter.objects.get().count == 20


@pytest.mark.django_db
def test_hits_count_per_key_and_window(frozen):
    assert [throttle.hit("verify:10.0.0.1", window=600) for _ in range(3)] == [1, 2, 3]
    assert throttle.hit("verify:10.0.0.2", window=600) == 1

    frozen.move(570)  # 12:10:00: a new ten-minute window (windows start at whole multiples of their length)
    assert throttle.hit("verify:10.0.0.1", window=600) == 1
    starts = sorted(RateCounter.objects.filter(key="verify:10.0.0.1").values_list("window_start", flat=True))
    assert starts == [
        datetime.datetime(2025, 3, 1, 12, 0, tzinfo=datetime.UTC),
        datetime.datetime(2025, 3, 1, 12, 10, tzinfo=datetime.UTC),
    ]


@pytest.mark.django_db
def test_the_daily_job_prunes_ended_windows_and_expired_slots(frozen):
    throttle.hit("verify:10.0.0.1", window=600)
    frozen.move(24 * 3600 + 600)
    throttle.hit("verify:10.0.0.1", window=600)
    WorkSlot.objects.create(scope="draft-render", name="owner:1", token="a", expires_at=frozen.moment)
    WorkSlot.objects.create(
        scope="draft-render", name="owner:2", token="b", expires_at=frozen.moment + datetime.timedelta(seconds=1)
    )

    out = StringIO()
    call_command("prune_throttle", stdout=out)

    assert RateCounter.objects.count() == 1  # the current window stays
    assert list(WorkSlot.objects.values_list("name", flat=True)) == ["owner:2"]
    assert "1" in out.getvalue()


def test_the_daily_job_runs_the_pruning():
    from pathlib import Path

    unit = (Path(__file__).resolve().parents[2] / "deploy/systemd/lis-portalen-daily.service").read_text()
    assert "manage.py prune_throttle" in unit
