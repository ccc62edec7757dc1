"""Writes to the registers, named <entity>_<action>. Each runs in a transaction and leaves history with its actor."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Incident, IncidentCounter, Organisation


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


@transaction.atomic
def incident_create(
    *, organisation: Organisation, user: AbstractBaseUser | None, became_aware_at: datetime.datetime, **fields
) -> Incident:
    """Register an incident with the next reference of its year ("2024-001", "2024-002", …).

    The year is that of `became_aware_at` in Europe/Stockholm. `fields` are Incident fields except `assets`; raises
    django.core.exceptions.ValidationError (from full_clean) on invalid values, nothing is saved then.
    """
    year = timezone.localtime(became_aware_at).year
    incident = Incident(
        organisation=organisation,
        became_aware_at=became_aware_at,
        year=year,
        created_by=user,
        updated_by=user,
        **fields,
    )
    incident.sequence = 0
    incident.full_clean(exclude=["sequence"], validate_unique=False)
    incident.sequence = incident_next_sequence(organisation, year)
    incident._history_user = user
    incident.save()
    return incident
