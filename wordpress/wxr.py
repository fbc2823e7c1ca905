"""Reading a WordPress export (WXR 1.0, 1.1, 1.2) safely and in constant memory.

defusedxml refuses entity declarations (no "billion laughs", no external entities: XXE) and
never touches the network; iterparse streams the file, and each item is dropped from the tree
once it has been read. A file declared UTF-8 (or undeclared) that holds stray bytes of another
encoding, as old WordPress databases often produce, is repaired on the fly: each invalid byte is
read as Windows-1252, and control characters XML forbids are removed. Other declared encodings
(ISO-8859-1, Windows-1258, ...) are decoded by the parser itself.
"""

import codecs
import io
import re
from functools import lru_cache
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

CHUNK = 1 << 16
NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
CHANNEL_ENTRIES = {"wp:category", "wp:tag", "wp:author", "wp:term", "item"}
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DECLARED_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")


class WXRError(Exception):
    """The file cannot be read: the message (Vietnamese) says where and why."""


def _read_as_cp1252(error):
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("wordpress-cp1252", _read_as_cp1252)


class RepairedUTF8(io.RawIOBase):
    """A binary stream of valid UTF-8 made from one that may hold stray single-byte text."""

    def __init__(self, raw):
        self.raw = raw
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="wordpress-cp1252")
        self.pending = b""
        self.repaired = False

    def readable(self):
        return True

    def readinto(self, buffer):
        while not self.pending:
            chunk = self.raw.read(CHUNK)
            text = self.decoder.decode(chunk, final=not chunk)
            if not chunk and not text:
                return 0
            cleaned, count = ILLEGAL_XML.subn("", text)
            self.repaired = self.repaired or bool(count) or not _valid_utf8(chunk)
            self.pending = cleaned.encode("utf-8")
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def _valid_utf8(chunk):
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError as error:
        # A character cut by the chunk's end is not an error.
        return error.start >= len(chunk) - 3 and error.reason == "unexpected end of data"
    return True


def open_export(path):
    """The export as a binary stream for the parser (repaired when it claims UTF-8)."""
    raw = open(path, "rb")  # noqa: SIM115 - closed by the caller through the returned stream
    head = raw.read(200)
    raw.seek(0)
    declared = DECLARED_ENCODING.match(head)
    encoding = declared.group(1).decode().lower().replace("_", "-") if declared else "utf-8"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or encoding not in ("utf-8", "utf8"):
        return raw
    return io.BufferedReader(RepairedUTF8(raw), CHUNK)


@lru_cache(maxsize=512)
def name(tag):
    """"{http://wordpress.org/export/1.2/}post_id" -> "wp:post_id", whatever the WXR version."""
    if tag[0] != "{":
        return tag
    uri, local = tag[1:].split("}", 1)
    if uri.startswith("http://wordpress.org/export/"):
        return f"{'excerpt' if uri.rstrip('/').endswith('excerpt') else 'wp'}:{local}"
    return f"{NAMESPACES.get(uri, uri)}:{local}"


def entries(path, only_attachments=False):
    """Yield (kind, dict) for the channel's facts ("site") and each category, tag, author and item,
    in file order; with only_attachments, items other than attachments are yielded as None (a
    faster first pass). Raises WXRError for a file that is not a readable WXR export."""
    stream = open_export(path)
    try:
        depth, channel, site = 0, None, {}
        for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=False):
            if event == "start":
                depth += 1
                if depth == 2 and name(element.tag) == "channel":
                    channel = element
                continue
            depth -= 1
            if depth == 2 and channel is not None:
                tag = name(element.tag)
                if tag in CHANNEL_ENTRIES:
                    if site is not None:
                        yield "site", site
                        site = None
                    if tag != "item":
                        yield tag.removeprefix("wp:"), read_flat(element)
                    elif only_attachments and not is_attachment(element):
                        yield "item", None
                    else:
                        yield "item", read_item(element)
                elif site is not None and tag in ("title", "link", "wp:base_site_url", "wp:wxr_version"):
                    site[tag.removeprefix("wp:")] = (element.text or "").strip()
                channel.remove(element)
            elif depth == 0 and name(element.tag) != "rss":
                raise WXRError("Tệp không phải bản xuất WordPress (WXR): thiếu thẻ <rss>.")
        if channel is None:
            raise WXRError("Tệp không phải bản xuất WordPress (WXR): thiếu thẻ <channel>.")
        if site is not None:
            yield "site", site
        yield "end", {"repaired": getattr(stream.raw, "repaired", False) if hasattr(stream, "raw") else False}
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        reason = str(error).split(":")[0]
        raise WXRError(f"Tệp XML hỏng ở dòng {line}, cột {column + 1} ({reason}).") from None
    except DefusedXmlException:
        raise WXRError(
            "Tệp khai báo thực thể XML (DOCTYPE/ENTITY): bị từ chối vì có thể là tấn công "
            "(XXE, bom mở rộng thực thể). Bản xuất WordPress thật không có khai báo này."
        ) from None
    finally:
        stream.close()


def is_attachment(item):
    return any(name(child.tag) == "wp:post_type" and (child.text or "").strip() == "attachment" for child in item)


def read_flat(element):
    """A category, tag or author: {"wp:cat_name": "Hà Nội", ...}."""
    return {name(child.tag): (child.text or "").strip() for child in element}


def read_item(element):
    item = {"categories": [], "tags": [], "meta": {}, "comments": []}
    for child in element:
        tag = name(child.tag)
        if tag == "category":
            domain = "tags" if child.get("domain") == "post_tag" else "categories"
            if child.get("domain") in ("category", "post_tag"):
                item[domain].append((child.get("nicename") or "", (child.text or "").strip()))
        elif tag == "wp:postmeta":
            meta = read_flat(child)
            item["meta"][meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
        elif tag == "wp:comment":
            item["comments"].append({name(c.tag): c.text or "" for c in child if name(c.tag) != "wp:commentmeta"})
        else:
            item[tag] = child.text or ""
    return item
