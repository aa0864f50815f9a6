import coalition.images.fields
import coalition.library.fields
import coalition.library.models
import coalition.storage
import django.contrib.postgres.search
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Tag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=60, unique=True, verbose_name='name')),
            ],
            options={
                'verbose_name': 'tag',
                'verbose_name_plural': 'tags',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Document',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                ('search_vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded')),
                ('file', coalition.library.fields.DocumentFileField(max_length=255, storage=coalition.storage.private_storage, upload_to=coalition.images.fields.UnguessableUploadTo('library/documents'), verbose_name='file')),
                ('language', models.CharField(choices=coalition.library.models.language_choices, default='en', help_text='The language the document is written in.', max_length=10, verbose_name='language')),
                ('date', models.DateField(blank=True, help_text='When it was published or issued.', null=True, verbose_name='date')),
                ('file_type', models.CharField(blank=True, editable=False, max_length=10, verbose_name='type')),
                ('size', models.PositiveBigIntegerField(default=0, editable=False, verbose_name='size in bytes')),
                ('checksum', models.CharField(blank=True, editable=False, max_length=64, verbose_name='SHA-256')),
                ('public_copy', models.CharField(blank=True, editable=False, max_length=255)),
                ('uploaded_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                ('tags', models.ManyToManyField(blank=True, related_name='%(class)ss', to='library.tag', verbose_name='tags')),
            ],
            options={
                'verbose_name': 'document',
                'verbose_name_plural': 'documents',
                'ordering': ['-created_at', '-pk'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Image',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translations', models.JSONField(blank=True, default=dict, editable=False, verbose_name='translations')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                ('search_vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded')),
                ('file', coalition.images.fields.UploadImageField(height_field='height', max_length=255, storage=coalition.storage.private_storage, upload_to=coalition.images.fields.UnguessableUploadTo('library/images'), verbose_name='image', width_field='width')),
                ('width', models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='width')),
                ('height', models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='height')),
                ('alt', models.CharField(blank=True, help_text='What the image shows, for people who cannot see it. Required unless the image is decorative.', max_length=255, verbose_name='alt text')),
                ('decorative', models.BooleanField(default=False, help_text='It adds nothing to the text, so screen readers skip it (no alt text).', verbose_name='decorative')),
                ('caption', models.CharField(blank=True, max_length=500, verbose_name='caption')),
                ('credit', models.CharField(blank=True, help_text='Who made it, such as “Photo: …”.', max_length=255, verbose_name='credit')),
                ('licence', models.CharField(choices=[('all-rights-reserved', 'all rights reserved'), ('with-permission', 'used with permission'), ('cc-by-4.0', 'CC BY 4.0'), ('cc-by-sa-4.0', 'CC BY-SA 4.0'), ('cc-by-nc-4.0', 'CC BY-NC 4.0'), ('cc0', 'CC0 (no rights reserved)'), ('public-domain', 'public domain')], default='all-rights-reserved', max_length=30, verbose_name='licence')),
                ('focal_x', models.FloatField(blank=True, help_text='From 0 (left edge) to 1 (right edge); empty for the centre.', null=True, validators=[django.core.validators.MinValueValidator(0.0), django.core.validators.MaxValueValidator(1.0)], verbose_name='focal point, across')),
                ('focal_y', models.FloatField(blank=True, help_text='From 0 (top edge) to 1 (bottom edge); empty for the centre.', null=True, validators=[django.core.validators.MinValueValidator(0.0), django.core.validators.MaxValueValidator(1.0)], verbose_name='focal point, down')),
                ('variants', models.JSONField(blank=True, default=dict, editable=False)),
                ('uploaded_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                ('tags', models.ManyToManyField(blank=True, related_name='%(class)ss', to='library.tag', verbose_name='tags')),
            ],
            options={
                'verbose_name': 'image',
                'verbose_name_plural': 'images',
                'ordering': ['-created_at', '-pk'],
                'abstract': False,
                'constraints': [models.CheckConstraint(condition=models.Q(('focal_x__isnull', True), ('focal_x__range', (0, 1)), _connector='OR'), name='library_image_focal_x_within'), models.CheckConstraint(condition=models.Q(('focal_y__isnull', True), ('focal_y__range', (0, 1)), _connector='OR'), name='library_image_focal_y_within')],
            },
        ),
    ]
