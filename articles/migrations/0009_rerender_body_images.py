"""Render the stored HTML again, so images from other sites in older text become links
(coalition.markdown keeps only images from our media)."""

from django.db import migrations

from coalition.markdown import render_markdown

MARKDOWN_FIELDS = [("body", "body_html")]


def rerender(apps, schema_editor):
    model = apps.get_model("articles", "Article")
    sources = [source for source, _ in MARKDOWN_FIELDS]
    for pk, *texts in model.objects.values_list("pk", *sources).iterator(chunk_size=500):
        # update(): no save() signals, no new version or revision for a rendering change.
        model.objects.filter(pk=pk).update(
            **{html: render_markdown(text) for (_, html), text in zip(MARKDOWN_FIELDS, texts)}
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_upload_image_field")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop, elidable=True)]
