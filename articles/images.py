"""Uploaded images: cleaned once, served in the sizes a reader's screen needs.

On upload an image is turned upright (EXIF orientation) and re-encoded without any metadata
(EXIF with GPS, XMP, IPTC, comments; a colour profile is applied, then dropped). Renditions
sit beside the original under names derived from it, so templates compute their URLs without
a query or a disk access:

    covers/2024/04/04/pho-co.jpg          the cleaned original, 2000 px wide
    covers/2024/04/04/pho-co.w640.jpg     a rendition in the original format
    covers/2024/04/04/pho-co.w640.webp    the same in WebP
    covers/2024/04/04/pho-co.w2000.webp   the original size in WebP

Widths are those of WIDTHS narrower than the original. GIFs (animations) are kept as they are.
"""

import io
import os
import re
from functools import lru_cache
from html import unescape
from urllib.parse import unquote

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .text import slugify_vi

WIDTHS = (320, 640, 1024, 1600)
# Wider originals are kept but not offered in srcset: no screen needs them.
MAX_SRCSET_WIDTH = 2400
RESIZABLE = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
SAVE_OPTIONS = {
    "JPEG": {"quality": 84, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
}
# The first image on screen loads at once (the default); fetchpriority is not valid HTML yet
# for the checker the tests use.
EAGER = ""
LAZY = mark_safe(' loading="lazy"')
# Article column width: full width on phones, the 42rem reading measure from 48rem up.
BODY_SIZES = "(min-width: 48rem) 42rem, 100vw"


# Image fields and the fields that keep their size.
DIMENSION_FIELDS = {"cover_image": ("cover_width", "cover_height"), "photo": ("photo_width", "photo_height")}


def rendition_name(name, width, extension=None):
    stem, original = os.path.splitext(name)
    return f"{stem}.w{width}.{extension or original.lstrip('.').lower()}"


def rendition_widths(width):
    """The rendition widths made for an original `width` pixels wide."""
    return [w for w in WIDTHS if w < width]


def _srgb(image):
    """The image in sRGB with no colour profile attached (best effort)."""
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            image = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    return image


def _pixels_only(image, image_format):
    """A copy holding pixels and nothing else: no EXIF, XMP, IPTC, comments or profile."""
    image = _srgb(ImageOps.exif_transpose(image))
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "transparency" in image.info or image.mode in ("P", "PA") else "RGB")
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def _encode(image, image_format):
    buffer = io.BytesIO()
    if image_format == "WEBP" and image.mode == "LA":
        image = image.convert("RGBA")
    image.save(buffer, image_format, **SAVE_OPTIONS[image_format])
    return buffer.getvalue()


def clean(file):
    """(bytes, extension, Pillow image) of an upload, upright and without metadata; GIFs as sent."""
    file.seek(0)
    with Image.open(file) as opened:
        image_format = opened.format
        if image_format == "GIF":
            file.seek(0)
            return file.read(), "gif", None
        if image_format not in RESIZABLE:  # BMP, TIFF…: stored as PNG
            image_format = "PNG"
        opened.load()
        image = _pixels_only(opened, image_format)
    return _encode(image, image_format), RESIZABLE[image_format], image


def make_renditions(name, image=None, storage=default_storage):
    """Write the renditions of the stored original `name` (replacing any); returns its size."""
    if image is None:
        with storage.open(name) as file, Image.open(file) as opened:
            if opened.format not in RESIZABLE:
                return opened.size
            opened.load()
            image = _pixels_only(opened, opened.format)
    image_format = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[os.path.splitext(name)[1].lstrip(".").lower()]
    width, height = image.size
    for target in rendition_widths(width):
        resized = image.resize((target, max(1, round(height * target / width))), Image.Resampling.LANCZOS)
        _write(storage, rendition_name(name, target), _encode(resized, image_format))
        _write(storage, rendition_name(name, target, "webp"), _encode(resized, "WEBP"))
    if image_format != "WEBP" and width <= MAX_SRCSET_WIDTH:
        _write(storage, rendition_name(name, width, "webp"), _encode(image, "WEBP"))
    return image.size


def _write(storage, name, data):
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, ContentFile(data))


def has_renditions(name, width, storage=default_storage):
    widths = rendition_widths(width)
    return not widths or storage.exists(rendition_name(name, widths[0], "webp"))


def store_upload(upload, folder):
    """Clean an uploaded image, store it under `folder` with its renditions; returns the stored name."""
    stem = slugify_vi(os.path.splitext(os.path.basename(upload.name or ""))[0], max_length=80) or "anh"
    data, extension, image = clean(upload)
    name = default_storage.save(f"{folder}/{stem}.{extension}", ContentFile(data))
    if image is not None:
        make_renditions(name, image)
    return name


def prepare_field(fieldfile):
    """For an image field about to be saved: a new upload is cleaned and stored with its renditions;
    a stored image that lacks renditions (set by path, or from before renditions) gets them."""
    if not fieldfile:
        _set_dimensions(fieldfile, (None, None))
        return
    if not fieldfile._committed:
        try:
            data, extension, image = clean(fieldfile.file)
        except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
            return  # not decodable in full: stored as sent, like any other file
        stem = slugify_vi(os.path.splitext(os.path.basename(fieldfile.name))[0], max_length=80) or "anh"
        fieldfile.save(f"{stem}.{extension}", ContentFile(data), save=False)
        if image is not None:
            make_renditions(fieldfile.name, image, fieldfile.storage)
            _set_dimensions(fieldfile, image.size)
        return
    try:
        size = dimensions(fieldfile)
        if None in size:
            size = (fieldfile.width, fieldfile.height)
        if not has_renditions(fieldfile.name, size[0], fieldfile.storage):
            size = make_renditions(fieldfile.name, storage=fieldfile.storage)
        _set_dimensions(fieldfile, size)
    except (OSError, UnidentifiedImageError, ValueError, KeyError):
        pass  # a missing or unreadable file: the page shows it as it is


def dimension_fields(fieldfile):
    """The names of the model fields that keep an image field's width and height."""
    return DIMENSION_FIELDS.get(fieldfile.field.name, (None, None))


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


def _local_name(src):
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
        name = _local_name(src)
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
        if image_format in RESIZABLE and not has_renditions(name, size[0]):
            make_renditions(name)
        return size
    except (OSError, UnidentifiedImageError, ValueError):
        return None


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
