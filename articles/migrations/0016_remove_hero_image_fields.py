from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0015_heroes_into_the_library'),
    ]

    operations = [
        migrations.RemoveField(model_name='article', name='hero_image'),
        migrations.RemoveField(model_name='article', name='hero_width'),
        migrations.RemoveField(model_name='article', name='hero_height'),
        migrations.RemoveField(model_name='article', name='hero_alt'),
        migrations.RemoveField(model_name='article', name='hero_credit'),
        migrations.RemoveField(model_name='article', name='hero_variants'),
    ]
