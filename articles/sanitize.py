"""The allow-list every stored article body passes through (DESIGN.md)."""

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "b", "i", "u",
    "s", "sub", "sup", "blockquote", "figure", "picture", "source", "img", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    # srcset, sizes and loading are rebuilt from the stored file on save (images/renditions.py).
    "img": {"src", "alt", "width", "height", "title", "srcset", "sizes", "loading"},
    "source": {"srcset", "sizes", "type"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
# CKEditor 5 marks figures with these classes; nothing else survives.
ALLOWED_CLASSES = {"figure": {"image", "table", "image-style-side", "image_resized"}}


def clean_html(html):
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
        strip_comments=True,
    ).strip()
