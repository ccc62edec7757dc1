"""Writes to the registers, named <entity>_<action>. Each runs in a transaction and leaves history with its actor."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from isms.models import ConflictError

from .models import AuditReport, AuditReportArea, Incident, IncidentCounter, Organisation


def incident_next_sequence(organisation: Organisation, year: int) -> int:
    """Allocate the next sequence number of `year`, holding a row lock on the counter until the transaction ends,
    so two incidents registered at the same moment get consecutive numbers, never the same one or a gap."""
    for _attempt in range(3):
        counter = IncidentCounter.objects.select_for_update().filter(organisation=organisation, year=year).first()
        if counter is not None:
            counter.last += 1
            counter.save(update_fields=["last"])
            return counter.last
        try:
            with transaction.atomic():  # a savepoint: a concurrent first insert makes this one retry
                IncidentCounter.objects.create(organisation=organisation, year=year, last=1)
            return 1
        except IntegrityError:
            continue
    raise RuntimeError("could not allocate an incident number")  # pragma: no cover


def incident_assign_reference(incident: Incident) -> None:
    """Give a new incident its reference: the year it became known (Incident.counted_year), fixed from now on, and
    the next sequence number of that year, allocated under the counter's row lock, so call it inside the transaction
    that saves the incident. Every path that registers an incident (incident_create, the register form, the admin)
    goes through it."""
    incident.year = incident.counted_year
    incident.sequence = incident_next_sequence(incident.organisation, incident.year)


@transaction.atomic
def incident_create(
    *, organisation: Organisation, user: AbstractBaseUser | None, became_aware_at: datetime.datetime, **fields
) -> Incident:
    """Register an incident with the next reference of its year ("2024-001", "2024-002", …).

    The year is that of `became_aware_at` in Europe/Stockholm (incident_assign_reference). `fields` are Incident
    fields except `assets`; raises django.core.exceptions.ValidationError (from full_clean) on invalid values,
    nothing is saved then.
    """
    incident = Incident(
        organisation=organisation, became_aware_at=became_aware_at, created_by=user, updated_by=user, **fields
    )
    incident.year = incident.sequence = 0  # given by incident_assign_reference once the values are valid
    incident.full_clean(exclude=["year", "sequence"], validate_unique=False)
    incident_assign_reference(incident)
    incident._history_user = user
    incident.save()
    return incident


@transaction.atomic
def register_create(*, form, organisation: Organisation, user, before_save=None):
    """Save a new register row from a valid ModelForm, owned by `organisation`, created by `user`.

    `before_save(obj)` may fill in derived fields inside the same transaction (e.g. an incident's reference).
    Returns the saved row; its history records `user`.
    """
    obj = form.save(commit=False)
    if hasattr(obj, "organisation_id") and not getattr(obj, "organisation_id", None):
        obj.organisation = organisation
    obj.created_by = obj.updated_by = user
    if before_save:
        before_save(obj)
    obj._history_user = user
    obj.save()
    form.save_m2m()
    return obj


@transaction.atomic
def register_update(*, form, user, expected_version: int):
    """Save a valid ModelForm over its row unless someone saved it since version `expected_version` was read (the
    version the form carried), and return the row at its next version.

    The check and the version's move are the model's save (isms.models.TimeStampedModel): raises ConflictError
    (nothing saved) when the row's version is no longer `expected_version`.
    """
    obj = form.save(commit=False)
    obj.version = expected_version
    obj.updated_by = user
    obj._history_user = user
    obj.save()
    form.save_m2m()
    return obj


@transaction.atomic
def register_delete(*, obj, user) -> None:
    """Delete a row that nothing refers to; raises django.db.models.ProtectedError when something does."""
    obj._history_user = user
    obj.delete()


@transaction.atomic
def audit_report_areas_update(
    *, report: AuditReport, organisation: Organisation, texts: dict[str, str], versions: dict[str, int], user
) -> int:
    """Set the DPO's status text of each area of `report` for `organisation` from `texts` ({area: text}).

    `versions` holds the version of each area row as it was read when the form was opened (areas without a row then
    are absent). Raises ConflictError, and saves nothing, when a row changed or appeared since. A blank text for an
    area without a row adds none. Returns the number of rows written; each leaves history with `user`.
    """
    rows = AuditReportArea.objects.select_for_update().filter(report=report, organisation=organisation)
    existing = {row.area: row for row in rows}
    if {area: row.version for area, row in existing.items()} != versions:
        raise ConflictError
    written = 0
    for area, text in texts.items():
        row = existing.get(area)
        if row is None:
            if not text.strip():
                continue
            row = AuditReportArea(report=report, organisation=organisation, area=area, created_by=user)
        elif row.status_text == text:
            continue
        row.status_text = text
        row.updated_by = user
        row._history_user = user
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:  # another user added the same area at the same moment
            raise ConflictError from None
        written += 1
    return written
