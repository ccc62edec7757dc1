"""Every named constraint gets a Swedish violation message (see registry 0007). State only."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('isms', '0003_throttle_deactivation_and_membership_messages'),
        ('registry', '0007_constraint_messages'),
        ('reviews', '0004_organisation_from_isms'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='managementreview',
            name='review_unique_year_revision',
            constraint=models.UniqueConstraint(fields=('organisation', 'plan_year', 'revision'), name='review_unique_year_revision', violation_error_message='The organisation already has this revision of the review for the plan year.'),
        ),
        migrations.AlterConstraint(
            model_name='managementreview',
            name='review_status_valid',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'in_review', 'approved'])), name='review_status_valid', violation_error_message='Choose a status in the list.'),
        ),
        migrations.AlterConstraint(
            model_name='managementreview',
            name='review_year_range',
            constraint=models.CheckConstraint(condition=models.Q(('plan_year__gte', 2000), ('plan_year__lte', 2100)), name='review_year_range', violation_error_message='Enter a year between 2000 and 2100.'),
        ),
        migrations.AlterConstraint(
            model_name='managementreview',
            name='review_approved_has_approver',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'approved'), _negated=True), models.Q(('approved_at__isnull', False), ('approved_by__isnull', False)), _connector='OR'), name='review_approved_has_approver', violation_error_message='An approved review needs the time of approval and the approver.'),
        ),
        migrations.AlterConstraint(
            model_name='managementreview',
            name='review_follow_up_period_order',
            constraint=models.CheckConstraint(condition=models.Q(('follow_up_end__isnull', True), ('follow_up_start__isnull', True), ('follow_up_end__gte', models.F('follow_up_start')), _connector='OR'), name='review_follow_up_period_order', violation_error_message='The follow-up period cannot end before it starts.'),
        ),
        migrations.AlterConstraint(
            model_name='reviewfactor',
            name='reviewfactor_unique_factor',
            constraint=models.UniqueConstraint(fields=('review', 'factor'), name='reviewfactor_unique_factor', violation_error_message='The factor is already in the review.'),
        ),
        migrations.AlterConstraint(
            model_name='reviewsection',
            name='reviewsection_unique_key',
            constraint=models.UniqueConstraint(fields=('review', 'key'), name='reviewsection_unique_key', violation_error_message='The review already has this section.'),
        ),
    ]
