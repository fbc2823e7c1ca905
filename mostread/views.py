import functools
import re
from types import SimpleNamespace

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from security.login import client_ip

from . import counter

# What beacon.js sends: a request without it did not come from the script.
BEACON_BODY = b"doc"
# Crawlers, previews, headless browsers and HTTP libraries do not read.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|facebookexternalhit|headless|lighthouse|phantom|"
    r"curl|wget|python|java/|go-http|okhttp|libwww|httpclient|scrapy",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=512)
def is_reader(user_agent):
    """Whether a User-Agent is a browser's. Remembered: readers' browsers send a few hundred
    distinct strings, and the search costs more than the rest of the beacon's own work."""
    return bool(user_agent) and not BOTS.search(user_agent)


def address_of(meta):
    """The reader's address from a request's META or a WSGI environ (security.login's rule)."""
    return client_ip(SimpleNamespace(META=meta))


@csrf_exempt
@require_POST
def beacon(request, pk):
    """One read of article `pk`: 204 whatever happens, so the answer tells nothing. In
    production mostread.wsgi answers first; this view serves runserver and the test client."""
    if request.body == BEACON_BODY and is_reader(request.META.get("HTTP_USER_AGENT", "")):
        counter.record(pk, address_of(request.META))
    return HttpResponse(status=204)
