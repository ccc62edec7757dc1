"""The membership's constraints get their Swedish violation messages too (see 0006). State only. Kept apart: when
Membership moves to the isms app, this is the one migration that names registry.Membership."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0006_constraint_messages'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='membership',
            name='membership_one_role_per_organisation',
            constraint=models.UniqueConstraint(fields=('user', 'organisation'), name='membership_one_role_per_organisation', violation_error_message='The user already has a role in this organisation. Change that membership instead.'),
        ),
        migrations.AlterConstraint(
            model_name='membership',
            name='membership_role_valid',
            constraint=models.CheckConstraint(condition=models.Q(('role__in', ['coordinator', 'head', 'dpo', 'contributor', 'reader'])), name='membership_role_valid', violation_error_message='Choose a role in the list.'),
        ),
    ]
