from django.db import migrations

# The entered indicator every organisation reports (computed indicators are defined in code beside their selectors,
# registry.selectors.indicators). A code list, not user data: staff admins may add entered indicators later.
INDICATORS = [
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
