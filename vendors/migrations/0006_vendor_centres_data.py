"""Mark the oldest centre the default one and place each vendor at the centre of its unit (else the default)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Centre = apps.get_model("vendors", "Centre")
    Vendor = apps.get_model("vendors", "Vendor")
    UnitAssignment = apps.get_model("vendors", "UnitAssignment")
    default = Centre.objects.filter(is_default=True).first() or Centre.objects.order_by("pk").first()
    if default is None:
        if not Vendor.objects.exists():
            return
        default = Centre.objects.create(name="Sentra Oleh-oleh", slug="sentra", address="-")
    if not default.is_default:
        default.is_default = True
        default.save(update_fields=["is_default"])
    latest = {}
    rows = UnitAssignment.objects.order_by("start_on", "pk").values_list("vendor_id", "unit__centre_id")
    for vendor_id, centre_id in rows:
        latest[vendor_id] = centre_id  # the newest tenancy wins
    for vendor in Vendor.objects.filter(centre__isnull=True).only("pk"):
        Vendor.objects.filter(pk=vendor.pk).update(centre_id=latest.get(vendor.pk, default.pk))


class Migration(migrations.Migration):
    dependencies = [("vendors", "0005_add_centres_scope")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
