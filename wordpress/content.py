"""WordPress post content to the HTML our sanitizer takes: what WordPress does when it shows a
post (wpautop, [caption]), done once at import. Our sanitizer and image processing then run in
Article.save() as on every save."""

import re
from html import unescape

import nh3

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
CAPTION = re.compile(r"\[(caption|wp_caption)([^\]]*)\](.*?)\[/\1\]", re.S | re.I)
CAPTION_ATTRIBUTE = re.compile(r'\bcaption\s*=\s*"([^"]*)"', re.I)
IMAGE_OR_LINKED_IMAGE = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.S | re.I)
# Shortcodes are lower-case ASCII names: "[1]" or "[Ảnh: ...]" in a text are left alone.
PAIRED_SHORTCODE = re.compile(r"\[([a-z_][a-z0-9_-]*)\b[^\]]*\](.*?)\[/\1\]", re.S)
SHORTCODE = re.compile(r"\[/?([a-z_][a-z0-9_-]*)\b[^\]]*\]")
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
    "blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|"
    "footer|nav|figure|figcaption|details|menu|summary|picture|source|iframe|video|audio|object"
)
OPEN_BLOCK = re.compile(rf"(<(?:{BLOCK_TAGS})[\s/>])", re.I)
CLOSE_BLOCK = re.compile(rf"(</(?:{BLOCK_TAGS})>)", re.I)
STARTS_BLOCK = re.compile(rf"^</?(?:{BLOCK_TAGS})[\s/>]", re.I)
PRE = re.compile(r"<pre\b.*?</pre>", re.S | re.I)


def convert(raw):
    """(html, dropped shortcode names) for a post's content:encoded."""
    text = BLOCK_COMMENT.sub("", (raw or "").replace("\r\n", "\n").replace("\r", "\n"))
    text = CAPTION.sub(_figure, text)
    dropped = []

    def drop(match):
        dropped.append(match.group(1))
        return ""

    text = PAIRED_SHORTCODE.sub(drop, text)
    text = SHORTCODE.sub(drop, text)
    return autop(text), sorted(set(dropped))


def _figure(match):
    attributes, inner = match.group(2), match.group(3).strip()
    image = IMAGE_OR_LINKED_IMAGE.search(inner)
    if image is None:
        return inner
    caption = inner[image.end():].strip()
    if not caption:
        found = CAPTION_ATTRIBUTE.search(attributes)
        caption = unescape(found.group(1)) if found else ""
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'\n\n<figure class="image">{image.group(0)}{figcaption}</figure>\n\n'


def autop(text):
    """WordPress's wpautop, in short: a blank line ends a paragraph, a single newline inside one is
    a <br>; block elements are not wrapped in <p>."""
    preserved = {}

    def keep(match):
        token = f"\x00pre{len(preserved)}\x00"
        preserved[token] = match.group(0)
        return token

    text = PRE.sub(keep, text)
    # Block tags stand on their own "paragraph".
    text = OPEN_BLOCK.sub(r"\n\n\1", text)
    text = CLOSE_BLOCK.sub(r"\1\n\n", text)
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if STARTS_BLOCK.match(chunk) or chunk in preserved:
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    html = "\n".join(out)
    for token, block in preserved.items():
        html = html.replace(token, block)
    return html


def plain_text(html):
    """Text of an excerpt or a comment: tags dropped, entities decoded, paragraphs kept as lines."""
    if "<" not in (html or "") and "&" not in (html or ""):
        return (html or "").strip()
    text = re.sub(r"<br\s*/?>|</p>", "\n", html, flags=re.I)
    return unescape(nh3.clean(text, tags=set())).strip()
