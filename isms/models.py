"""Shared base pieces of every register model."""

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


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
