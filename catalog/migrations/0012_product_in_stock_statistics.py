"""Statistics on "in stock" (stock on hand above what reservations hold), for PostgreSQL's planner.

A comparison of two columns is guessed to match a third of the rows; on the bench data set ~90 % of products
are in stock, so `tersedia=1` lists looked 2.5 times rarer than they are and the planner read the whole match
set (bitmap scans, then a sort) where walking the sort index stops after a page: "search + filters" spent many
times longer in SQL than with these statistics (see bench/README.md, 'Measured design decisions').
ProductQuerySet.available() writes the test as `(...) IS TRUE`, the form in which PostgreSQL looks up these
statistics. ANALYZE fills them now; autovacuum keeps them current.
"""

from django.db import migrations

FORWARD = [
    "CREATE STATISTICS IF NOT EXISTS product_in_stock_stats ON ((stock_on_hand > stock_reserved)) "
    "FROM catalog_product",
    "ANALYZE catalog_product",
]
BACKWARD = ["DROP STATISTICS IF EXISTS product_in_stock_stats"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0011_add_product_regency_copy")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
