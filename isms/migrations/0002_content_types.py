"""The content types of the models that moved from registry to isms (isms 0001) take the new app label.

A content type row keeps its id, so everything that points at it keeps pointing at the same model: the auth
permissions (add_organisation, … and the users and groups that hold them), the admin's log entries, and generic
foreign keys such as Comment's. Reversible: going back renames them to registry again.
"""

from django.db import migrations

MOVED = [
    "organisation",
    "historicalorganisation",
    "membership",
    "historicalmembership",
    "comment",
    "historicalcomment",
]


def _relabel(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        moving = ContentType.objects.using(db).filter(app_label=old, model=model).first()
        if moving is None:
            continue  # a new database: post_migrate creates the content type under its new label
        # A content type under the new label already exists only where post_migrate ran between a partial migrate
        # and this one; nothing of the installation refers to it yet, while the old one carries the permissions
        # given out and any comments, so the old one is kept.
        ContentType.objects.using(db).filter(app_label=new, model=model).delete()
        moving.app_label = new
        moving.save(using=db, update_fields=["app_label"])
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, "registry", "isms")


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, "isms", "registry")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("isms", "0001_floor_models"),
        ("registry", "0006_floor_models_to_isms"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
