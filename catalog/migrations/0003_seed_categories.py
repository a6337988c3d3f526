from django.db import migrations

# (slug, name, English name, is_food, children)
TREE = [
    ("makanan", "Makanan", "Food", True, [
        ("keripik", "Keripik", "Chips", True),
        ("kue-dodol", "Kue & Dodol", "Cakes & Dodol", True),
        ("sambal-bumbu", "Sambal & Bumbu", "Sambal & Spices", True),
        ("olahan-ikan", "Olahan Ikan & Kemplang", "Fish Crackers", True),
    ]),
    ("minuman", "Minuman", "Drinks", True, [
        ("kopi", "Kopi", "Coffee", True),
        ("minuman-herbal", "Minuman Herbal & Sirup", "Herbal Drinks & Syrups", True),
    ]),
    ("kain-pakaian", "Kain & Pakaian", "Cloth & Clothing", False, [
        ("tapis", "Tapis", "Tapis Cloth", False),
        ("batik", "Batik Lampung", "Lampung Batik", False),
        ("sulam-usus", "Sulam Usus", "Sulam Usus Embroidery", False),
    ]),
    ("kerajinan", "Kerajinan", "Crafts", False, [
        ("anyaman", "Anyaman", "Woven Crafts", False),
        ("ukiran-kayu", "Ukiran & Kayu", "Wood Carving", False),
        ("aksesori", "Aksesori", "Accessories", False),
    ]),
    ("peralatan-rumah-tangga", "Peralatan Rumah Tangga", "Household Goods", False, [
        ("dapur", "Perlengkapan Dapur", "Kitchenware", False),
        ("dekorasi", "Dekorasi Rumah", "Home Decor", False),
    ]),
]


def seed(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    for position, (slug, name, name_en, is_food, children) in enumerate(TREE):
        parent, _ = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "is_food": is_food, "position": position}
        )
        for child_position, (child_slug, child_name, child_en, child_food) in enumerate(children):
            Category.objects.update_or_create(
                slug=child_slug,
                defaults={
                    "name": child_name, "name_en": child_en, "is_food": child_food,
                    "position": child_position, "parent": parent,
                },
            )


def unseed(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_initial")]
    operations = [migrations.RunPython(seed, unseed)]
