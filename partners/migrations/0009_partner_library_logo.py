import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0008_private_logos'),
        ('library', '0003_image_private_until_used'),
    ]

    operations = [
        migrations.AddField(
            model_name='partner',
            name='library_logo',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='library.image'),
        ),
    ]
