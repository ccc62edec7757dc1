"""Writes to the registers, named <entity>_<action>. Each runs in a transaction and leaves history with its actor."""

import datetime
from collections.abc import Callable, Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from isms.models import ConflictError, Organisation
from isms.permissions import EDIT, organisations_with

from .models import AuditReport, AuditReportArea, Incident, IncidentCounter


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
def register_update(*, form, user, expected_version: int, before_save: Callable | None = None):
    """Save a valid ModelForm over its row unless someone saved it since version `expected_version` was read (the
    version the form carried), and return the row at its next version.

    The check and the version's move are the model's save (isms.models.TimeStampedModel): raises ConflictError
    (nothing saved) when the row's version is no longer `expected_version`. `before_save(obj)` runs with the row
    locked at that version and may refuse (any exception undoes everything).
    """
    obj = form.save(commit=False)
    obj.version = expected_version
    obj.updated_by = user
    obj._history_user = user
    if before_save:
        if not type(obj)._default_manager.select_for_update().filter(pk=obj.pk, version=expected_version).exists():
            raise ConflictError
        before_save(obj)
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


def audit_report_change_refusal(
    *, report: AuditReport, user: AbstractBaseUser, addressees: Iterable[Organisation] = ()
) -> str | None:
    """Why `user` may not change `report`'s common fields (issuer, title, number, reference number, date, overall
    assessment and addressees) so that it is addressed to `addressees`, as a sentence to show; None when they may.

    A report is common to every organisation it is addressed to, so changing it takes the coordinator's capability
    (EDIT) in each of them, the ones it is addressed to now and the ones it is to be addressed to, or the
    installation's administrator (a superuser). Each organisation's recommendations, responses and area texts are
    its own and not governed by this rule. Two queries.
    """
    if user.is_superuser:
        return None
    coordinated = set(organisations_with(user, EDIT).values_list("pk", flat=True))
    current = list(report.organisations.order_by("name", "pk")) if report.pk else []
    missing = [o for o in current if o.pk not in coordinated]
    if missing:
        return _(
            "The audit report is also addressed to %(organisations)s, where you are not information security "
            "coordinator. Only someone who is coordinator in every organisation the report is addressed to, or the "
            "administrator of LIS-portalen, may change its common details (issuer, title, number, date, addressees "
            "…). Your organisation's own recommendations, responses and assessments per area you change as usual."
        ) % {"organisations": ", ".join(o.name for o in missing)}
    known = {o.pk for o in current}
    added = sorted({o for o in addressees if o.pk not in known and o.pk not in coordinated}, key=lambda o: o.name)
    if added:
        return _(
            "You are not information security coordinator in %(organisations)s and can therefore not address the "
            "audit report to it."
        ) % {"organisations": ", ".join(o.name for o in added)}
    return None


def _refuse_change(report: AuditReport, user: AbstractBaseUser, addressees: list[Organisation]) -> None:
    if refusal := audit_report_change_refusal(report=report, user=user, addressees=addressees):
        raise PermissionDenied(refusal)


@transaction.atomic
def audit_report_create(*, form, organisation: Organisation, user: AbstractBaseUser, before_save=None) -> AuditReport:
    """Save a new audit report from a valid AuditReportForm, addressed to form.addressees() (the current
    `organisation` among them), as register_create does. Raises PermissionDenied (nothing saved) unless `user` may
    address it to all of them (audit_report_change_refusal). History: the creation, then the addressees, with `user`.
    """
    addressees = form.addressees()
    _refuse_change(AuditReport(), user, addressees)
    report = register_create(form=form, organisation=organisation, user=user, before_save=before_save)
    report._history_user = user
    report.organisations.set(addressees)
    return report


@transaction.atomic
def audit_report_update(*, form, user: AbstractBaseUser, expected_version: int) -> AuditReport:
    """Save a valid AuditReportForm over its report, addressed to form.addressees(), as register_update does (one
    history record with `user`, the addressees in it).

    Raises PermissionDenied (nothing saved) unless `user` may change the report's common fields
    (audit_report_change_refusal); ValidationError when, checked again with the report locked, the issuer crosses the
    DPO annual report's line while there are recommendations (AuditReport.clean) or an addressee with
    recommendations or area texts would be removed (AuditReport.clean_addressees); ConflictError as register_update.
    """
    addressees = form.addressees()

    def check_and_address(report: AuditReport) -> None:
        _refuse_change(report, user, addressees)
        report.clean()
        report.clean_addressees(addressees)
        if set(report.organisations.values_list("pk", flat=True)) != {o.pk for o in addressees}:
            # Without a history record of its own: the report's save right after records the new addressees.
            report.skip_history_when_saving = True
            try:
                report.organisations.set(addressees)
            finally:
                del report.skip_history_when_saving

    return register_update(form=form, user=user, expected_version=expected_version, before_save=check_and_address)
