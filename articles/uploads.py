"""Images that journalists insert into an article body with CKEditor 5."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

from .images import store_upload

# Formats judged by content, not by the file name the browser sent.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
MAX_PIXELS = 40_000_000


class ImageRejected(Exception):
    pass


def _error(message, status=400):
    return JsonResponse({"error": {"message": message}}, status=status)


def check_image(upload):
    """The file extension Pillow finds for an acceptable image, or ImageRejected."""
    if upload.size > settings.MAX_IMAGE_UPLOAD_BYTES:
        limit = settings.MAX_IMAGE_UPLOAD_BYTES // (1024 * 1024)
        raise ImageRejected(f"Ảnh quá lớn: tối đa {limit} MB.")
    try:
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageRejected("Tệp này không phải là ảnh hợp lệ (chỉ nhận JPEG, PNG, WebP, GIF).") from None
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise ImageRejected("Định dạng ảnh không được hỗ trợ (chỉ nhận JPEG, PNG, WebP, GIF).")
    if width * height > MAX_PIXELS:
        raise ImageRejected("Ảnh có kích thước điểm ảnh quá lớn.")
    return IMAGE_FORMATS[image_format]


def store_image(upload):
    """Store the image upright and without metadata, with its renditions; returns its URL."""
    name = store_upload(upload, timezone.localdate().strftime("uploads/%Y/%m/%d"))
    return default_storage.url(name)


@require_POST
def image_upload(request):
    user = request.user
    if not (user.is_active and user.is_staff and (
        user.has_perm("articles.add_article") or user.has_perm("articles.change_article")
    )):
        return _error("Bạn không có quyền tải ảnh lên.", status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _error("Không nhận được tệp ảnh.")
    try:
        check_image(upload)
    except ImageRejected as rejected:
        return _error(str(rejected))
    try:
        return JsonResponse({"url": store_image(upload)})
    except (OSError, ValueError, Image.DecompressionBombError):
        return _error("Không đọc được ảnh này (tệp hỏng hoặc không đầy đủ).")
