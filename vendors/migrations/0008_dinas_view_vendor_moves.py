"""The Dinas group may read the audit rows of vendor moves between centres (the staff scope stays superusers')."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    config = apps.get_app_config("vendors")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Dinas").first()
    if group is not None:
        group.permissions.add(Permission.objects.get(content_type__app_label="vendors", codename="view_vendormove"))


class Migration(migrations.Migration):
    dependencies = [("vendors", "0007_vendor_centre_optional"), ("orders", "0002_create_dinas_group")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
