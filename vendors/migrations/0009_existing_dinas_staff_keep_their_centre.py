"""Dinas staff of a site upgraded to many centres keep working: each member of the Dinas group without a staff
scope gets the default centre (the only one they worked on before), with a note saying so. New sites and new
staff are given their scope by a superuser in the admin; a Dinas account without one sees an explanation."""

from django.db import migrations

NOTE = "Diberikan otomatis saat pembaruan ke banyak sentra: sentra utama."


def keep_their_centre(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Centre = apps.get_model("vendors", "Centre")
    StaffScope = apps.get_model("vendors", "StaffScope")
    group = Group.objects.filter(name="Dinas").first()
    main = Centre.objects.filter(is_default=True).first()
    if group is None or main is None:
        return
    for user in group.user_set.filter(is_active=True, staff_scope__isnull=True):
        StaffScope.objects.create(user=user, note=NOTE).centres.add(main)


class Migration(migrations.Migration):
    dependencies = [("vendors", "0008_dinas_view_vendor_moves"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(keep_their_centre, migrations.RunPython.noop)]
