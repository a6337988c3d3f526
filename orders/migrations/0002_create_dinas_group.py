from django.contrib.auth.management import create_permissions
from django.db import migrations

# (app_label, model) -> actions; custom permissions by codename.
PERMISSIONS = {
    ("vendors", "centre"): ["view", "change"],
    ("vendors", "openinghours"): ["view", "add", "change", "delete"],
    ("vendors", "closeddate"): ["view", "add", "change", "delete"],
    ("vendors", "regency"): ["view"],
    ("vendors", "shopunit"): ["view", "add", "change"],
    ("vendors", "unitassignment"): ["view", "add", "change"],
    ("vendors", "vendor"): ["view", "change"],
    ("vendors", "vendormembership"): ["view"],
    ("vendors", "vendorevent"): ["view"],
    ("catalog", "category"): ["view", "add", "change"],
    ("catalog", "product"): ["view"],
    ("catalog", "productimage"): ["view"],
    ("catalog", "certificate"): ["view", "change"],
    ("orders", "reservation"): ["view"],
    ("orders", "reservationline"): ["view"],
    ("orders", "reservationevent"): ["view"],
    ("orders", "stockmovement"): ["view"],
}
EXTRA = [
    ("vendors", "review_vendor"),
    ("vendors", "export_reports"),
    ("catalog", "hide_product"),
    ("catalog", "verify_certificate"),
]


def create_group(apps, schema_editor):
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Dinas")
    wanted = [(app, f"{action}_{model}") for (app, model), actions in PERMISSIONS.items() for action in actions]
    wanted += EXTRA
    perms = [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in wanted]
    group.permissions.set(perms)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Dinas").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0001_initial"),
        ("vendors", "0002_seed_regencies"),
        ("catalog", "0003_seed_categories"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_group, delete_group)]
