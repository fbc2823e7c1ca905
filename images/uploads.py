"""Images that journalists upload: in an article body with CKEditor 5, and in the
admin's image fields (cover image, author photo). Both go through check_image."""

import os
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

from vietnamese import slugify_vi

from .renditions import MAX_PIXELS, NOT_DECODABLE, UNREADABLE, ImageBusy, clean, store_upload

# Formats judged by content, not by the file name the browser sent.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


class ImageRejected(Exception):
    pass


def _error(message, status=400):
    return JsonResponse({"error": {"message": message}}, status=status)


TOO_MANY_PIXELS = (
    f"Ảnh có quá nhiều điểm ảnh (tối đa {MAX_PIXELS // 1_000_000} triệu, ví dụ 8000 × 5000). "
    "Hãy thu nhỏ ảnh rồi tải lại."
)
NOT_AN_IMAGE = "Tệp này không phải là ảnh hợp lệ (chỉ nhận JPEG, PNG, WebP, GIF)."


def check_image(upload):
    """The file extension Pillow finds for an acceptable image, or ImageRejected.

    Only the header is decoded: a small file that would expand to gigabytes of
    pixels (a decompression bomb) is refused before any pixel is read.
    """
    if upload.size is None or upload.size > settings.MAX_IMAGE_UPLOAD_BYTES:
        limit = settings.MAX_IMAGE_UPLOAD_BYTES // (1024 * 1024)
        raise ImageRejected(f"Ảnh quá lớn: tối đa {limit} MB.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageRejected(TOO_MANY_PIXELS)
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(TOO_MANY_PIXELS) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, TypeError, IndexError):
        raise ImageRejected(NOT_AN_IMAGE) from None
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise ImageRejected("Định dạng ảnh không được hỗ trợ (chỉ nhận JPEG, PNG, WebP, GIF).")
    return IMAGE_FORMATS[image_format]


def safe_name(name, extension):
    """A slug file name with the extension the content earned; no folders, whatever was sent."""
    base = os.path.basename((name or "").replace("\\", "/").replace("\x00", ""))
    stem = slugify_vi(os.path.splitext(base)[0], max_length=80) or "anh"
    return f"{stem}.{extension}"


class CheckedImageField(forms.ImageField):
    """The admin's image field, held to the same rules as body images: checked from its header,
    then decoded in full and cleaned here, so that a file that does not decode is a form error.
    The result rides on the upload (`cleaned_image`) for images.renditions.prepare_field."""

    def to_python(self, data):
        if data in self.empty_values:
            return None
        try:
            extension = check_image(data)
            cleaned = clean(data)
        except ImageRejected as rejected:
            raise ValidationError(str(rejected), code="invalid_image") from None
        except ImageBusy as busy:
            raise ValidationError(str(busy), code="busy") from None
        except UNREADABLE:
            raise ValidationError(NOT_DECODABLE, code="invalid_image") from None
        finally:
            data.seek(0)
        data.name = safe_name(data.name, extension)
        upload = super().to_python(data)
        upload.cleaned_image = cleaned
        return upload


def store_image(upload):
    """Store the image upright and without metadata, with its renditions; returns its URL."""
    name = store_upload(upload, timezone.localdate().strftime("uploads/%Y/%m/%d"))
    return default_storage.url(name)


@require_POST
def image_upload(request, permissions=()):
    """The editor's upload endpoint, for staff holding any of `permissions` (set by the URL)."""
    user = request.user
    if not (user.is_active and user.is_staff and any(user.has_perm(name) for name in permissions)):
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
    except ImageBusy as busy:
        return _error(str(busy), status=503)
    except UNREADABLE:
        return _error(NOT_DECODABLE)
