from django.db import migrations

# The computed indicators (their values come from registry.selectors.indicators) and the one entered indicator every
# organisation reports. A code list, not user data: staff admins may add entered indicators later.
INDICATORS = [
    ("classification_coverage", "Andel informationsklassade system", "computed", "%", 1),
    ("processing_completeness", "Andel fullständiga rader i registerförteckningen", "computed", "%", 2),
    ("processing_reviewed", "Andel behandlingar granskade senaste 12 månaderna", "computed", "%", 3),
    ("open_recommendations", "Öppna rekommendationer", "computed", "st.", 4),
    ("incidents", "Incidenter", "computed", "st.", 5),
    ("personal_data_breaches", "Personuppgiftsincidenter", "computed", "st.", 6),
    ("e_learning", "Andel medarbetare som genomfört den obligatoriska e-utbildningen", "entered", "%", 7),
]


def create(apps, schema_editor):
    Indicator = apps.get_model("registry", "Indicator")
    for code, name, kind, unit, position in INDICATORS:
        Indicator.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "unit": unit, "position": position}
        )


def remove(apps, schema_editor):
    apps.get_model("registry", "Indicator").objects.filter(code__in=[row[0] for row in INDICATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_indicator_historicalincident_historicalindicator_and_more")]
    operations = [migrations.RunPython(create, remove)]
