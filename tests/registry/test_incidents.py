import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from registry.models import Incident, add_months
from registry.services import incident_create
from tests.factories import organisation

STHLM = ZoneInfo("Europe/Stockholm")
UTC = datetime.UTC


def local(*args):
    return datetime.datetime(*args, tzinfo=STHLM)


def breach(aware, **kwargs):
    return Incident(title="x", is_personal_data_breach=True, became_aware_at=aware, **kwargs)


def test_breach_deadline_is_72_hours_after_becoming_aware_at_23_30_on_31_october():
    incident = breach(local(2023, 10, 31, 23, 30))  # CET (UTC+1), after the change on 29 October
    deadline = incident.breach_deadline
    assert deadline.tzinfo == UTC
    assert deadline.astimezone(STHLM) == local(2023, 11, 3, 23, 30)


def test_breach_deadline_across_autumn_change_is_72_real_hours():
    aware = local(2024, 10, 26, 10, 0)  # CEST, UTC+2; clocks go back 27 October 03:00
    deadline = breach(aware).breach_deadline
    assert deadline - aware == datetime.timedelta(hours=72)
    assert deadline.astimezone(STHLM).strftime("%Y-%m-%d %H:%M %Z") == "2024-10-29 09:00 CET"


def test_breach_deadline_across_spring_change_is_72_real_hours():
    aware = local(2024, 3, 30, 10, 0)  # CET, UTC+1; clocks go forward 31 March 02:00
    deadline = breach(aware).breach_deadline
    assert deadline - aware == datetime.timedelta(hours=72)
    assert deadline.astimezone(STHLM).strftime("%Y-%m-%d %H:%M %Z") == "2024-04-02 11:00 CEST"


def test_breach_notified_after_80_hours_is_late_and_within_72_is_not():
    aware = local(2024, 5, 6, 8, 0)
    assert breach(aware, imy_notified_at=aware + datetime.timedelta(hours=80)).breach_notified_late
    assert not breach(aware, imy_notified_at=aware + datetime.timedelta(hours=72)).breach_notified_late


def test_breach_clock_overdue_unless_notified_or_reason_recorded():
    aware = local(2024, 5, 6, 8, 0)
    later = aware + datetime.timedelta(hours=73)
    assert breach(aware).breach_overdue(now=later)
    assert not breach(aware).breach_overdue(now=aware + datetime.timedelta(hours=71))
    assert not breach(aware, not_notified_reason="Låg risk: krypterad enhet").breach_overdue(now=later)
    assert not Incident(title="x", became_aware_at=aware).breach_overdue(now=later)  # not a breach: no clock


def test_nis2_clocks_24h_72h_and_final_report_one_month_after_the_notification():
    aware = local(2025, 1, 30, 12, 0)
    incident = Incident(title="x", is_significant_nis2=True, became_aware_at=aware)
    assert incident.nis2_early_warning_deadline - aware == datetime.timedelta(hours=24)
    assert incident.nis2_notification_deadline - aware == datetime.timedelta(hours=72)
    assert incident.nis2_final_report_deadline is None
    incident.notification_at = local(2025, 1, 31, 9, 0)  # 08:00 UTC
    assert incident.nis2_final_report_deadline == datetime.datetime(2025, 2, 28, 8, 0, tzinfo=UTC)
    now = local(2025, 3, 1, 0, 0)
    incident.early_warning_at = aware + datetime.timedelta(hours=2)
    assert incident.nis2_overdue(now=now) == ["final_report"]


def test_add_months_clamps_to_month_end():
    assert add_months(datetime.datetime(2024, 1, 31, 10), 1) == datetime.datetime(2024, 2, 29, 10)
    assert add_months(datetime.datetime(2024, 12, 15), 1) == datetime.datetime(2025, 1, 15)


@pytest.mark.django_db
def test_references_run_per_year_without_gaps():
    org = organisation()
    refs = [
        incident_create(organisation=org, user=None, title=f"i{n}", became_aware_at=local(2024, 3, n + 1, 12)).reference
        for n in range(3)
    ]
    new_year = incident_create(organisation=org, user=None, title="ny", became_aware_at=local(2025, 1, 1, 0, 30))
    other = incident_create(organisation=organisation(), user=None, title="a", became_aware_at=local(2024, 3, 1, 12))
    assert refs == ["2024-001", "2024-002", "2024-003"]
    assert new_year.reference == "2025-001"  # 2024-12-31 23:30 UTC is 2025 in Stockholm
    assert other.reference == "2024-001"


@pytest.mark.django_db(transaction=True)
def test_references_under_concurrency_are_unique_and_gapless():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the row lock matters on PostgreSQL")
    org = organisation()
    errors, barrier = [], threading.Barrier(8)

    def register(n):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            incident_create(organisation=org, user=None, title=f"t{n}", became_aware_at=local(2024, 6, 1, 12))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(Incident.objects.filter(organisation=org).values_list("sequence", flat=True)) == list(range(1, 9))
