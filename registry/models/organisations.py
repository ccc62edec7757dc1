"""Organisations and who may do what in them (DESIGN.md §1)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
    history = HistoricalRecords()

    class Meta:
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
    history = HistoricalRecords()

    class Meta:
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
