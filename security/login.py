import ipaddress

from django.conf import settings


def client_ip(request):
    """The reader's address: REMOTE_ADDR, or the last address a trusted proxy recorded.

    The header is COMMENTS_TRUSTED_PROXY_HEADER (a META key such as HTTP_X_FORWARDED_FOR);
    login lockouts and the comment rate limit both count by this one function.
    """
    header = getattr(settings, "COMMENTS_TRUSTED_PROXY_HEADER", None)
    if header:
        forwarded = request.META.get(header, "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR") or None


def login_username(request, credentials):
    """The username axes records: what was typed, cut to fit its column (255) and without NUL."""
    username = credentials.get("username") if credentials else request.POST.get("username")
    if username is None:
        return None
    return str(username).replace("\x00", "")[:150]
