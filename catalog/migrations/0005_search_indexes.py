"""PostgreSQL-only search support: unaccent + pg_trgm, an immutable unaccent wrapper, a GIN full-text index
on the product's own text and a trigram index on its name. A no-op on SQLite.

The index expression must match catalog.search.ProductDocument exactly, or the planner will not use it.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE OR REPLACE FUNCTION sentra_unaccent(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$""",
    """CREATE INDEX IF NOT EXISTS product_search_document_idx ON catalog_product
       USING gin ((to_tsvector('simple'::regconfig, sentra_unaccent("name" || ' ' || "description"))))""",
    "CREATE INDEX IF NOT EXISTS product_name_trgm_idx ON catalog_product USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS vendor_name_trgm_idx ON vendors_vendor USING gin (name gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS vendor_name_trgm_idx",
    "DROP INDEX IF EXISTS product_name_trgm_idx",
    "DROP INDEX IF EXISTS product_search_document_idx",
    "DROP FUNCTION IF EXISTS sentra_unaccent(text)",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_add_certificate_reminder"),
        ("vendors", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
