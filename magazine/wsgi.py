import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magazine.settings")

application = get_wsgi_application()

# Before gunicorn forks its workers (preload_app): URL patterns and public templates ready.
from magazine.warmup import warm_up  # noqa: E402 - needs the settings loaded above

warm_up()

# Page-cache hits and the "Đọc nhiều" read beacon are answered before Django's request handling
# (pagecache/wsgi.py, mostread/wsgi.py).
from mostread.wsgi import BeaconMiddleware  # noqa: E402 - needs the settings loaded above
from pagecache.wsgi import PageCacheApp  # noqa: E402

application = BeaconMiddleware(PageCacheApp(application))
