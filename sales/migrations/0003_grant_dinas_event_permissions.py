from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["manage_event", "view_event", "view_eventapplication", "view_stall"]


def grant(apps, schema_editor):
    config = apps.get_app_config("sales")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Dinas")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="sales", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Dinas"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="sales", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("sales", "0002_add_events"), ("orders", "0002_create_dinas_group")]
    operations = [migrations.RunPython(grant, revoke)]
