"""Fix the pickup place of existing reservations: the vendor's unit on the pickup date, else its centre."""

from django.db import migrations
from django.db.models import Q


def forwards(apps, schema_editor):
    Reservation = apps.get_model("orders", "Reservation")
    UnitAssignment = apps.get_model("vendors", "UnitAssignment")
    Vendor = apps.get_model("vendors", "Vendor")
    centres = dict(Vendor.objects.values_list("pk", "centre_id"))
    pending = Reservation.objects.filter(pickup_centre__isnull=True)
    for reservation in pending.only("pk", "vendor_id", "pickup_date").iterator(chunk_size=2000):
        day = reservation.pickup_date
        tenancy = (
            UnitAssignment.objects.filter(vendor_id=reservation.vendor_id, start_on__lte=day)
            .filter(Q(end_on__isnull=True) | Q(end_on__gte=day))
            .select_related("unit")
            .order_by("-start_on", "-pk")
            .first()
        )
        unit_id = tenancy.unit_id if tenancy else None
        centre_id = tenancy.unit.centre_id if tenancy else centres.get(reservation.vendor_id)
        Reservation.objects.filter(pk=reservation.pk).update(pickup_centre_id=centre_id, pickup_unit_id=unit_id)


class Migration(migrations.Migration):
    dependencies = [("orders", "0005_add_reservation_pickup_place"), ("vendors", "0006_vendor_centres_data")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
