"""The reference with no middleware at all: the issue 12 ratio's "bare Django view" (scripts/bench_render.py)."""

from .settings import *  # noqa: F403

MIDDLEWARE = []
