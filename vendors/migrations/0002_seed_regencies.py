from django.db import migrations

REGENCIES = [
    ("18.01", "Lampung Selatan", "kabupaten"),
    ("18.02", "Lampung Tengah", "kabupaten"),
    ("18.03", "Lampung Utara", "kabupaten"),
    ("18.04", "Lampung Barat", "kabupaten"),
    ("18.05", "Tulang Bawang", "kabupaten"),
    ("18.06", "Tanggamus", "kabupaten"),
    ("18.07", "Lampung Timur", "kabupaten"),
    ("18.08", "Way Kanan", "kabupaten"),
    ("18.09", "Pesawaran", "kabupaten"),
    ("18.10", "Pringsewu", "kabupaten"),
    ("18.11", "Mesuji", "kabupaten"),
    ("18.12", "Tulang Bawang Barat", "kabupaten"),
    ("18.13", "Pesisir Barat", "kabupaten"),
    ("18.71", "Bandar Lampung", "kota"),
    ("18.72", "Metro", "kota"),
]


def seed(apps, schema_editor):
    Regency = apps.get_model("vendors", "Regency")
    for code, name, kind in REGENCIES:
        slug = name.lower().replace(" ", "-")
        Regency.objects.update_or_create(code=code, defaults={"name": name, "kind": kind, "slug": slug})


def unseed(apps, schema_editor):
    # A plain DELETE: the ORM's delete collector trips over the historical models of apps being unapplied.
    table = schema_editor.quote_name(apps.get_model("vendors", "Regency")._meta.db_table)
    codes = [code for code, _name, _kind in REGENCIES]
    schema_editor.execute(f"DELETE FROM {table} WHERE code IN ({', '.join(['%s'] * len(codes))})", codes)


class Migration(migrations.Migration):
    dependencies = [("vendors", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
