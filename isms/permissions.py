"""Who may do what, where: roles → capabilities, the current organisation, and the scoped fetch every view uses.

Every register query in a view goes through `scoped()` or `get_object_for_user()`: another organisation's row is
never found (404), and a row of the user's organisation that their role may not change answers 403.
"""

from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import urlencode

from .models import Membership, Organisation, Role

VIEW = "view"  # read every register of the organisation
EDIT = "edit"  # change every register
EDIT_ASSETS = "edit_assets"  # change assets, classifications and processing records
EDIT_DPO = "edit_dpo"  # create and change recommendations whose source is the DPO annual report
COMMENT = "comment"  # comment on rows and review sections
VIEW_DRAFTS = "view_drafts"  # see management reviews before approval
PREPARE_REVIEW = "prepare_review"  # start, edit and submit the management review
APPROVE = "approve"  # approve (fastställa) the management review, or send it back

CAPABILITIES: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset({VIEW, EDIT, EDIT_ASSETS, EDIT_DPO, COMMENT, VIEW_DRAFTS, PREPARE_REVIEW}),
    Role.CONTRIBUTOR: frozenset({VIEW, EDIT_ASSETS}),
    Role.DPO: frozenset({VIEW, EDIT_DPO, COMMENT, VIEW_DRAFTS}),
    Role.HEAD: frozenset({VIEW, COMMENT, VIEW_DRAFTS, APPROVE}),
    Role.READER: frozenset({VIEW}),
}

SESSION_KEY = "organisation_id"


def capabilities(membership: Membership | None) -> frozenset[str]:
    """The capabilities of a membership's role; none without a membership."""
    return CAPABILITIES.get(membership.role, frozenset()) if membership else frozenset()


def organisations_with(user, capability: str) -> models.QuerySet:
    """The active organisations where `user` holds a membership whose role grants `capability`, by name (the
    organisations the user could choose to work in and do it there); none for an anonymous user."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    roles = [role for role, granted in CAPABILITIES.items() if capability in granted]
    return Organisation.objects.filter(is_active=True, memberships__user=user, memberships__role__in=roles).order_by(
        "name", "pk"
    )


def has(request, capability: str) -> bool:
    """True when the request's current membership grants `capability`."""
    return capability in capabilities(getattr(request, "membership", None))


def require(request, capability: str) -> None:
    """Raise PermissionDenied (403) unless the current membership grants `capability`."""
    if not has(request, capability):
        raise PermissionDenied


class OrganisationMiddleware:
    """Sets request.memberships (the user's, with their organisations: one query) and request.membership, the one
    chosen in the session; with a single membership that one is chosen. request.organisation follows it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships, request.membership, request.organisation = [], None, None
        if request.user.is_authenticated:
            request.memberships = list(
                request.user.memberships.select_related("organisation")
                .filter(organisation__is_active=True)
                .order_by("organisation__name")
            )
            chosen = request.session.get(SESSION_KEY)
            for membership in request.memberships:
                if membership.organisation_id == chosen:
                    request.membership = membership
            if request.membership is None and len(request.memberships) == 1:
                request.membership = request.memberships[0]
            if request.membership:
                request.organisation = request.membership.organisation
        return self.get_response(request)


def organisation_required(view):
    """Sign-in required, and a chosen organisation: without one the user is sent to pick it (or told they have
    none). Implies `login_required`."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.membership is None:
            response = redirect("choose_organisation")
            if request.method == "GET" and request.get_full_path() != "/":
                response["Location"] += "?" + urlencode({"next": request.get_full_path()})
            return response
        return view(request, *args, **kwargs)

    return wrapper


def organisation_path(model: type[models.Model]) -> str:
    """The lookup from a row of `model` to its organisation: the model's own `organisation_path` where it reaches
    the organisation through another row (a classification: "asset__organisation"; an audit report, addressed to
    several: "organisations"), else its `organisation` field. Each model says it, so the floor names no app's model."""
    return getattr(model, "organisation_path", "organisation")


def scoped(request, model_or_queryset) -> models.QuerySet:
    """The rows of the request's current organisation only (404 semantics for everything else)."""
    queryset = model_or_queryset._default_manager.all() if isinstance(model_or_queryset, type) else model_or_queryset
    if request.organisation is None:
        return queryset.none()
    return queryset.filter(**{organisation_path(queryset.model): request.organisation})


def get_object_for_user(request, model_or_queryset, pk, *, capability: str | Iterable[str] = VIEW):
    """The row `pk` of the current organisation, or Http404; PermissionDenied unless the role grants `capability`
    (any of several when an iterable is given). The organisation check comes first: another organisation's row is
    a 404 whatever the role."""
    try:
        obj = scoped(request, model_or_queryset).get(pk=pk)
    except (ValueError, TypeError, models.ObjectDoesNotExist):
        raise Http404 from None
    wanted = {capability} if isinstance(capability, str) else set(capability)
    if not wanted & capabilities(request.membership):
        raise PermissionDenied
    return obj
