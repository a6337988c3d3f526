from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Sum

CODENAMES = ["moderate_review", "view_review"]


def grant(apps, schema_editor):
    config = apps.get_app_config("reviews")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Dinas")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="reviews", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Dinas"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="reviews", codename__in=CODENAMES))


def count_sold(apps, schema_editor):
    """Product.sold_count from what was sold before the column existed: collected lines and kept counter sales."""
    Product = apps.get_model("catalog", "Product")
    ReservationLine = apps.get_model("orders", "ReservationLine")
    CounterSaleLine = apps.get_model("sales", "CounterSaleLine")
    sold: dict[int, int] = {}
    collected = ReservationLine.objects.filter(reservation__status="collected")
    kept = CounterSaleLine.objects.filter(sale__status="sold")
    for rows in (collected, kept):
        for pk, quantity in rows.order_by().values_list("product_id").annotate(n=Sum("quantity")):
            sold[pk] = sold.get(pk, 0) + quantity
    for pk, quantity in sold.items():
        Product.objects.filter(pk=pk).update(sold_count=quantity)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0002_add_photos_votes_reports_favourites"),
        ("catalog", "0014_add_product_ratings_and_sold"),
        ("orders", "0002_create_dinas_group"),
        ("sales", "0001_initial"),
    ]
    operations = [
        migrations.RunPython(grant, revoke),
        migrations.RunPython(count_sold, migrations.RunPython.noop),
    ]
