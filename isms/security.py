"""Sign-in security: session timeouts, the sign-in lockout page and the Content-Security-Policy header.

- SessionTimeoutMiddleware signs a user out after SESSION_IDLE_TIMEOUT seconds without a request and, whatever the
  activity, SESSION_ABSOLUTE_TIMEOUT seconds after signing in; the login page then says why.
- lockout_response is django-axes' AXES_LOCKOUT_CALLABLE: a Swedish page saying when to try again.
- ContentSecurityPolicyMiddleware sets CONTENT_SECURITY_POLICY on every response that has none.
- A deactivated user (is_active=False, in the admin or anywhere) is signed out everywhere: saving the user records
  the moment (isms.models.AccountDeactivation), and SessionTimeoutMiddleware ends every session signed in before it
  at its next request, even when the user has been activated again meanwhile. That needs no session to be found or
  decoded: a command run without the app's SECRET_KEY (manage.py shell gets a random one) cannot read the stored
  sessions, and deleting them (end_user_sessions, done as well) then finds none. A session whose user no longer
  loads (inactive after a bulk update that saved no user, or deleted) is ended at its next request too; a bulk
  update that deactivates and reactivates with no request between them leaves no trace and signs nobody out.
"""

import datetime
import math
import time
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import AccountDeactivation
from .throttle import SlotTaken  # noqa: F401 - reviews.views imports it from here

SIGNED_IN_AT = "signed_in_at"  # session key: epoch seconds of the sign-in
LAST_ACTIVITY = "last_activity"  # session key: epoch seconds of the last request (refreshed at most once a minute)
ACTIVITY_RESOLUTION = 60  # seconds: how stale LAST_ACTIVITY may get before it is written again


def now() -> float:
    """The current time in epoch seconds (one place for tests to move the clock)."""
    return time.time()


@receiver(user_logged_in)
def _start_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[LAST_ACTIVITY] = now()


class SessionTimeoutMiddleware:
    """Sign out after SESSION_IDLE_TIMEOUT seconds without a request, or SESSION_ABSOLUTE_TIMEOUT seconds after
    sign-in, whichever comes first. The next page then behaves as for an anonymous visitor (the sign-in page with
    `next`), with a message saying why. Put it after AuthenticationMiddleware and MessageMiddleware, and before
    anything that reads request.user for the organisation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        elif SESSION_KEY in request.session:
            # Signed in, but the user no longer loads: deactivated (or deleted). End the session now, so that
            # reactivating the user does not bring it back.
            request.session.flush()
            messages.info(
                request,
                _("You have been logged out because your account is no longer active. Contact the administrator."),
            )
        return self.get_response(request)

    def _check(self, request) -> None:
        session, moment = request.session, now()
        signed_in_at = session.get(SIGNED_IN_AT)
        last_activity = session.get(LAST_ACTIVITY)
        if deactivated_since(request.user, signed_in_at):
            logout(request)
            messages.info(
                request,
                _(
                    "You have been logged out because your account was deactivated after you logged in. Log in "
                    "again if your account is active."
                ),
            )
            return
        if signed_in_at is None or last_activity is None:  # a session from before this middleware: start its clocks
            session[SIGNED_IN_AT] = signed_in_at or moment
            session[LAST_ACTIVITY] = moment
            return
        idle, absolute = settings.SESSION_IDLE_TIMEOUT, settings.SESSION_ABSOLUTE_TIMEOUT
        if moment - last_activity > idle:
            message = ngettext(
                "You have been logged out because you have been inactive for %(minutes)d minute. Please log in again.",
                "You have been logged out because you have been inactive for %(minutes)d minutes. Please log in again.",
                idle // 60,
            ) % {"minutes": idle // 60}
        elif moment - signed_in_at > absolute:
            message = ngettext(
                "You have been logged out because you have been logged in for %(hours)d hour. Please log in again.",
                "You have been logged out because you have been logged in for %(hours)d hours. Please log in again.",
                absolute // 3600,
            ) % {"hours": absolute // 3600}
        else:
            if moment - last_activity >= ACTIVITY_RESOLUTION:
                session[LAST_ACTIVITY] = moment
            return
        logout(request)
        messages.info(request, message)


def lockout_response(request, original_response=None, credentials=None):
    """The page shown when sign-in is locked for this username from this address (django-axes): HTTP 429 with
    when to try again. Every further failed attempt during the lockout restarts the cool-off
    (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), so the time is counted from now."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request) or datetime.timedelta(0)
    retry_at = timezone.localtime(timezone.now() + cool_off)
    if retry_at.second or retry_at.microsecond:  # round up to the whole minute shown
        retry_at = (retry_at + datetime.timedelta(minutes=1)).replace(second=0, microsecond=0)
    return render(
        request,
        "registration/lockout.html",
        {
            "retry_at": retry_at,
            "minutes": math.ceil(cool_off.total_seconds() / 60),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def client_ip_address(request) -> str | None:
    """The client's address for sign-in throttling (AXES_CLIENT_IP_CALLABLE).

    Behind TRUSTED_PROXY_COUNT reverse proxies that each append to X-Forwarded-For, the client is the entry that many
    places from the right (entries further left are whatever the client sent, and are not trusted). Without proxies,
    REMOTE_ADDR. Behind a proxy and without this setting, every user would share the proxy's address.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy header (settings.CONTENT_SECURITY_POLICY) unless the view set one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if header and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = header
        return response


def end_user_sessions(user) -> int:
    """Delete every stored session signed in as `user` that can be read; returns how many. Works with the
    database-backed session engines (db, cached_db: each unexpired session is decoded to find its user, so it costs
    one pass over the session table; deactivation is rare). Sessions signed with another SECRET_KEY decode as empty
    and stay, as do those of other engines: SessionTimeoutMiddleware ends them at their next request
    (deactivated_since), which is what signs the user out; this only clears the table early."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        return 0
    decoder, ended = store_class(), 0
    sessions = store_class.get_model_class().objects.filter(expire_date__gt=timezone.now())
    for key, data in sessions.values_list("session_key", "session_data").iterator():
        if decoder.decode(data).get(SESSION_KEY) == str(user.pk):
            store_class(session_key=key).delete()
            ended += 1
    return ended


def deactivated_since(user, signed_in_at: float | None) -> bool:
    """True when `user`'s account was saved as inactive after `signed_in_at` (epoch seconds, the session's
    SIGNED_IN_AT), or at all for a session whose sign-in time is unknown. One query on the user's primary key."""
    deactivated_at = AccountDeactivation.objects.filter(user_id=user.pk).values_list("deactivated_at", flat=True)[:1]
    if not deactivated_at:
        return False
    return signed_in_at is None or deactivated_at[0].timestamp() > signed_in_at


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _sign_out_when_deactivated(sender, instance, raw=False, **kwargs):
    """The user model is Django's, saved by the admin, the shell and commands alike: this is where all of them meet,
    so a save that leaves the user inactive records the moment (every session signed in before it ends at its next
    request, see deactivated_since) and deletes the sessions it can read, whichever path made it."""
    if raw or instance.is_active:
        return
    moment = datetime.datetime.fromtimestamp(now(), tz=datetime.UTC)
    AccountDeactivation.objects.update_or_create(user=instance, defaults={"deactivated_at": moment})
    end_user_sessions(instance)
