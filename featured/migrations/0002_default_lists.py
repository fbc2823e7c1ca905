from django.db import migrations

# The lists the site's templates name; editors may add more in the admin.
DEFAULT_LISTS = [
    # (key, title, size, fill, layout)
    ("tieu-diem", "Tiêu điểm", 5, "newest", "lead"),
    ("noi-bat", "Nổi bật Tạp chí Người Hà Nội", 5, "newest", "excerpts"),
    ("dung-bo-lo", "Đừng bỏ lỡ", 4, "newest", "thumbnails"),
]


def create_lists(apps, schema_editor):
    FeaturedList = apps.get_model("featured", "FeaturedList")
    for key, title, size, fill, layout in DEFAULT_LISTS:
        FeaturedList.objects.get_or_create(
            key=key, defaults={"title": title, "size": size, "fill": fill, "layout": layout},
        )


class Migration(migrations.Migration):
    dependencies = [("featured", "0001_initial")]

    operations = [migrations.RunPython(create_lists, migrations.RunPython.noop)]
