"""Structured data for article pages: JSON-LD NewsArticle and BreadcrumbList."""

import html
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.template.defaultfilters import truncatewords
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

from images.renditions import local_name, share_crops

LOGO = "img/logo.png"
# Shared pages with no picture of their own show this one (1200 × 630, the size Open Graph asks for).
SHARE_IMAGE = ("img/share.png", 1200, 630)
# The first body image with its size, as rewrite_body_images writes it.
BODY_IMAGE = re.compile(r'<img\b[^>]*?\ssrc="([^"]+)"[^>]*?\swidth="(\d+)"\sheight="(\d+)"')



def absolute(url):
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def local_iso(moment):
    """An ISO 8601 time to the second in the site's time zone: 2024-04-04T15:43:00+07:00.

    HTML's datetime attribute allows at most three decimals; none are written.
    """
    return timezone.localtime(moment).replace(microsecond=0).isoformat() if moment else None


def time_html(moment):
    """<time datetime="2024-04-04T15:43:00+07:00">15:43 04/04/2024</time>, as the templates write
    it with |isotime and |date:"H:i d/m/Y" (both empty without a moment); for markup built in
    Python (cards, featured lists, comments)."""
    if not moment:
        return '<time datetime=""></time>'
    local = timezone.localtime(moment)
    return f'<time datetime="{local.replace(microsecond=0).isoformat()}">{local.strftime("%H:%M %d/%m/%Y")}</time>'


def lines_html(text):
    """Plain text as |linebreaksbr shows it: escaped, each line break (\\n, \\r\\n or \\r) a <br>;
    for markup built in Python (comments, corrections)."""
    return html.escape(text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def cover_url(article):
    return absolute(article.cover_image.url) if article.cover_image else None


@dataclass(frozen=True)
class ShareImage:
    url: str
    width: int
    height: int
    alt: str = ""
    name: str = ""  # the storage name of an uploaded image


def default_share_image():
    path, width, height = SHARE_IMAGE
    return ShareImage(absolute(static(path)), width, height, "Tạp chí Người Hà Nội")


def share_image(article):
    """The picture of an article when it is shared: its cover, else its first body image, else the site's."""
    if article.cover_image and article.cover_width:
        return ShareImage(cover_url(article), article.cover_width, article.cover_height, article.cover_alt,
                          article.cover_image.name)
    found = BODY_IMAGE.search(article.body or "")
    if found:
        src = html.unescape(found[1])
        return ShareImage(absolute(src), int(found[2]), int(found[3]), name=local_name(src) or "")
    return default_share_image()


def json_ld_images(image):
    """The NewsArticle images: the 16:9, 4:3 and 1:1 crops of an uploaded picture large enough for
    them (images/renditions.py writes them with its renditions), else the picture itself.

    One file-system check per crop: an image stored before crops existed gets them on its next save."""
    crops = share_crops(image.name, image.width, image.height).values() if image.name else ()
    found = [absolute(default_storage.url(crop)) for crop in crops if default_storage.exists(crop)]
    return found or [image.url]


def news_article(article, authors):
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": article.sapo,
        "inLanguage": "vi",
        "articleSection": article.section.name,
        "datePublished": local_iso(article.published_at),
        "dateModified": local_iso(article.updated_at),
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
            for author in authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": absolute("/"),
            "logo": {"@type": "ImageObject", "url": absolute(static(LOGO)), "width": 600, "height": 60},
        },
    }
    data["image"] = json_ld_images(share_image(article))
    # Apps that articles does not know add their properties (corrections.metadata.json_ld).
    for path in settings.ARTICLE_JSON_LD_EXTENSIONS:
        data.update(import_string(path)(article))
    return data


def breadcrumbs(article):
    trail = [
        ("Trang chủ", absolute("/")),
        (article.section.name, absolute(article.section.get_absolute_url())),
        (article.title, absolute(article.get_absolute_url())),
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def json_ld_script(data):
    """<script type="application/ld+json"> with data, escaped like django.utils.html.json_script."""
    # The characters that could end a <script> element or start markup inside it (str.replace:
    # str.translate with a dict is ten times slower on a page's JSON).
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    # Safe: the JSON text cannot contain <, > or & any more, so it cannot leave the element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def article_head_html(article, authors):
    """The <head> additions of an article page: canonical link, Open Graph, Twitter card and the
    JSON-LD scripts (built here, not in a template: a tenth of the page's rendering). Text is
    escaped as Django's autoescape does; truncated sapos as |truncatewords:50 gives them."""
    url = html.escape(absolute(article.get_absolute_url()))
    title, name = html.escape(article.title), html.escape(settings.SITE_NAME)
    sapo = html.escape(truncatewords(article.sapo, 50))
    image = share_image(article)
    image_url = html.escape(str(image.url))
    alt = f'<meta property="og:image:alt" content="{html.escape(image.alt)}">\n' if image.alt else ""
    published = (
        f'<meta property="article:published_time" content="{local_iso(article.published_at)}">\n'
        if article.published_at else ""
    )
    return (
        f'<link rel="canonical" href="{url}">\n'
        f'<meta property="og:site_name" content="{name}">\n'
        '<meta property="og:locale" content="vi_VN">\n'
        '<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="{title}">\n'
        f'<meta property="og:description" content="{sapo}">\n'
        f'<meta property="og:url" content="{url}">\n'
        f'<meta property="og:image" content="{image_url}">\n'
        f'<meta property="og:image:width" content="{image.width}">\n'
        f'<meta property="og:image:height" content="{image.height}">\n'
        f"{alt}{published}"
        f'<meta property="article:modified_time" content="{local_iso(article.updated_at) or ""}">\n'
        f'<meta property="article:section" content="{html.escape(article.section.name)}">\n'
        '<meta name="twitter:card" content="summary_large_image">\n'
        f'<meta name="twitter:title" content="{title}">\n'
        f'<meta name="twitter:description" content="{sapo}">\n'
        f'<meta name="twitter:image" content="{image_url}">\n'
        f"{json_ld_script(news_article(article, authors))}{json_ld_script(breadcrumbs(article))}\n"
    )


def byline_html(article, authors):
    """The byline under an article's title: its authors' links and its publication time."""
    names = ", ".join(
        f'<a class="byline-author" href="{html.escape(author.get_absolute_url())}">{html.escape(author.name)}</a>'
        for author in authors
    )
    moment = f" {time_html(article.published_at)}" if article.published_at else ""
    return f'<p class="byline">{names}{moment}</p>'
