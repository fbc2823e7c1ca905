"""Demo print issues for `manage.py load_demo`: two numbers with a generated PDF and contents.

Called by articles' load_demo once the demo articles exist; an issue that exists is left as it is.
"""

import datetime
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from articles.demo import content
from articles.demo.images import make_image
from articles.models import Article
from vietnamese import slugify_vi

from .models import PrintIssue, TocEntry

A4 = (827, 1169)  # pixels at 100 dpi
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
DEMO_ISSUES = [
    # number, year, date, palette, description, [(article title or free line, page)]
    (45, 2024, datetime.date(2024, 4, 5), "civic",
     "Số tháng Tư: cải cách hành chính ở các quận, làng nghề ven đô và mùa hoa sưa.",
     [("Thư toà soạn", 2), (content.REFERENCE["title"], 4), (content.HIGHLIGHTS[0]["title"], 10),
      (content.HIGHLIGHTS[1]["title"], 14)]),
    (46, 2024, datetime.date(2024, 4, 20), "autumn",
     "Số cuối tháng Tư: phố cổ, ẩm thực và những người giữ nghề.",
     [("Thư toà soạn", 2), (content.HIGHLIGHTS[2]["title"], 6), (content.HIGHLIGHTS[3]["title"], 12)]),
]


def _font(size):
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default(size)


def _page(title, subtitle, palette, seed):
    """One A4 page: a picture with the magazine's name and the issue on it."""
    with Image.open(io.BytesIO(make_image(palette, seed=seed))) as picture:
        page = Image.new("RGB", A4, (255, 253, 249))
        page.paste(picture.convert("RGB").resize((A4[0], A4[0] * picture.height // picture.width)), (0, 260))
    draw = ImageDraw.Draw(page)
    draw.text((60, 60), title, font=_font(72), fill=(158, 27, 27))
    draw.text((60, 170), subtitle, font=_font(36), fill=(29, 29, 27))
    return page


def make_pdf(number, year, palette, pages=4):
    """A small PDF of `pages` pages, drawn with Pillow."""
    images = [_page("NGƯỜI HÀ NỘI", f"Số {number} – {year}", palette, seed=number)]
    images += [_page("Người Hà Nội", f"Số {number} – Trang {n}", palette, seed=number + n) for n in range(2, pages + 1)]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=100)
    return out.getvalue()


def load_demo(stdout):
    for number, year, date, palette, description, lines in DEMO_ISSUES:
        if PrintIssue.objects.filter(number=number, year=year).exists():
            continue
        issue = PrintIssue(number=number, year=year, date=date, description=description)
        issue.pdf.save(issue.pdf_filename(), ContentFile(make_pdf(number, year, palette)), save=False)
        issue.save()  # the cover is drawn from the PDF's first page
        for position, (line, page) in enumerate(lines, start=1):
            article = Article.objects.filter(slug=slugify_vi(line)).first()
            TocEntry.objects.create(
                issue=issue, article=article, title="" if article else line, page=page, position=position,
            )
    stdout.write("Số báo in: Số 45 và Số 46 năm 2024, có bản PDF.")
