"""Settings for Người Hà Nội CMS, read from the environment.

A fresh clone runs on SQLite with DEBUG off unless told otherwise; production
refuses to start without a real SECRET_KEY. See README.md for the variables.
"""

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
    "featured",
    "authors",
    "articles",
    "comments",
    "security",
    "pagecache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.AreaCSPMiddleware",
    "security.middleware.PermissionsPolicyMiddleware",
    "security.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so that a cached page skips the rest of the stack.
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

# One cache shared by every worker process: invalidation must reach them all.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "nhn",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Page cache for anonymous readers (pagecache/). Staff (a session cookie) always get fresh pages.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", not DEBUG)
# How long the server keeps a page at most; a content change or a scheduled publication ends it sooner.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# What browsers and CDNs are told (Cache-Control: public, max-age=...).
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)
# The menu and the newest-articles sidebar, shared by pages and invalidated like them.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE", True)
PAGE_CACHE_EXCLUDE = ["/admin/", "/binh-luan/", "/healthz", "/static/", "/media/", "/__bench/"]
# A save or delete of any of these (apps not installed are skipped) invalidates every cached page.
PAGE_CACHE_MODELS = [
    "articles.Article", "articles.Section", "articles.Tag", "articles.TaggedArticle",
    "articles.ArticleAuthor", "authors.Author", "comments.Comment",
    "featured.FeaturedList", "featured.FeaturedItem",
]
# The Varnish servers in front (deploy/varnish/default.vcl): changed tags are purged there.
CDN_PURGE_URLS = env_list("CDN_PURGE_URLS")
# A row created with one of these statuses is not public yet: its creation changes no page.
PAGE_CACHE_HIDDEN_STATUSES = {"draft", "review", "archived", "pending", "rejected", "spam"}
# Signals of other apps that announce changes made without model signals (bulk moderation).
PAGE_CACHE_SIGNALS = ["comments.signals.comment_moderated", "comments.signals.comment_posted"]
# Functions (now) -> the next moment a page changes by itself; cached pages expire then.
PAGE_CACHE_SCHEDULES = ["articles.models.next_scheduled_publication"]
# Date-time fields ("app.Model.field") at whose future values pages change: featured items
# entering or leaving a list. Models of apps not installed are skipped.
PAGE_CACHE_TIME_FIELDS = ["featured.FeaturedItem.starts_at", "featured.FeaturedItem.ends_at"]

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
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads bigger than this are refused with a message instead of a 500.
MAX_IMAGE_UPLOAD_BYTES = env_int("MAX_IMAGE_UPLOAD_BYTES", 15 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

LOGIN_URL = "admin:login"
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
            # What the upload dialog offers: the formats the server accepts (articles/uploads.py).
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
# Behind a reverse proxy: the META key of the header it sets, e.g. HTTP_X_FORWARDED_FOR
# (its last address is used). Unset: REMOTE_ADDR.
COMMENTS_TRUSTED_PROXY_HEADER = os.environ.get("COMMENTS_TRUSTED_PROXY_HEADER") or None

# /__bench/ceiling for `make bench` (scripts/bench.py); never on in production.
BENCH_VIEWS = env_bool("BENCH_VIEWS", False)

# Serve /media/ from Django when no web server in front does (the demo, tests).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
