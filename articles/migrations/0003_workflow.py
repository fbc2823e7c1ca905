from django.db import migrations, models


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
    ]
