"""The floor's models, shared by every app: the base of every register row (TimeStampedModel, ConflictError), the
organisations with their members and roles (DESIGN.md §1), and comments on any row.

Organisation, Membership and Comment were first created by the registry app; they keep its tables
(registry_organisation, registry_membership, registry_comment and their registry_historical… history tables), so
their rows, foreign keys and content types carried over unchanged (isms/migrations/0001 and 0002).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ConflictError(Exception):
    """The row was changed (or deleted) by someone else after it was read: its stored version is no longer the one
    the write started from. Nothing is saved."""


class TimeStampedModel(models.Model):
    """Abstract base of every register row: timestamps, who created and last changed it, an edit version, history.

    `version` is a positive integer, 1 for a new row, raised by one by every save of an existing row, whatever the
    path (forms, admin, services, loaders): save() is the one place it moves. That save is also conditional on the
    version the instance holds, the one it was read at or the one a form carried (optimistic locking): when the stored
    row has moved on since, save() raises ConflictError and writes nothing, so no path silently overwrites a newer
    change. Each concrete model declares `history = HistoricalRecords()` (django-simple-history): every change with
    its actor, and `history.as_of(datetime)` reads a past state back.
    """

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modified"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modified by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Insert a new row at version 1, or update an existing one from `self.version` to the next version.

        The update first moves the stored version with a conditional UPDATE (… WHERE version = self.version), which
        holds under concurrency on SQLite and PostgreSQL alike; ConflictError when no row matched (someone saved or
        deleted it since). Both statements run in one transaction."""
        if self._state.adding or self.pk is None or kwargs.get("force_insert"):
            super().save(*args, **kwargs)
            return
        using = kwargs.get("using") or self._state.db
        with transaction.atomic(using=using):
            stored = type(self)._base_manager.using(using).filter(pk=self.pk, version=self.version)
            if not stored.update(version=self.version + 1):
                raise ConflictError
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
            self.version += 1
            try:
                super().save(*args, **kwargs)
            except BaseException:
                self.version -= 1  # rolled back with the transaction: the instance keeps the version it was read at
                raise


class Organisation(models.Model):
    """A nämnd, förvaltning or bolag: the owner of every register row.

    `code` is a short lower-case identifier used on the command line and in URLs (e.g. "eav").
    """

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    board_name = models.CharField(
        _("committee"),
        max_length=200,
        blank=True,
        help_text=_("Name of the committee, e.g. Enskede-Årsta-Vantörs stadsdelsnämnd."),
    )
    diarienummer_prefix = models.CharField(_("reference number prefix"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(table_name="registry_historicalorganisation")

    class Meta:
        db_table = "registry_organisation"
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """A member's role in one organisation (DESIGN.md §1)."""

    COORDINATOR = "coordinator", _("Information security coordinator")
    HEAD = "head", _("Head of administration")
    DPO = "dpo", _("Data protection officer")
    CONTRIBUTOR = "contributor", _("System owner/information owner")
    READER = "reader", _("Reader")


class Membership(models.Model):
    """Behörighet: one user's one role in one organisation. A user may be a member of several organisations."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    history = HistoricalRecords(table_name="registry_historicalmembership")

    class Meta:
        db_table = "registry_membership"
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="membership_one_role_per_organisation",
                violation_error_message=_(
                    "The user already has a role in this organisation. Change that membership instead."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values),
                name="membership_role_valid",
                violation_error_message=_("Choose a role in the list."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class Comment(TimeStampedModel):
    """Kommentar on any row of one organisation (a recommendation, a processing record, a breach, a review section).
    `answered_at` marks a comment the coordinator has answered."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="comments", verbose_name=_("organisation")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    author_role = models.CharField(_("role"), max_length=20, blank=True)
    text = models.TextField(_("comment"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    history = HistoricalRecords(table_name="registry_historicalcomment")

    class Meta:
        db_table = "registry_comment"
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="comment_target")]

    def __str__(self) -> str:
        return self.text[:60]


class RateCounter(models.Model):
    """One fixed window of a rate limit (isms.throttle.hit): `count` hits on `key` (e.g. "verify:<address>") in the
    window that starts at `window_start` (aware, UTC, a whole multiple of the window's length in seconds since the
    epoch). One row per key and window, raised by a single conditional UPDATE; rows of windows that have ended are
    deleted by `manage.py prune_throttle` (the daily job)."""

    key = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key", "window_start"],
                name="ratecounter_unique_window",
                violation_error_message=_("This address already has a counter for this time window."),
            )
        ]
        indexes = [models.Index(fields=["window_start"], name="ratecounter_window")]

    def __str__(self) -> str:
        return f"{self.key} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"


class WorkSlot(models.Model):
    """One held slot of limited concurrent work (isms.throttle.concurrency_slot): `name` within `scope`, an owner's
    own slot ("owner:<user id>") or one of the site-wide ones ("slot:<n>"), held by the request with `token` until
    it ends or `expires_at` (aware) passes, whichever comes first. Taking a slot is inserting its row: the unique
    constraint makes a second holder fail."""

    scope = models.CharField(max_length=50)
    name = models.CharField(max_length=100)
    token = models.CharField(max_length=32)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "name"],
                name="workslot_unique_name",
                violation_error_message=_("This slot is already taken."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.name} until {self.expires_at:%Y-%m-%d %H:%M:%S}"


class AccountDeactivation(models.Model):
    """When a user account was last saved as inactive (isms.security records it). A session signed in before that
    moment is ended at its next request, even when the account has been activated again since: signing out does
    not depend on finding and decoding the user's stored sessions."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="deactivation",
        verbose_name=_("user"),
    )
    deactivated_at = models.DateTimeField(_("deactivated"))

    class Meta:
        verbose_name = _("account deactivation")
        verbose_name_plural = _("account deactivations")

    def __str__(self) -> str:
        return f"{self.user} {self.deactivated_at:%Y-%m-%d %H:%M}"
