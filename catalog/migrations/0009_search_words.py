"""PostgreSQL only: the vocabulary of product texts, for correcting typos in a search (catalog.search).

`catalog_search_word` holds every lexeme of the products' `search_document` (migration 0006), kept by two
triggers: a statement-level one on INSERT (bulk loads collect their words in one statement) and a row-level one
when a product's name or description changes. Words are never removed: a word whose products are gone only
corrects a typo to something that finds nothing. A GiST trigram index answers "the nearest words to 'kripik'"
(KNN) in well under a millisecond; the "C" collation lets the primary key answer "is it a prefix of a word".

Measured on 200,000 products (see bench/README.md, 'Measured design decisions'): matching a typo against
product names by trigram similarity rechecked ~20,000 names per request; correcting the word first keeps a
typo as fast as a plain search.
A no-op on SQLite.
"""

from django.db import migrations

# Words a query term can be corrected to: letters and digits only (as catalog.search.terms_of makes terms).
WORDS = """
    SELECT DISTINCT word FROM {source} AS word
    WHERE char_length(word) BETWEEN 2 AND 40 AND word ~ '^[[:alnum:]]+$' ORDER BY word
"""
IN_ROWS = "{rows}, unnest(tsvector_to_array({rows}.search_document))"
FORWARD = [
    'CREATE TABLE IF NOT EXISTS catalog_search_word (word text COLLATE "C" PRIMARY KEY)',
    """CREATE INDEX IF NOT EXISTS catalog_search_word_trgm_idx ON catalog_search_word
       USING gist (word gist_trgm_ops)""",
    # ORDER BY word: concurrent writers insert shared new words in the same order, so they never deadlock.
    f"""CREATE OR REPLACE FUNCTION catalog_search_word_collect() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO catalog_search_word (word) {WORDS.format(source=IN_ROWS.format(rows="changed"))} ON CONFLICT DO NOTHING;
         RETURN NULL;
       END $$""",
    f"""CREATE OR REPLACE FUNCTION catalog_search_word_collect_row() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO catalog_search_word (word) {WORDS.format(source="unnest(tsvector_to_array(NEW.search_document))")}
         ON CONFLICT DO NOTHING;
         RETURN NULL;
       END $$""",
    "DROP TRIGGER IF EXISTS catalog_search_word_on_insert ON catalog_product",
    """CREATE TRIGGER catalog_search_word_on_insert AFTER INSERT ON catalog_product
       REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_search_word_collect()""",
    "DROP TRIGGER IF EXISTS catalog_search_word_on_update ON catalog_product",
    """CREATE TRIGGER catalog_search_word_on_update AFTER UPDATE OF name, description ON catalog_product
       FOR EACH ROW WHEN (OLD.search_document IS DISTINCT FROM NEW.search_document)
       EXECUTE FUNCTION catalog_search_word_collect_row()""",
    f"INSERT INTO catalog_search_word (word) {WORDS.format(source=IN_ROWS.format(rows='catalog_product'))} ON CONFLICT DO NOTHING",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_search_word_on_update ON catalog_product",
    "DROP TRIGGER IF EXISTS catalog_search_word_on_insert ON catalog_product",
    "DROP FUNCTION IF EXISTS catalog_search_word_collect_row()",
    "DROP FUNCTION IF EXISTS catalog_search_word_collect()",
    "DROP TABLE IF EXISTS catalog_search_word",
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
    dependencies = [("catalog", "0008_add_product_badge_dates")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
