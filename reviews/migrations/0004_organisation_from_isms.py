"""The review's organisation is isms.Organisation (moved from registry, isms 0001): state only, the column and its
foreign key to registry_organisation stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('isms', '0001_floor_models'),
        ('reviews', '0003_decision_action_protect'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalmanagementreview',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='managementreview',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='isms.organisation', verbose_name='organisation'),
                ),
            ],
        ),
    ]
