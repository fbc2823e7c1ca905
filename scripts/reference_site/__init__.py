"""The reference of `make bench`: a bare Django view behind `startproject`'s default middleware.

Not part of the site: scripts/bench.py serves it with gunicorn beside the project, with the same
worker settings, so that the project's pages are measured against what plain Django costs.
"""
