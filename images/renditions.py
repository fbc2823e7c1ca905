"""Uploaded images: cleaned once, served in the sizes a reader's screen needs.

On upload an image is turned upright (EXIF orientation) and re-encoded without any metadata
(EXIF with GPS, XMP, IPTC, comments; a colour profile is applied, then dropped). Renditions
sit beside the original under names derived from it, so templates compute their URLs without
a query or a disk access:

    covers/2024/04/04/pho-co.jpg          the cleaned original, 2000 px wide (MAX_EDGE at most)
    covers/2024/04/04/pho-co.w640.jpg     a rendition in the original format
    covers/2024/04/04/pho-co.w640.webp    the same in WebP
    covers/2024/04/04/pho-co.w2000.webp   the original size in WebP
    covers/2024/04/04/pho-co.r16x9.jpg    a centred 16:9 crop 1200 px wide, for search engines

Widths are those of WIDTHS narrower than the original. GIFs (animations) are re-encoded frame
by frame, without renditions. Every decode goes through `image_job()`: a few at a time per process.
"""

import ctypes
import ctypes.util
import io
import math
import os
import re
import threading
from contextlib import contextmanager
from functools import lru_cache
from html import unescape
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from PIL import ExifTags, Image, ImageCms, ImageSequence, UnidentifiedImageError

from vietnamese import slugify_vi

WIDTHS = (320, 640, 1024, 1600)
# Limits that bound the memory and time of one image (README, "Uploads"): nothing with more
# pixels is decoded, in any request (Pillow's own limit is lowered to match); what is stored
# is reduced by a whole factor to at most MAX_EDGE pixels on its longer side, JPEGs already
# while decoding. A 40-million-pixel PNG then needs about 160 MB while it is decoded.
MAX_PIXELS = 40_000_000
MAX_EDGE = 3200
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# Rows converted at a time (times the reduction factor) when a big image is shrunk.
BAND_ROWS = 256
ORIENTATIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
NOT_DECODABLE = "Không đọc được ảnh này (tệp hỏng hoặc không đầy đủ). Hãy lưu lại ảnh rồi tải lên lần nữa."
# What Pillow raises for a file that does not decode in full.
UNREADABLE = (OSError, UnidentifiedImageError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError)
# Wider originals are kept but not offered in srcset: no screen needs them.
MAX_SRCSET_WIDTH = 2400
RESIZABLE = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
SAVE_OPTIONS = {
    "JPEG": {"quality": 84, "optimize": True, "progressive": True},
    "PNG": {"compress_level": 6},  # optimize=True (level 9) costs twice the time for 1 % smaller files
    "WEBP": {"quality": 80, "method": 4},
}
# The first image on screen loads at once (the default); fetchpriority is not valid HTML yet
# for the checker the tests use.
EAGER = ""
LAZY = mark_safe(' loading="lazy"')
# Article column width: full width on phones, the 42rem reading measure from 48rem up.
BODY_SIZES = "(min-width: 48rem) 42rem, 100vw"


# The aspect ratios Google asks of a NewsArticle's images, each at least SHARE_WIDTH px wide.
SHARE_RATIOS = ((16, 9), (4, 3), (1, 1))
SHARE_WIDTH = 1200


def rendition_name(name, width, extension=None):
    stem, original = os.path.splitext(name)
    return f"{stem}.w{width}.{extension or original.lstrip('.').lower()}"


def rendition_widths(width):
    """The rendition widths made for an original `width` pixels wide."""
    return [w for w in WIDTHS if w < width]


def share_crops(name, width, height):
    """{ratio: stored name} of the crops SHARE_RATIOS made for an original `width` × `height`: the
    ratios whose centred crop is at least SHARE_WIDTH px wide (no disk access)."""
    stem, extension = os.path.splitext(name)
    if not width or not height or extension.lstrip(".").lower() not in RESIZABLE.values():
        return {}
    return {
        (across, down): f"{stem}.r{across}x{down}{extension}"
        for across, down in SHARE_RATIOS
        if min(width, height * across // down) >= SHARE_WIDTH
    }


def _srgb(image, profile):
    """The image in sRGB with no colour profile attached (best effort)."""
    if profile and image.mode in ("RGB", "RGBA"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            image = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    return image


def _target_mode(image, image_format):
    if image_format == "JPEG":
        return image.mode if image.mode in ("RGB", "L") else "RGB"
    if image.mode in ("RGB", "RGBA", "L", "LA"):
        return image.mode
    return "RGBA" if "transparency" in image.info or image.mode in ("P", "PA") else "RGB"


def _fitted(image, mode):
    """A new image in `mode` holding pixels only, reduced by a whole factor to fit MAX_EDGE.

    Converted and reduced in bands of rows, so that no second full-size copy of a big
    image is ever made (a 40-million-pixel palette PNG would need 160 MB more as RGBA)."""
    width, height = image.size
    factor = max(1, math.ceil(max(width, height) / MAX_EDGE))
    clean = Image.new(mode, (math.ceil(width / factor), math.ceil(height / factor)))
    rows = factor * BAND_ROWS
    for top in range(0, height, rows):
        band = image.crop((0, top, width, min(height, top + rows)))
        if band.mode != mode:
            band = band.convert(mode)
        clean.paste(band.reduce(factor) if factor > 1 else band, (0, top // factor))
    return clean


def _decode(opened, image_format):
    """The pixels of an opened image, upright, in sRGB, at most MAX_EDGE pixels on a side, without
    any metadata. JPEGs are decoded at a reduced size when they are bigger than needed."""
    width, height = opened.size
    if width * height > MAX_PIXELS:
        raise Image.DecompressionBombError(f"{width}x{height} is more than {MAX_PIXELS} pixels")
    orientation = opened.getexif().get(ExifTags.Base.Orientation)
    profile = opened.info.get("icc_profile")
    if image_format == "JPEG":
        scale = max(1, math.ceil(max(width, height) / MAX_EDGE))
        opened.draft(opened.mode, (math.ceil(width / scale), math.ceil(height / scale)))
    opened.load()
    image = _fitted(opened, _target_mode(opened, image_format))
    if orientation in ORIENTATIONS:
        image = image.transpose(ORIENTATIONS[orientation])
    return _srgb(image, profile)


def _gif(opened):
    """A GIF re-encoded frame by frame: pixels, timing and loop only (nothing appended survives)."""
    width, height = opened.size
    if width * height * getattr(opened, "n_frames", 1) > MAX_PIXELS:
        raise Image.DecompressionBombError("too many pixels in all frames")
    frames, durations = [], []
    for frame in ImageSequence.Iterator(opened):
        durations.append(frame.info.get("duration", 100))
        frames.append(_fitted(frame, "RGBA"))
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=durations,
                   loop=opened.info.get("loop", 0), disposal=2, optimize=False)
    return buffer.getvalue()


def _encode(image, image_format):
    buffer = io.BytesIO()
    if image_format == "WEBP" and image.mode == "LA":
        image = image.convert("RGBA")
    image.save(buffer, image_format, **SAVE_OPTIONS[image_format])
    return buffer.getvalue()


class ImageBusy(Exception):
    """Too many images are being processed in this process; the message is for the user."""


BUSY = "Máy chủ đang xử lý nhiều ảnh cùng lúc. Vui lòng đợi một lát rồi tải lại ảnh."
_jobs = threading.BoundedSemaphore(getattr(settings, "IMAGE_JOBS_PER_PROCESS", 1))
_job_state = threading.local()


@contextmanager
def image_job():
    """At most IMAGE_JOBS_PER_PROCESS images decoded at once in this process (the costly part;
    renditions of a decoded image are small work); the others wait up to IMAGE_JOB_WAIT_SECONDS,
    then get ImageBusy. Re-entrant within a thread."""
    if getattr(_job_state, "active", False):
        yield
        return
    if not _jobs.acquire(timeout=settings.IMAGE_JOB_WAIT_SECONDS):
        raise ImageBusy(BUSY)
    _job_state.active = True
    try:
        yield
    finally:
        _job_state.active = False
        _jobs.release()
        _return_memory()


def _return_memory():
    """Hand freed pixel buffers back to the system: glibc keeps them in its arenas otherwise,
    and a worker would stay hundreds of MB bigger after one large image."""
    if _libc is not None:
        _libc.malloc_trim(0)


try:
    _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    _libc.malloc_trim  # noqa: B018 - glibc only
except (OSError, AttributeError):
    _libc = None


class CleanedImage:
    """An upload made safe: the bytes to store, their extension and (except for GIFs) the pixels."""

    def __init__(self, data, extension, image=None):
        self.data, self.extension, self.image = data, extension, image


def clean(file):
    """The CleanedImage of an upload: upright, without metadata, at most MAX_EDGE pixels on a side.

    Raises OSError, ValueError, SyntaxError or Image.DecompressionBombError when the file does
    not decode in full (a truncated file included), and ImageBusy."""
    file.seek(0)
    with image_job(), Image.open(file) as opened:
        image_format = opened.format
        if image_format == "GIF":
            return CleanedImage(_gif(opened), "gif")
        if image_format not in RESIZABLE:  # BMP, TIFF…: stored as PNG
            image_format = "PNG"
        image = _decode(opened, image_format)
        return CleanedImage(_encode(image, image_format), RESIZABLE[image_format], image)


def make_renditions(name, image=None, storage=default_storage):
    """Write the renditions of the stored original `name` (replacing any); returns its size."""
    if image is None:
        with image_job(), storage.open(name) as file, Image.open(file) as opened:
            if opened.format not in RESIZABLE:
                return opened.size
            image = _decode(opened, opened.format)
    image_format = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[os.path.splitext(name)[1].lstrip(".").lower()]
    _write_renditions(name, image, image_format, storage)
    _return_memory()
    return image.size


def _write_renditions(name, image, image_format, storage):
    """Each width resized from the next wider one (widest first): less work than from the original."""
    width, height = image.size
    source = image
    for target in sorted(rendition_widths(width), reverse=True):
        source = source.resize((target, max(1, round(height * target / width))), Image.Resampling.LANCZOS)
        _write(storage, rendition_name(name, target), _encode(source, image_format))
        _write(storage, rendition_name(name, target, "webp"), _encode(source, "WEBP"))
    if image_format != "WEBP" and width <= MAX_SRCSET_WIDTH:
        _write(storage, rendition_name(name, width, "webp"), _encode(image, "WEBP"))
    for (across, down), crop_name in share_crops(name, width, height).items():
        crop_width = min(width, height * across // down)
        crop_height = crop_width * down // across
        left, top = (width - crop_width) // 2, (height - crop_height) // 2
        crop = image.crop((left, top, left + crop_width, top + crop_height))
        _write(storage, crop_name, _encode(crop.resize((SHARE_WIDTH, SHARE_WIDTH * down // across),
                                                       Image.Resampling.LANCZOS), image_format))


def _write(storage, name, data):
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, ContentFile(data))


def has_renditions(name, width, height=None, storage=default_storage):
    widths = rendition_widths(width)
    if widths and not storage.exists(rendition_name(name, widths[0], "webp")):
        return False
    return all(storage.exists(crop) for crop in share_crops(name, width, height).values())


def store_upload(upload, folder):
    """Clean an uploaded image, store it under `folder` with its renditions; returns the stored name."""
    stem = slugify_vi(os.path.splitext(os.path.basename(upload.name or ""))[0], max_length=80) or "anh"
    with image_job():  # renditions too: nothing is stored yet, so a busy process refuses cleanly
        cleaned = clean(upload)
        name = default_storage.save(f"{folder}/{stem}.{cleaned.extension}", ContentFile(cleaned.data))
        if cleaned.image is not None:
            make_renditions(name, cleaned.image)
    return name


def prepare_field(fieldfile):
    """For an image field about to be saved: a new upload is cleaned and stored with its renditions;
    a stored image that lacks renditions (set by path, or from before renditions) gets them."""
    if not fieldfile:
        _set_dimensions(fieldfile, (None, None))
        return
    if not fieldfile._committed:
        # The admin's image field cleaned the upload while validating it; any other way in
        # (the shell, a script) is cleaned here. What does not decode in full is never stored.
        cleaned = getattr(fieldfile.file, "cleaned_image", None)
        if cleaned is None:
            try:
                cleaned = clean(fieldfile.file)
            except UNREADABLE as error:
                raise ValidationError(NOT_DECODABLE, code="invalid_image") from error
        stem = slugify_vi(os.path.splitext(os.path.basename(fieldfile.name))[0], max_length=80) or "anh"
        fieldfile.save(f"{stem}.{cleaned.extension}", ContentFile(cleaned.data), save=False)
        if cleaned.image is not None:
            make_renditions(fieldfile.name, cleaned.image, fieldfile.storage)
            _set_dimensions(fieldfile, cleaned.image.size)
        return
    try:
        size = dimensions(fieldfile)
        if None in size:
            size = (fieldfile.width, fieldfile.height)
        if not has_renditions(fieldfile.name, *size, storage=fieldfile.storage):
            size = make_renditions(fieldfile.name, storage=fieldfile.storage)
        _set_dimensions(fieldfile, size)
    except (*UNREADABLE, KeyError, ImageBusy):
        pass  # a missing or unreadable file: the page shows it as it is


def dimension_fields(fieldfile):
    """The names of the model fields that keep an image field's width and height, as its model
    declares them: `image_fields = {"cover_image": ("cover_width", "cover_height")}`."""
    return getattr(fieldfile.instance, "image_fields", {}).get(fieldfile.field.name, (None, None))


def prepare_images(instance, update_fields=None):
    """prepare_field() for each image field the model declares in `image_fields`; returns
    update_fields with the size fields of the images among them."""
    for name, size_fields in instance.image_fields.items():
        prepare_field(getattr(instance, name))
        if update_fields is not None and name in update_fields:
            update_fields = {*update_fields, *size_fields}
    return update_fields


def dimensions(fieldfile):
    """(width, height) as kept on the model, or (None, None)."""
    width_name, height_name = dimension_fields(fieldfile)
    if width_name is None:
        return None, None
    return getattr(fieldfile.instance, width_name, None), getattr(fieldfile.instance, height_name, None)


def _set_dimensions(fieldfile, size):
    width_name, height_name = dimension_fields(fieldfile)
    if width_name:
        setattr(fieldfile.instance, width_name, size[0])
        setattr(fieldfile.instance, height_name, size[1])


# Templates and stored bodies: <picture> with WebP and the original format in every width.

def srcset(url, width, extension=None):
    """The srcset of an image stored at `url`, `width` pixels wide (no disk access)."""
    entries = [f"{rendition_name(url, w, extension)} {w}w" for w in rendition_widths(width)]
    if width <= MAX_SRCSET_WIDTH:
        entries.append(f"{rendition_name(url, width, extension) if extension else url} {width}w")
    return ", ".join(entries)


@lru_cache(maxsize=4096)
def picture_html(url, width, height, alt, sizes, eager=False, title=None, css_class=""):
    """<picture> markup (safe HTML) for an image whose renditions exist. The first image on
    screen is `eager`; the others load lazily. Remembered: list pages show the same images
    over and over, and the markup depends on nothing else."""
    loading = EAGER if eager else LAZY
    extra = format_html(' title="{}"', title) if title else ""
    img_attrs = format_html(
        'alt="{}" width="{}" height="{}"{}{}', alt, int(width), int(height), loading, extra
    )
    if url.lower().endswith(".gif"):
        return format_html('<img src="{}"{} {}>', url, format_html(' class="{}"', css_class) if css_class else "",
                           img_attrs)
    webp = "" if url.lower().endswith(".webp") else format_html(
        '<source type="image/webp" srcset="{}" sizes="{}">', srcset(url, width, "webp"), sizes
    )
    css_class = format_html(' class="{}"', css_class) if css_class else ""
    return format_html(
        '<picture{}>{}<img src="{}" srcset="{}" sizes="{}" {}></picture>',
        css_class, webp, url, srcset(url, width), sizes, img_attrs,
    )


IMG_TAG = re.compile(r"<img\b([^>]*)>", re.I)
ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
PICTURE_WRAPPER = re.compile(r"</?picture>|<source\b[^>]*>", re.I)
KEPT_IMG_ATTRIBUTES = ("src", "alt", "title", "width", "height")


def local_name(src):
    """The storage name of a /media/ URL, or None for an image from elsewhere."""
    if not src.startswith(settings.MEDIA_URL) or ".." in src:
        return None
    return unquote(src[len(settings.MEDIA_URL):])


def rewrite_body_images(html):
    """Give every uploaded image of a (sanitized) body its <picture>, size and loading; the
    first image loads at once, the others lazily. Idempotent: earlier markup is rebuilt."""
    html = PICTURE_WRAPPER.sub("", html)
    position = 0

    def replace(match):
        nonlocal position
        position += 1
        attrs = {key.lower(): unescape(value) for key, value in ATTRIBUTE.findall(match.group(1))}
        src, alt, eager = attrs.get("src", ""), attrs.get("alt", ""), position == 1
        name = local_name(src)
        size = _size_with_renditions(name) if name else None
        if size is None:
            kept = format_html_join("", ' {}="{}"', ((k, attrs[k]) for k in KEPT_IMG_ATTRIBUTES if k in attrs))
            return format_html("<img{}{}>", kept, "" if eager else LAZY)
        return picture_html(src, size[0], size[1], alt, BODY_SIZES, eager=eager, title=attrs.get("title"))

    return IMG_TAG.sub(replace, html)


def _size_with_renditions(name):
    try:
        if not default_storage.exists(name):
            return None
        with default_storage.open(name) as file, Image.open(file) as image:
            size, image_format = image.size, image.format
        if image_format in RESIZABLE and not has_renditions(name, *size):
            make_renditions(name)
        return size
    except (*UNREADABLE, ImageBusy):
        return None  # shown as a plain <img>; the next save tries again


FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>", re.IGNORECASE | re.DOTALL)
FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.IGNORECASE | re.DOTALL)
IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\salt=\"[^\"]+\")[^>]*>", re.IGNORECASE)


def caption_as_alt(html):
    """An image of a figure without alt text gets its caption as alt: screen readers then say something."""

    def fill(match):
        figure = match.group(0)
        caption = FIGCAPTION.search(figure)
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", caption.group(1))).split()) if caption else ""
        if not text:
            return figure
        return IMG_WITHOUT_ALT.sub(
            lambda img: re.sub(r'\salt=""', "", img.group(0)).replace("<img", format_html('<img alt="{}"', text), 1),
            figure,
        )

    return FIGURE.sub(fill, html)
