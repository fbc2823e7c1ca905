"""Tell the CDN (Varnish with xkey) in front which tags changed.

`purge(tags, soft=True)` sends one `PURGE` request to each of `CDN_PURGE_URLS` with the tags in
the `xkey-purge` header: a soft purge lets Varnish serve the old copy for its grace while it
fetches a new one; a hard purge (removals) drops the objects at once. Nothing is sent when
`CDN_PURGE_URLS` is empty. A failure is logged; it never reaches the caller.
"""

import logging
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)
TIMEOUT = 2.0


def purge(tags, soft=True):
    tags = sorted(set(tags))
    if not tags or not settings.CDN_PURGE_URLS:
        return
    headers = {"xkey-purge": " ".join(tags), "xkey-soft": "1" if soft else "0"}
    for url in settings.CDN_PURGE_URLS:
        request = urllib.request.Request(url, method="PURGE", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT):
                pass
        except (OSError, urllib.error.URLError) as error:
            logger.warning("CDN purge of %s at %s failed: %s", tags, url, error)
