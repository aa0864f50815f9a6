"""Topics and countries keep their other languages in `translations`, as partners and cases do.

The Russian names move from the `name_ru` columns into `translations["ru"]["name"]`; the
reverse puts them back.
"""

from django.db import migrations, models

MODELS = ("Topic", "Country")


def names_into_translations(apps, schema_editor):
    for model_name in MODELS:
        model = apps.get_model("coalition", model_name)
        rows = list(model.objects.exclude(name_ru=""))
        for row in rows:
            row.translations = {**row.translations, "ru": {"name": row.name_ru}}
        model.objects.bulk_update(rows, ["translations"], batch_size=500)


def names_out_of_translations(apps, schema_editor):
    for model_name in MODELS:
        model = apps.get_model("coalition", model_name)
        rows = list(model.objects.all())
        for row in rows:
            row.name_ru = (row.translations or {}).get("ru", {}).get("name", "")
        model.objects.bulk_update(rows, ["name_ru"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("coalition", "0006_undelivered_mail"),
    ]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="translations",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="translations"
            ),
        ),
        migrations.AddField(
            model_name="country",
            name="translations",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="translations"
            ),
        ),
        migrations.RunPython(names_into_translations, names_out_of_translations),
        migrations.RemoveField(model_name="topic", name="name_ru"),
        migrations.RemoveField(model_name="country", name="name_ru"),
    ]
