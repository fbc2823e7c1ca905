from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.urls import include, path
from django.utils.cache import add_never_cache_headers
from django.views.static import serve

from images.uploads import image_upload

admin.site.site_header = "Người Hà Nội — Toà soạn"
admin.site.site_title = "Toà soạn Người Hà Nội"
admin.site.index_title = "Quản trị nội dung"
# Error pages that need no database (503 while it is down).
handler400 = "security.views.bad_request"
handler500 = "security.views.server_error"


def serve_media(request, path):
    # A name the file system refuses (too long, invalid) is simply not there.
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError):
        raise Http404 from None


def healthz(request):
    """Each dependency on a line: 503 without the database; 200 naming a degraded cache (pages
    are then served uncached)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError:
        database = "unavailable"
    try:
        cache.get("healthz")
        shared_cache = "ok"
    except Exception:  # each backend raises its own errors
        shared_cache = "degraded (pages served uncached)"
    body = f"database: {database}\ncache: {shared_cache}\n"
    response = HttpResponse(body, status=200 if database == "ok" else 503, content_type="text/plain")
    add_never_cache_headers(response)
    return response


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Body images: for whoever may write articles.
    path("admin/tai-anh/", image_upload, {"permissions": ("articles.add_article", "articles.change_article")},
         name="article_image_upload"),
    path("admin/", admin.site.urls),
    path("binh-luan/", include("comments.urls")),
    path("dinh-chinh/", include("corrections.urls")),
    path("so-bao/", include("printissues.urls")),
    path("doc/", include("mostread.urls")),
]

if settings.BENCH_VIEWS:
    from magazine.bench import ceiling

    urlpatterns += [path("__bench/ceiling", ceiling)]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Uploaded files; in production a web server or CDN in front serves /media/.
    urlpatterns += [path("media/<path:path>", serve_media)]

urlpatterns += [path("", include("articles.urls"))]
