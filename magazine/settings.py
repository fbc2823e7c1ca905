"""Settings for Người Hà Nội CMS, read from the environment.

A fresh clone runs on SQLite with DEBUG off unless told otherwise; production
refuses to start without a real SECRET_KEY. See README.md for the variables.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "Tạp chí Người Hà Nội"
# The footer's masthead, as Vietnamese press law asks an online publication to show it
# (governing body, licence, editor-in-chief, address, phone, email). The one place to edit it;
# the demo values below are samples: replace them with the publication's own before going live.
MASTHEAD = [
    ("Cơ quan chủ quản", "Liên hiệp các Hội Văn học Nghệ thuật Hà Nội"),
    ("Giấy phép", "Giấy phép hoạt động báo chí số 000/GP-BTTTT (mẫu)"),
    ("Tổng biên tập", "Nguyễn Văn Mẫu"),
    ("Địa chỉ", "Số 00 phố Mẫu, quận Hoàn Kiếm, Hà Nội"),
    ("Điện thoại", "024 0000 0000"),
    ("Email", "toasoan@nguoihanoi.example"),
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_ckeditor_5",
    "taggit",
    "reversion",
    "adminsortable2",
    "axes",
    "csp",
    "roles",
    "featured",
    "authors",
    "articles",
    "comments",
    "corrections",
    "printissues",
    "mostread",
    "security",
    "pagecache",
    "redirects",
    "wordpress",
]

MIDDLEWARE = [
    # WordPress's "/?p=123" addresses, which the page cache would answer with the home page.
    "redirects.middleware.WordPressQueryMiddleware",
    # A cached page is answered before the rest of the stack, with the headers the rest of the
    # stack gave it when it was made (pagecache/middleware.py).
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.AreaCSPMiddleware",
    "security.middleware.PermissionsPolicyMiddleware",
    "security.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Inside the page cache: old addresses are looked up only where a page would be a 404.
    "redirects.middleware.RedirectFallbackMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the site has one language (LANGUAGE_CODE), and pages must not
    # vary by the reader's Accept-Language.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A 400 for admin list parameters that overflow (Django lets them through as a 500).
    "security.middleware.AdminListQueryMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "magazine.urls"
WSGI_APPLICATION = "magazine.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every worker process: invalidation must reach them all. Rate-limit
# counters live in the database ("counters"), where no eviction of the cache can reset them.
REDIS_URL = os.environ.get("REDIS_URL", "")
DATABASE_CACHE = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
COUNTERS = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "comments_rate_counters",  # created by comments' migration 0003
    "OPTIONS": {"MAX_ENTRIES": 1_000_000},
}
if REDIS_URL:
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "nhn",
            # A slow or absent Redis costs a reader milliseconds, never an error page.
            "OPTIONS": {
                "socket_connect_timeout": env_int("REDIS_CONNECT_TIMEOUT_MS", 100) / 1000,
                "socket_timeout": env_int("REDIS_TIMEOUT_MS", 200) / 1000,
                "retry": Retry(NoBackoff(), 0),
            },
        },
        "counters": COUNTERS,
    }
else:
    CACHES = {
        "default": {**DATABASE_CACHE, "OPTIONS": {"MAX_ENTRIES": 20000}},
        "counters": COUNTERS,
    }

# Page cache for anonymous readers (pagecache/, tags in README "Cache"). Staff (a session
# cookie) always get fresh pages.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", not DEBUG)
PAGE_CACHE_ALIAS = "default"
# How long the server keeps a page at most; an invalidation of one of its tags ends it sooner.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# What browsers are told (max-age), and the CDN that is sent purges (s-maxage).
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)
PAGE_CACHE_CDN_MAX_AGE = env_int("PAGE_CACHE_CDN_MAX_AGE", 86400)
# How long a changed page may still be served (X-Page-Cache: stale) while one process makes it
# again. Removals (unpublish, archive, delete) are never served stale.
PAGE_CACHE_GRACE = env_int("PAGE_CACHE_GRACE", 10)
# How long a reader waits for the process making a page that may not be served stale (a first
# miss, a removal, a publication, an approved comment) before making it too.
PAGE_CACHE_WAIT_MS = env_int("PAGE_CACHE_WAIT_MS", 1000)
# Sidebars and related articles top up with the newest articles as of the last refresh, every
# this many seconds after a publication (pagecache.tags.TOPUP), served stale meanwhile.
PAGE_CACHE_TOPUP_SECONDS = env_int("PAGE_CACHE_TOPUP_SECONDS", 300)
# Pages larger than this, compressed, are not kept.
PAGE_CACHE_MAX_BYTES = env_int("PAGE_CACHE_MAX_BYTES", 512 * 1024)
# The menu and the featured lists, shared by pages and invalidated by their tags like them.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE", True)
PAGE_CACHE_EXCLUDE = ["/admin/", "/binh-luan/", "/doc/", "/healthz", "/static/", "/media/", "/__bench/"]
# The Varnish servers in front (deploy/varnish/default.vcl): changed tags are purged there.
CDN_PURGE_URLS = env_list("CDN_PURGE_URLS")
# Purges leave from a background thread; the save waits at most CDN_PURGE_WAIT for the first try.
CDN_PURGE_TIMEOUT = env_int("CDN_PURGE_TIMEOUT_MS", 2000) / 1000
CDN_PURGE_WAIT = env_int("CDN_PURGE_WAIT_MS", 500) / 1000
CDN_PURGE_RETRIES = env_int("CDN_PURGE_RETRIES", 4)
CDN_PURGE_BACKOFF = env_int("CDN_PURGE_BACKOFF_MS", 500) / 1000

# "Đọc nhiều" (mostread/): reads counted in Redis (READS_REDIS_URL, else REDIS_URL; without
# either, straight into the database), written to the database every READS_FLUSH_SECONDS at
# most, the list recomputed every READS_RECOMPUTE_SECONDS at most.
READS_REDIS_URL = os.environ.get("READS_REDIS_URL") or REDIS_URL
READS_FLUSH_SECONDS = env_int("READS_FLUSH_SECONDS", 60)
READS_RECOMPUTE_SECONDS = env_int("READS_RECOMPUTE_SECONDS", 300)
# Seconds an article is on screen before its read counts.
READS_BEACON_SECONDS = env_int("READS_BEACON_SECONDS", 5)
READS_LIST_SIZE = 5

# Functions (article) -> properties added to its JSON-LD NewsArticle (articles/metadata.py).
ARTICLE_JSON_LD_EXTENSIONS = ["corrections.metadata.json_ld"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
# The project's Vietnamese for words of the admin and its apps (before their own catalogues).
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Times read as "15:43 04/04/2024" everywhere, admin included.
FORMAT_MODULE_PATH = ["magazine.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "magazine.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "magazine.storage.StaticFilesStorage"
        )
    },
}
# Uploads bigger than this are refused with a message instead of a 500.
MAX_IMAGE_UPLOAD_BYTES = env_int("MAX_IMAGE_UPLOAD_BYTES", 15 * 1024 * 1024)
# Images decoded at once in one process (each may need ~160 MB while it is decoded); the others
# wait this many seconds, then are refused with a message (images/renditions.py).
IMAGE_JOBS_PER_PROCESS = env_int("IMAGE_JOBS_PER_PROCESS", 1)
IMAGE_JOB_WAIT_SECONDS = env_int("IMAGE_JOB_WAIT_SECONDS", 20)

# The largest print-issue PDF an editor may upload (printissues/pdf.py).
MAX_PDF_UPLOAD_BYTES = env_int("MAX_PDF_UPLOAD_BYTES", 200 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

LOGIN_URL = "admin:login"
# Where a login lands when its `next` is missing or points off the site (`//evil.example/`).
LOGIN_REDIRECT_URL = "admin:index"
# django-axes first: it refuses a login attempt before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Security: production values by default, relaxed only in DEBUG.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
    "microphone", "midi", "payment", "usb",
]
# Content-Security-Policy (django-csp): scripts only from our own static files,
# never inline. CSP_EXTRA_IMG_SRC adds image hosts (e.g. a CDN serving /media/).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env_list("CSP_EXTRA_IMG_SRC")],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# What the admin adds: CKEditor 5 injects <style> elements and previews uploads as blob: images.
CSP_ADMIN_PREFIX = "/admin/"
CSP_ADMIN_UPDATE = {"style-src": ["'unsafe-inline'"], "img-src": ["blob:"]}

# django-axes: lock an account from one address after repeated failed logins.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_CLIENT_IP_CALLABLE = "security.login.client_ip"
AXES_USERNAME_CALLABLE = "security.login.login_username"
# The database handler: every worker process sees the same failure counts.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

# CKEditor 5: the body editor. Toolbar limited to what the sanitizer keeps.
CKEDITOR_5_CONFIGS = {
    "article": {
        "language": "vi",
        "toolbar": {
            "items": [
                "heading", "|", "bold", "italic", "link", "|",
                "bulletedList", "numberedList", "blockQuote", "|",
                "imageUpload", "insertTable", "|", "undo", "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Tiêu đề mục", "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Tiêu đề phụ", "class": "ck-heading_heading3"},
                {"model": "heading4", "view": "h4", "title": "Tiêu đề nhỏ", "class": "ck-heading_heading4"},
            ]
        },
        "image": {
            "toolbar": ["toggleImageCaption", "imageTextAlternative"],
            # What the upload dialog offers: the formats the server accepts (images/uploads.py).
            "upload": {"types": ["jpeg", "png", "gif", "webp"]},
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
    },
}
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "article_image_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "gif", "webp"]
CKEDITOR_5_CUSTOM_CSS = "css/admin-editor.css"

TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Reader comments (see comments/): held for moderation unless turned off; closed
# N days after publication (0 = never); at most RATE_LIMIT per IP per RATE_WINDOW seconds.
COMMENTS_MODERATION = env_bool("COMMENTS_MODERATION", True)
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 30)
COMMENTS_RATE_LIMIT = env_int("COMMENTS_RATE_LIMIT", 5)
COMMENTS_RATE_WINDOW = env_int("COMMENTS_RATE_WINDOW", 600)
# The form token is refused when younger (a bot) or older (a stale page) than this, in seconds.
COMMENTS_TOKEN_MIN_AGE = env_int("COMMENTS_TOKEN_MIN_AGE", 3)
COMMENTS_TOKEN_MAX_AGE = env_int("COMMENTS_TOKEN_MAX_AGE", 24 * 3600)
# Behind a reverse proxy: the META key of the header it sets, e.g. HTTP_X_FORWARDED_FOR. Unset: REMOTE_ADDR.
COMMENTS_TRUSTED_PROXY_HEADER = os.environ.get("COMMENTS_TRUSTED_PROXY_HEADER") or None
# The proxies whose header is believed (addresses or networks): the header counts only when
# REMOTE_ADDR is one of them, and the client is its right-most address that is not one of them.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["127.0.0.1", "::1"])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an address or network") from None

# /__bench/ceiling for `make bench` (scripts/bench.py); never on in production.
BENCH_VIEWS = env_bool("BENCH_VIEWS", False)

# Serve /media/ from Django when no web server in front does (the demo, tests).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
