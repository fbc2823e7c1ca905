import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magazine.settings")

application = get_wsgi_application()

# "Đọc nhiều": the read beacon is answered before Django's request handling (mostread/wsgi.py).
from mostread.wsgi import BeaconMiddleware  # noqa: E402 - needs the settings loaded above

application = BeaconMiddleware(application)
