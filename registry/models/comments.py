"""Comments by the DPO and others on register rows and review sections."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isms.models import TimeStampedModel

from .organisations import Organisation


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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="comment_target")]

    def __str__(self) -> str:
        return self.text[:60]
