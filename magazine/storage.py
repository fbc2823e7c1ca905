from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from whitenoise.storage import CompressedManifestStaticFilesStorage

# URLs remembered per storage: a page asks for the same few hundred names over and over, and
# each answer cost an urljoin (and for static files a manifest lookup): a tenth of a page's
# template rendering. At most this many names each; forgotten when the settings change (tests).
MAX_URLS = 20_000


class RememberedURLs:
    """url(name) computed once per name (it depends on the name and the settings only)."""

    # Bumped when a setting changes (tests): every storage forgets what it remembered.
    generation = 0

    def url(self, name, *args, **kwargs):
        if args or kwargs:  # ManifestStaticFilesStorage's force=True: never remembered
            return super().url(name, *args, **kwargs)
        generation, urls = getattr(self, "_remembered_urls", (None, None))
        if generation != RememberedURLs.generation or len(urls) >= MAX_URLS:
            urls = {}
            self._remembered_urls = (RememberedURLs.generation, urls)
        url = urls.get(name)
        if url is None:
            url = urls[name] = super().url(name)
        return url


def _forget(**kwargs):
    RememberedURLs.generation += 1


setting_changed.connect(_forget)


class MediaStorage(RememberedURLs, FileSystemStorage):
    """Uploads on disk (Django's FileSystemStorage), their URLs remembered."""


class StaticFilesStorage(RememberedURLs, CompressedManifestStaticFilesStorage):
    """Hashed names and gzip copies. No brotli copies although the package is installed (for the
    page cache): at WhiteNoise's quality 11 over CKEditor's hundreds of files, collectstatic
    takes twelve times as long. URLs remembered."""

    def create_compressor(self, **kwargs):
        return super().create_compressor(use_brotli=False, **kwargs)
