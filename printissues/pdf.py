"""PDF uploads judged by content, and a cover drawn from the first page."""

import io

import pypdfium2
from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

# The cover's width in pixels: the first page is drawn at the scale that gives it, however
# large the page says it is, so memory stays bounded (about 1200 × 1700 × 3 bytes).
COVER_WIDTH = 1200
MAX_COVER_HEIGHT = 2400
NOT_A_PDF = "Tệp này không phải là PDF hợp lệ (không đọc được nội dung)."


def check_pdf(upload):
    """Raise a ValidationError unless `upload` is a PDF of acceptable size with at least one page."""
    limit = settings.MAX_PDF_UPLOAD_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(f"Tệp PDF quá lớn: tối đa {limit // (1024 * 1024)} MB.", code="too_large")
    upload.seek(0)
    try:
        if upload.read(5) != b"%PDF-":
            raise ValidationError(NOT_A_PDF, code="not_pdf")
        upload.seek(0)
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError("Tệp PDF có mật khẩu: hãy tải lên bản không khoá.", code="encrypted")
        if len(reader.pages) == 0:
            raise ValidationError("Tệp PDF không có trang nào.", code="empty")
    except ValidationError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, OSError, RecursionError):
        raise ValidationError(NOT_A_PDF, code="not_pdf") from None
    finally:
        upload.seek(0)


def first_page_jpeg(path):
    """The first page of the PDF at `path` as JPEG bytes, COVER_WIDTH pixels wide."""
    document = pypdfium2.PdfDocument(path)
    try:
        page = document[0]
        width, height = page.get_size()
        scale = min(COVER_WIDTH / width, MAX_COVER_HEIGHT / height)
        bitmap = page.render(scale=scale)
        image = bitmap.to_pil().convert("RGB")
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()

