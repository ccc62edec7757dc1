"""Organisations and who may do what in them (DESIGN.md §1)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Organisation(models.Model):
    """A nämnd, förvaltning or bolag: the owner of every register row.

    `code` is a short lower-case identifier used on the command line and in URLs (e.g. "eav").
    """

    code = models.SlugField(_("kod"), max_length=32, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    board_name = models.CharField(
        _("nämnd"),
        max_length=200,
        blank=True,
        help_text=_("Nämndens namn, t.ex. Enskede-Årsta-Vantörs stadsdelsnämnd."),
    )
    diarienummer_prefix = models.CharField(_("diarienummerprefix"), max_length=40, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """A member's role in one organisation (DESIGN.md §1)."""

    COORDINATOR = "coordinator", _("Informationssäkerhetssamordnare")
    HEAD = "head", _("Förvaltningschef")
    DPO = "dpo", _("Dataskyddsombud")
    CONTRIBUTOR = "contributor", _("Systemägare/informationsägare")
    READER = "reader", _("Läsare")


class Membership(models.Model):
    """Behörighet: one user's one role in one organisation. A user may be a member of several organisations."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("användare")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("behörighet")
        verbose_name_plural = _("behörigheter")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_one_role_per_organisation"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"
