import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _networks(proxies):
    try:
        return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None


def _is_trusted(address):
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request):
    """The reader's address; login lockouts and the comment rate limit both count by it.

    REMOTE_ADDR, unless it is one of TRUSTED_PROXIES and COMMENTS_TRUSTED_PROXY_HEADER (a META
    key such as HTTP_X_FORWARDED_FOR) is set: then the right-most address of that header that is
    not a trusted proxy. Everything left of it was written by the client and proves nothing.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    header = getattr(settings, "COMMENTS_TRUSTED_PROXY_HEADER", None)
    remote_address = _address(remote or "")
    if not header or remote_address is None or not _is_trusted(remote_address):
        return remote
    for text in reversed(request.META.get(header, "").split(",")):
        address = _address(text)
        if address is None:
            break  # garbage: nothing further left can be trusted either
        if not _is_trusted(address):
            return str(address)
    return remote


def login_username(request, credentials):
    """The username axes records: what was typed, cut to fit its column (255) and without NUL."""
    username = credentials.get("username") if credentials else request.POST.get("username")
    if username is None:
        return None
    return str(username).replace("\x00", "")[:150]
