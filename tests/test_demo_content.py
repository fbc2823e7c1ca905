"""`load_demo` reads like the magazine: real texts, own pictures, the reference page kept word for word."""

import html
import itertools
import re
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image, ImageChops, ImageStat

from articles.demo import content
from articles.models import Article
from authors.models import Author
from vietnamese import nfc

pytestmark = pytest.mark.django_db

# The magazine's page the reference article comes from (a copy of shared/seed/article.txt).
SEED = Path(__file__).parent / "seed" / "article.txt"
PLACEHOLDERS = [
    "minh hoạ", "minh họa", "bản trình diễn", "nội dung mẫu", "ban biên tập sẽ thay", "ghi chép của tạp chí",
]
# Letters that only Vietnamese text carries; a text typed without diacritics has almost none.
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return Article.objects.order_by("-published_at")


def blocks(body):
    """The text of each heading, paragraph and caption of a body, in order."""
    found = re.findall(r"<(h2|p|figcaption)>(.*?)</\1>", body, flags=re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split()) for _tag, text in found]


def written_for_the_demo(demo):
    return demo.exclude(title=content.REFERENCE["title"])


def test_every_demo_article_has_several_paragraphs_and_a_subheading(demo):
    for article in demo:
        assert article.body.count("<h2>") >= 1, article.title
        assert article.body.count("<p>") >= 3, article.title


def test_no_placeholder_text_is_left_and_every_text_is_vietnamese_with_its_diacritics(demo):
    for article in demo:
        for text in (article.title, article.sapo, " ".join(blocks(article.body))):
            assert not any(words in text.lower() for words in PLACEHOLDERS), article.title
            assert text == nfc(text)
        words = " ".join(blocks(article.body)).split()
        # About half the words of Vietnamese prose carry a mark; unmarked text would be near zero.
        assert sum(bool(VIETNAMESE.search(word)) for word in words) / len(words) > 0.4, article.title


def test_every_body_is_its_own_and_speaks_of_its_title(demo):
    bodies = [article.body for article in demo]
    assert len(set(bodies)) == len(bodies)
    for article in written_for_the_demo(demo):
        text = " ".join(blocks(article.body)).lower()
        title_words = {word for word in re.findall(r"\w+", article.title.lower()) if len(word) > 2}
        assert sum(word in text for word in title_words) >= min(2, len(title_words)), article.title


def test_sapos_summarise_rather_than_repeat_the_title(demo):
    for article in demo:
        assert article.sapo != article.title
        assert article.title.lower() not in article.sapo.lower()
        assert len(article.sapo) > 80, article.title
        assert article.sapo not in article.body, article.title


def test_author_photos_are_portraits(demo):
    authors = Author.objects.all()
    assert authors.count() == len(content.AUTHORS)
    for author in authors:
        assert author.photo_height > author.photo_width, author.name
        with default_storage.open(author.photo.name) as photo, Image.open(photo) as image:
            assert image.height > image.width


def thumbnail(name):
    with default_storage.open(name) as stored, Image.open(stored) as image:
        return image.convert("RGB").resize((48, 32))


def test_every_article_has_its_own_picture(demo):
    covers = [article.cover_image.name for article in demo]
    assert all(covers) and len(set(covers)) == len(covers)
    thumbs = {name: thumbnail(name) for name in covers}
    for (a, first), (b, second) in itertools.combinations(thumbs.items(), 2):
        difference = ImageStat.Stat(ImageChops.difference(first, second).convert("L")).mean[0]
        assert difference > 12, f"{a} and {b} look alike"


def test_home_page_leads_with_the_newest_tieu_diem_story(client, demo):
    from featured.models import FeaturedList

    items = FeaturedList.objects.get(key="tieu-diem").items.select_related("article")
    newest = max(items, key=lambda item: item.article.published_at).article
    assert newest == demo.first()  # also the newest story of the demo
    page = client.get("/").content.decode()
    lead = page[page.index('<article class="lead-story">') : page.index("</article>")]
    assert newest.title in lead


def test_reference_article_is_the_seed_page_word_for_word(client, demo):
    seed = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    section, title, byline, sapo = seed[:4]
    body = [line for line in seed[4 : seed.index("Bài liên quan")] if not re.fullmatch(r"\d+\.jpg", line)]

    reference = Article.objects.get(title=content.REFERENCE["title"])
    assert (reference.section.name, reference.title, reference.sapo) == (section, title, sapo)
    assert blocks(reference.body) == body
    page = client.get(reference.get_absolute_url()).content.decode()
    author, time = byline.split(" ", 2)[:2], byline.rsplit(" ", 2)[1:]
    assert " ".join(author) in page and " ".join(time) in page
