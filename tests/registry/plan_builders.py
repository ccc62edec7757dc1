"""Builders for the tests of the audit, control, action plan, steering document and factor screens."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from isms.models import Membership
from registry.models import (
    Action,
    AuditReport,
    ControlCheck,
    ExternalFactor,
    FactorCategory,
    Issuer,
    Recommendation,
    SteeringDocument,
)

_seq = itertools.count(1)
D = datetime.date


def member(org, role, username=None):
    """A user with one membership: `role` in `org`."""
    user = get_user_model().objects.create_user(
        username=username or f"{role}{next(_seq)}"
    )  # no password: no slow hashing
    Membership.objects.create(user=user, organisation=org, role=role)
    return user


def report(*orgs, issuer=Issuer.CITY_AUDIT, **kwargs):
    kwargs.setdefault("title", f"Granskning {next(_seq)}")
    kwargs.setdefault("date", D(2023, 2, 28))
    obj = AuditReport.objects.create(issuer=issuer, **kwargs)
    obj.organisations.set(orgs)
    return obj


def recommendation(org, rep=None, number=None, **kwargs):
    rep = rep or report(org)
    kwargs.setdefault("text", f"Rekommendation {next(_seq)}")
    if number is None:
        number = (Recommendation.objects.filter(report=rep, organisation=org).count() or 0) + 1
    return Recommendation.objects.create(organisation=org, report=rep, number=number, **kwargs)


def control(org, **kwargs):
    kwargs.setdefault("plan_year", 2024)
    kwargs.setdefault("process", "Behörighetshantering")
    kwargs.setdefault("control", f"Stickprov {next(_seq)}")
    return ControlCheck.objects.create(organisation=org, **kwargs)


def action(org, **kwargs):
    kwargs.setdefault("plan_year", 2024)
    kwargs.setdefault("title", f"Åtgärd {next(_seq)}")
    return Action.objects.create(organisation=org, **kwargs)


def document(org, **kwargs):
    kwargs.setdefault("title", f"Rutin {next(_seq)}")
    return SteeringDocument.objects.create(organisation=org, **kwargs)


def factor(org, **kwargs):
    kwargs.setdefault("title", f"Faktor {next(_seq)}")
    kwargs.setdefault("category", FactorCategory.LAW)
    kwargs.setdefault("text", "Text")
    return ExternalFactor.objects.create(organisation=org, **kwargs)
