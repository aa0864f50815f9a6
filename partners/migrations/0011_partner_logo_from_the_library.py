import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0010_logos_into_the_library'),
    ]

    operations = [
        migrations.RemoveField(model_name='partner', name='logo'),
        migrations.RemoveField(model_name='partner', name='logo_width'),
        migrations.RemoveField(model_name='partner', name='logo_height'),
        migrations.RemoveField(model_name='partner', name='logo_variants'),
        migrations.RenameField(model_name='partner', old_name='library_logo', new_name='logo'),
        migrations.AlterField(
            model_name='partner',
            name='logo',
            field=models.ForeignKey(blank=True, help_text='Chosen from the media library, where its alt text is kept.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='logo_of_partners', to='library.image', verbose_name='logo'),
        ),
    ]
