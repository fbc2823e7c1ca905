from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITOR = "Biên tập viên"


def grant_publish_to_editors(apps, schema_editor):
    # The new permission exists only after all migrations; create it now to grant it.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.add(Permission.objects.get(content_type__app_label="articles", codename="publish_article"))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0002_groups_and_cache_table'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='article',
            options={'ordering': ['-published_at', '-pk'], 'permissions': [('publish_article', 'Xuất bản, hẹn giờ, gỡ bài')], 'verbose_name': 'bài viết', 'verbose_name_plural': 'bài viết'},
        ),
        migrations.AddField(
            model_name='article',
            name='review_note',
            field=models.TextField(blank=True, help_text='Lý do trả bài; tác giả thấy ghi chú này khi mở bài.', verbose_name='ghi chú của biên tập viên'),
        ),
        migrations.AddField(
            model_name='article',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='gửi duyệt lúc'),
        ),
        migrations.RunPython(grant_publish_to_editors, migrations.RunPython.noop),
    ]
