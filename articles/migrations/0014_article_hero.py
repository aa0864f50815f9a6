import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0013_content_version'),
        ('library', '0003_image_private_until_used'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='hero',
            field=models.ForeignKey(blank=True, help_text='Chosen from the media library, where its alt text (in each language) and credit are kept.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='hero_of_articles', to='library.image', verbose_name='hero image'),
        ),
    ]
