import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("vendors", "0006_vendor_centres_data")]

    operations = [
        migrations.AlterField(
            model_name="historicalvendor",
            name="centre",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="vendors.centre",
                verbose_name="sentra",
            ),
        ),
        migrations.AlterField(
            model_name="vendor",
            name="centre",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="vendors",
                to="vendors.centre",
                verbose_name="sentra",
            ),
        ),
    ]
