"""The WSGI entry of the beacon's own app server (deploy/gunicorn-beacon.conf.py): POST /doc/<id>/
and /healthz, nothing else. Django is set up all the same, since a read now and then flushes the
counts to PostgreSQL through the ORM and recomputes "Đọc nhiều". Varnish sends the beacon here
(deploy/varnish/default.vcl) so that pages never wait behind it; magazine.wsgi answers it too,
for a site without Varnish."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magazine.settings")

django_application = get_wsgi_application()

from mostread.wsgi import BeaconMiddleware  # noqa: E402 - needs the settings loaded above

NOT_HERE = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", "10"), ("Cache-Control", "no-store")]


def health_or_nothing(environ, start_response):
    """/healthz from Django (the health check of a load balancer); 404 for anything else."""
    if environ.get("PATH_INFO") == "/healthz":
        return django_application(environ, start_response)
    start_response("404 Not Found", NOT_HERE)
    return [b"not found\n"]


application = BeaconMiddleware(health_or_nothing)
