"""Every named constraint gets a Swedish violation message (the admin showed "Begränsningen … överträds"). State
only: the database is unchanged."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('isms', '0003_throttle_deactivation_and_membership_messages'),
        ('registry', '0006_floor_models_to_isms'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='action',
            name='action_status_valid',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['planned', 'started', 'done', 'postponed', 'cancelled'])), name='action_status_valid', violation_error_message='Choose a status in the list.'),
        ),
        migrations.AlterConstraint(
            model_name='action',
            name='action_theme_valid',
            constraint=models.CheckConstraint(condition=models.Q(('theme__in', ['classification', 'competence', 'nis2', 'incidents', 'access', 'procurement', 'continuity', 'steering', 'other'])), name='action_theme_valid', violation_error_message='Choose a theme in the list.'),
        ),
        migrations.AlterConstraint(
            model_name='action',
            name='action_year_range',
            constraint=models.CheckConstraint(condition=models.Q(('plan_year__gte', 2000), ('plan_year__lte', 2100)), name='action_year_range', violation_error_message='Enter a year between 2000 and 2100.'),
        ),
        migrations.AlterConstraint(
            model_name='action',
            name='action_done_has_date',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'done'), _negated=True), ('done_on__isnull', False), _connector='OR'), name='action_done_has_date', violation_error_message='An action that is done needs the date it was done.'),
        ),
        migrations.AlterConstraint(
            model_name='auditreport',
            name='auditreport_issuer_valid',
            constraint=models.CheckConstraint(condition=models.Q(('issuer__in', ['city_audit', 'dpo_annual_report', 'internal_control', 'consultant', 'imy', 'other'])), name='auditreport_issuer_valid', violation_error_message='Choose an issuer in the list.'),
        ),
        migrations.AlterConstraint(
            model_name='auditreportarea',
            name='auditreportarea_unique_area',
            constraint=models.UniqueConstraint(fields=('report', 'organisation', 'area'), name='auditreportarea_unique_area', violation_error_message='The report already has a text for this area for the organisation. Change that text instead.'),
        ),
        migrations.AlterConstraint(
            model_name='classification',
            name='classification_k_level_0_4',
            constraint=models.CheckConstraint(condition=models.Q(('confidentiality__lte', 4)), name='classification_k_level_0_4', violation_error_message='Enter a level from 0 to 4 for confidentiality.'),
        ),
        migrations.AlterConstraint(
            model_name='classification',
            name='classification_r_level_0_4',
            constraint=models.CheckConstraint(condition=models.Q(('integrity__lte', 4)), name='classification_r_level_0_4', violation_error_message='Enter a level from 0 to 4 for integrity.'),
        ),
        migrations.AlterConstraint(
            model_name='classification',
            name='classification_t_level_0_4',
            constraint=models.CheckConstraint(condition=models.Q(('availability__lte', 4)), name='classification_t_level_0_4', violation_error_message='Enter a level from 0 to 4 for availability.'),
        ),
        migrations.AlterConstraint(
            model_name='classification',
            name='classification_s_level_0_4',
            constraint=models.CheckConstraint(condition=models.Q(('traceability__lte', 4)), name='classification_s_level_0_4', violation_error_message='Enter a level from 0 to 4 for traceability.'),
        ),
        migrations.AlterConstraint(
            model_name='classification',
            name='classification_review_after_decision',
            constraint=models.CheckConstraint(condition=models.Q(('next_review_due__isnull', True), ('next_review_due__gt', models.F('decided_on')), _connector='OR'), name='classification_review_after_decision', violation_error_message='The next review must be after the decision date.'),
        ),
        migrations.AlterConstraint(
            model_name='controlcheck',
            name='controlcheck_remedied_not_above_found',
            constraint=models.CheckConstraint(condition=models.Q(('deviations_remedied__lte', models.F('deviations_found'))), name='controlcheck_remedied_not_above_found', violation_error_message='Resolved deviations cannot be more than the deviations that were found.'),
        ),
        migrations.AlterConstraint(
            model_name='controlcheck',
            name='controlcheck_plan_year_range',
            constraint=models.CheckConstraint(condition=models.Q(('plan_year__gte', 2000), ('plan_year__lte', 2100)), name='controlcheck_plan_year_range', violation_error_message='Enter a year between 2000 and 2100.'),
        ),
        migrations.AlterConstraint(
            model_name='externalfactor',
            name='externalfactor_valid_range',
            constraint=models.CheckConstraint(condition=models.Q(('valid_to__isnull', True), ('valid_from__isnull', True), ('valid_to__gte', models.F('valid_from')), _connector='OR'), name='externalfactor_valid_range', violation_error_message='The end date cannot be before the start date.'),
        ),
        migrations.AlterConstraint(
            model_name='incident',
            name='incident_unique_reference',
            constraint=models.UniqueConstraint(fields=('organisation', 'year', 'sequence'), name='incident_unique_reference', violation_error_message='The organisation already has an incident with this reference.'),
        ),
        migrations.AlterConstraint(
            model_name='incident',
            name='incident_severity_valid',
            constraint=models.CheckConstraint(condition=models.Q(('severity__in', ['low', 'medium', 'high', 'critical'])), name='incident_severity_valid', violation_error_message='Choose a severity in the list.'),
        ),
        migrations.AlterConstraint(
            model_name='incident',
            name='incident_status_valid',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['open', 'investigating', 'closed'])), name='incident_status_valid', violation_error_message='Choose a status in the list.'),
        ),
        migrations.AlterConstraint(
            model_name='incident',
            name='incident_occurred_before_aware',
            constraint=models.CheckConstraint(condition=models.Q(('occurred_at__isnull', True), ('occurred_at__lte', models.F('became_aware_at')), _connector='OR'), name='incident_occurred_before_aware', violation_error_message='The time the incident occurred cannot be after the time it was discovered.'),
        ),
        migrations.AlterConstraint(
            model_name='incident',
            name='incident_notified_or_reason_not_both',
            constraint=models.CheckConstraint(condition=models.Q(('imy_notified_at__isnull', True), ('not_notified_reason', ''), _connector='OR'), name='incident_notified_or_reason_not_both', violation_error_message='The incident has been notified to IMY. Clear the reason for not notifying, or remove the notification time if it was not notified.'),
        ),
        migrations.AlterConstraint(
            model_name='incidentcounter',
            name='incidentcounter_unique_year',
            constraint=models.UniqueConstraint(fields=('organisation', 'year'), name='incidentcounter_unique_year', violation_error_message='The organisation already has a reference counter for this year.'),
        ),
        migrations.AlterConstraint(
            model_name='informationasset',
            name='asset_kind_valid',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['system', 'information_set', 'process'])), name='asset_kind_valid', violation_error_message='Choose a kind in the list.'),
        ),
        migrations.AlterConstraint(
            model_name='informationasset',
            name='asset_status_valid',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['planned', 'in_use', 'retired'])), name='asset_status_valid', violation_error_message='Choose a status in the list.'),
        ),
        migrations.AlterConstraint(
            model_name='informationasset',
            name='asset_retired_after_in_use',
            constraint=models.CheckConstraint(condition=models.Q(('retired_on__isnull', True), ('in_use_from__isnull', True), ('retired_on__gte', models.F('in_use_from')), _connector='OR'), name='asset_retired_after_in_use', violation_error_message='The decommissioning date cannot be before the date it was put into operation.'),
        ),
        migrations.AlterConstraint(
            model_name='informationasset',
            name='asset_in_use_has_start_date',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'in_use'), _negated=True), ('in_use_from__isnull', False), _connector='OR'), name='asset_in_use_has_start_date', violation_error_message='Enter the date from which the asset is in operation.'),
        ),
        migrations.AlterConstraint(
            model_name='informationasset',
            name='asset_retired_has_date',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'retired'), _negated=True), ('retired_on__isnull', False), _connector='OR'), name='asset_retired_has_date', violation_error_message='Enter when the asset was decommissioned.'),
        ),
        migrations.AlterConstraint(
            model_name='measurement',
            name='measurement_unique_year',
            constraint=models.UniqueConstraint(fields=('indicator', 'organisation', 'year'), name='measurement_unique_year', violation_error_message='The indicator already has a value for this year. Change that value instead.'),
        ),
        migrations.AlterConstraint(
            model_name='processingactivity',
            name='processing_legal_basis_valid',
            constraint=models.CheckConstraint(condition=models.Q(('legal_basis', ''), ('legal_basis__in', ['a', 'b', 'c', 'd', 'e', 'f']), _connector='OR'), name='processing_legal_basis_valid', violation_error_message='Choose a legal basis in the list.'),
        ),
        migrations.AlterConstraint(
            model_name='processingactivity',
            name='processing_no_transfer_no_country',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('transfers', 'none'), _negated=True), models.Q(('transfer_countries', ''), ('transfer_safeguard', '')), _connector='OR'), name='processing_no_transfer_no_country', violation_error_message='Without transfers to third countries, leave the countries and the safeguard empty.'),
        ),
        migrations.AlterConstraint(
            model_name='recommendation',
            name='recommendation_unique_number',
            constraint=models.UniqueConstraint(fields=('report', 'organisation', 'number'), name='recommendation_unique_number', violation_error_message='The report already has a recommendation with this number for the organisation. Choose another number.'),
        ),
        migrations.AlterConstraint(
            model_name='recommendation',
            name='recommendation_status_valid',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['open', 'planned', 'in_progress', 'done', 'not_pursued'])), name='recommendation_status_valid', violation_error_message='Choose a status in the list.'),
        ),
        migrations.AlterConstraint(
            model_name='recommendation',
            name='recommendation_planned_has_year',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'planned'), _negated=True), ('planned_year__isnull', False), _connector='OR'), name='recommendation_planned_has_year', violation_error_message='A planned recommendation needs the year it is planned for.'),
        ),
        migrations.AlterConstraint(
            model_name='recommendation',
            name='recommendation_done_has_date',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'done'), _negated=True), ('done_on__isnull', False), _connector='OR'), name='recommendation_done_has_date', violation_error_message='A recommendation that is done needs the date it was done.'),
        ),
        migrations.AlterConstraint(
            model_name='recommendation',
            name='recommendation_not_pursued_has_reason',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'not_pursued'), _negated=True), models.Q(('not_pursued_reason', ''), _negated=True), _connector='OR'), name='recommendation_not_pursued_has_reason', violation_error_message='A recommendation that is not pursued needs the reason why.'),
        ),
        migrations.AlterConstraint(
            model_name='recommendation',
            name='recommendation_planned_year_range',
            constraint=models.CheckConstraint(condition=models.Q(('planned_year__isnull', True), models.Q(('planned_year__gte', 2000), ('planned_year__lte', 2100)), _connector='OR'), name='recommendation_planned_year_range', violation_error_message='Enter a year between 2000 and 2100.'),
        ),
        migrations.AlterConstraint(
            model_name='risk',
            name='risk_likelihood_1_4',
            constraint=models.CheckConstraint(condition=models.Q(('likelihood__gte', 1), ('likelihood__lte', 4)), name='risk_likelihood_1_4', violation_error_message='Enter a likelihood from 1 to 4.'),
        ),
        migrations.AlterConstraint(
            model_name='risk',
            name='risk_consequence_1_4',
            constraint=models.CheckConstraint(condition=models.Q(('consequence__gte', 1), ('consequence__lte', 4)), name='risk_consequence_1_4', violation_error_message='Enter a consequence from 1 to 4.'),
        ),
        migrations.AlterConstraint(
            model_name='risk',
            name='risk_status_valid',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['identified', 'in_treatment', 'treated', 'accepted', 'closed'])), name='risk_status_valid', violation_error_message='Choose a status in the list.'),
        ),
        migrations.AlterConstraint(
            model_name='steeringdocument',
            name='steeringdocument_status_valid',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['missing', 'draft', 'adopted', 'under_revision'])), name='steeringdocument_status_valid', violation_error_message='Choose a status in the list.'),
        ),
        migrations.AlterConstraint(
            model_name='steeringdocument',
            name='steeringdocument_adopted_has_date',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'adopted'), _negated=True), ('adopted_on__isnull', False), _connector='OR'), name='steeringdocument_adopted_has_date', violation_error_message='An adopted document needs the date it was adopted.'),
        ),
    ]
