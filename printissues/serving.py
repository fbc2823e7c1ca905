"""A file served with Range support: PDF readers ask for the part of a file they show."""

import re

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _byte_range(header, size):
    """(start, end) inclusive for a single-range header; None to send the whole file;
    "bad" when the range cannot be satisfied."""
    match = _RANGE.match(header.strip()) if header else None
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        return (max(0, size - length), size - 1) if length else "bad"
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return "bad"
    return start, end


def ranged_file_response(request, fieldfile, filename, content_type):
    """The file (200) or the byte range the request asked for (206), shown inline."""
    size = fieldfile.size
    wanted = _byte_range(request.headers.get("Range"), size) if request.method == "GET" else None
    if wanted == "bad":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    start, end = wanted or (0, size - 1)
    handle = fieldfile.open("rb")
    handle.seek(start)
    response = StreamingHttpResponse(
        _limited(handle, end - start + 1), status=206 if wanted else 200, content_type=content_type,
    )
    if wanted:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


def _limited(handle, length, chunk=64 * 1024):
    try:
        while length > 0:
            data = handle.read(min(chunk, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        handle.close()
