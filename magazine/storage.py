from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed names and gzip copies. No brotli copies although the package is installed (for the
    page cache): at WhiteNoise's quality 11 over CKEditor's hundreds of files, collectstatic
    takes twelve times as long."""

    def create_compressor(self, **kwargs):
        return super().create_compressor(use_brotli=False, **kwargs)
