from django.contrib.auth.management import create_permissions
from django.db import migrations

# model -> actions; custom permissions by codename (Meta.permissions of the programs models).
PERMISSIONS = {
    "programme": ["view", "add", "change"],
    "programmeevent": ["view"],
    "participant": ["view"],
    "participantevent": ["view"],
    "meeting": ["view"],
    "attendance": ["view"],
    "monitoringvisit": ["view"],
    "aidrecord": ["view"],
    "dataround": ["view"],
    "dataanswer": ["view"],
}
EXTRA = ["manage_programme", "decide_participant", "grant_aid", "manage_dataround"]


def _wanted(apps):
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions] + EXTRA
    return Permission.objects.filter(content_type__app_label="programs", codename__in=codenames)


def grant(apps, schema_editor):
    config = apps.get_app_config("programs")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Dinas")
    group.permissions.add(*_wanted(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Dinas").first()
    if group is not None:
        group.permissions.remove(*_wanted(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0001_initial"),
        ("orders", "0002_create_dinas_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
