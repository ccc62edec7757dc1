"""The registers' organisation foreign keys point at isms.Organisation, and Organisation, Membership and Comment
(with their history models) leave the registry app's state (isms 0001 holds them now). State only: no table, column
or constraint changes, so every row stays where it is.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0004_organisation_from_isms'),
        ('isms', '0001_floor_models'),
        ('registry', '0005_action_position_empty_means_last'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='historicalcomment',
                    name='updated_by',
                ),
                migrations.RemoveField(
                    model_name='historicalmembership',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalmembership',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='historicalmembership',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='historicalorganisation',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='membership',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='membership',
                    name='user',
                ),
                migrations.AlterField(
                    model_name='historicalsteeringdocument',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='recommendation',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='recommendations', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='historicalcontrolcheck',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='historicalinformationasset',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='historicalrisk',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='incidentcounter',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='isms.organisation'),
                ),
                migrations.AlterField(
                    model_name='controlcheck',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='control_checks', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='externalfactor',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='external_factors', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='historicalauditreport_organisations',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='isms.organisation'),
                ),
                migrations.AlterField(
                    model_name='historicalmeasurement',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='historicalexternalfactor',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='incident',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='incidents', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='steeringdocument',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='steering_documents', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='measurement',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='measurements', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='historicalrecommendation',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='risk',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='risks', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='historicalauditreportarea',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='historicalaction',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='historicalincident',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='action',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='processingactivity',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='processing_activities', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='auditreportarea',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='historicalprocessingactivity',
                    name='organisation',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='informationasset',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assets', to='isms.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='auditreport',
                    name='organisations',
                    field=models.ManyToManyField(related_name='audit_reports', to='isms.organisation', verbose_name='addressed to'),
                ),
                migrations.DeleteModel(
                    name='Comment',
                ),
                migrations.DeleteModel(
                    name='HistoricalComment',
                ),
                migrations.DeleteModel(
                    name='HistoricalMembership',
                ),
                migrations.DeleteModel(
                    name='HistoricalOrganisation',
                ),
                migrations.DeleteModel(
                    name='Membership',
                ),
                migrations.DeleteModel(
                    name='Organisation',
                ),
            ],
        ),
    ]
