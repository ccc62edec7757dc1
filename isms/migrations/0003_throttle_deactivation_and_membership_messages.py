"""The database rate limit and render slots (RateCounter, WorkSlot: isms/throttle.py), the recorded account
deactivations that end older sessions (AccountDeactivation: isms/security.py), and the membership's constraints'
Swedish violation messages (state only)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('isms', '0002_content_types'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AccountDeactivation',
            fields=[
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='deactivation', serialize=False, to=settings.AUTH_USER_MODEL, verbose_name='user')),
                ('deactivated_at', models.DateTimeField(verbose_name='deactivated')),
            ],
            options={
                'verbose_name': 'account deactivation',
                'verbose_name_plural': 'account deactivations',
            },
        ),
        migrations.CreateModel(
            name='RateCounter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=200)),
                ('window_start', models.DateTimeField()),
                ('count', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='WorkSlot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scope', models.CharField(max_length=50)),
                ('name', models.CharField(max_length=100)),
                ('token', models.CharField(max_length=32)),
                ('expires_at', models.DateTimeField()),
            ],
        ),
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
        migrations.AddIndex(
            model_name='ratecounter',
            index=models.Index(fields=['window_start'], name='ratecounter_window'),
        ),
        migrations.AddConstraint(
            model_name='ratecounter',
            constraint=models.UniqueConstraint(fields=('key', 'window_start'), name='ratecounter_unique_window', violation_error_message='This address already has a counter for this time window.'),
        ),
        migrations.AddConstraint(
            model_name='workslot',
            constraint=models.UniqueConstraint(fields=('scope', 'name'), name='workslot_unique_name', violation_error_message='This slot is already taken.'),
        ),
    ]
