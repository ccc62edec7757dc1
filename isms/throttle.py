"""Rate limits and limits on work running at once, kept in the database that every app process shares, and exact
under concurrency on SQLite and PostgreSQL alike.

- hit(key, window=…) counts one hit on `key` in the current fixed window (RateCounter) and returns the window's
  count with it. The count moves by one conditional UPDATE … SET count = count + 1, which the database serialises on
  the row; the window's row is inserted first when absent, and a parallel request that inserted it first makes the
  insert fail (IntegrityError) and the hit count on that row instead. Django's database cache, used before, read the
  value and wrote it back (cache.incr), so parallel requests overwrote each other's hits and got past the limit.
- concurrency_slot(scope, owner, site_wide=…, expiry=…) holds one slot per owner and one of `site_wide` slots of a
  kind of work while a block runs (WorkSlot rows: taking a slot is inserting its row; the unique constraint makes a
  slot already held fail) and raises SlotTaken when either is held.
- prune() deletes the counters of windows that have ended and expired slots (`manage.py prune_throttle`, daily).

On SQLite a write may find the database locked by another connection's write for longer than its busy timeout:
that is retried a few times after a short pause (LOCKED_RETRIES), never taken for a full limit or a held slot.
"""

import contextlib
import datetime
import time
import uuid

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import RateCounter, WorkSlot

#: Attempts at a write that finds a SQLite database locked, with pauses of 0.05, 0.1, 0.2 … seconds between them.
LOCKED_RETRIES = 5
#: How long the counters of ended windows are kept before prune() deletes them: longer than any window in use.
KEEP_COUNTERS = datetime.timedelta(days=1)


def now() -> datetime.datetime:
    """The current time (aware): one place for tests to stop or move the clock."""
    return timezone.now()


def window_start(moment: datetime.datetime, window: int) -> datetime.datetime:
    """The start (aware, UTC) of the fixed window of `window` seconds that contains `moment`: windows are aligned to
    whole multiples of their length since the epoch, so every process agrees on them."""
    seconds = int(moment.timestamp()) // window * window
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)


def hit(key: str, *, window: int) -> int:
    """Count one hit on `key` (at most 200 characters) in the current window of `window` seconds and return the
    window's count including this hit: 1 for its first. Exact under concurrency: N parallel hits make the count N and
    return 1 … N, each once. Raises OperationalError only when the database stays locked through every retry."""
    start = window_start(now(), window)
    return _retrying_locked(lambda: _count(key, start))


def _count(key: str, start: datetime.datetime) -> int:
    counter = RateCounter.objects.filter(key=key, window_start=start)
    for _attempt in range(3):
        with transaction.atomic():
            # The UPDATE locks the row until the transaction ends, so the count read back is this hit's.
            if counter.update(count=F("count") + 1):
                return counter.values_list("count", flat=True).get()
        try:
            with transaction.atomic():
                RateCounter.objects.create(key=key, window_start=start, count=1)
            return 1
        except IntegrityError:
            continue  # a parallel request inserted the window's row first: count on it
    raise RuntimeError(f"the rate counter {key!r} of {start:%Y-%m-%d %H:%M} could neither be raised nor inserted")


class SlotTaken(Exception):
    """No slot for the work now: `own` is True when the owner already holds theirs (their earlier request still
    runs), False when every site-wide slot is taken."""

    def __init__(self, *, own: bool):
        super().__init__("own slot taken" if own else "all slots taken")
        self.own = own


@contextlib.contextmanager
def concurrency_slot(scope: str, owner: str, *, site_wide: int, expiry: int):
    """Run the block holding the one slot of `owner` and one of `site_wide` slots of `scope` (at most 50 characters);
    raises SlotTaken (before the block runs) when either is held.

    The slots are WorkSlot rows in the database every process shares. They are released when the block ends, also by
    an exception, and expire `expiry` seconds after they were taken whatever happens, so a worker that died mid-block
    locks nobody out for longer. A slot is released only by the holder that took it (a token): one held past its
    expiry and taken over by another request is left to that request."""
    token = uuid.uuid4().hex
    moment = now()
    expires_at = moment + datetime.timedelta(seconds=expiry)
    held: list[str] = []
    try:
        _retrying_locked(lambda: WorkSlot.objects.filter(scope=scope, expires_at__lte=moment).delete())
        own = f"owner:{owner}"
        if not _take(scope, own, token, expires_at):
            raise SlotTaken(own=True)
        held.append(own)
        shared = next((f"slot:{n}" for n in range(site_wide) if _take(scope, f"slot:{n}", token, expires_at)), None)
        if shared is None:
            raise SlotTaken(own=False)
        held.append(shared)
        yield
    finally:
        if held:
            _retrying_locked(lambda: WorkSlot.objects.filter(scope=scope, name__in=held, token=token).delete())


def _take(scope: str, name: str, token: str, expires_at: datetime.datetime) -> bool:
    """Insert the slot's row: True when taken now, False when another holder has it."""

    def insert() -> bool:
        try:
            with transaction.atomic():
                WorkSlot.objects.create(scope=scope, name=name, token=token, expires_at=expires_at)
        except IntegrityError:
            return False
        return True

    return _retrying_locked(insert)


def prune(*, keep: datetime.timedelta = KEEP_COUNTERS) -> tuple[int, int]:
    """Delete the rate counters whose window started more than `keep` ago and the slots that have expired; returns
    how many of each (counters, slots)."""
    moment = now()
    counters, _ = RateCounter.objects.filter(window_start__lt=moment - keep).delete()
    slots, _ = WorkSlot.objects.filter(expires_at__lte=moment).delete()
    return counters, slots


def _retrying_locked(operation):
    """operation(), tried again after a short pause when SQLite answers that the database is locked (another
    connection's write outlasted the busy timeout), up to LOCKED_RETRIES times; any other error at once. Inside an
    outer transaction nothing is retried: its own locks would still be held."""
    for attempt in range(LOCKED_RETRIES):
        try:
            return operation()
        except OperationalError as error:
            retry = (
                connection.vendor == "sqlite"
                and "locked" in str(error)
                and not connection.in_atomic_block
                and attempt < LOCKED_RETRIES - 1
            )
            if not retry:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")
