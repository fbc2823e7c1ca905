"""What every worker's first pages would otherwise do, done once before gunicorn forks them
(preload_app): the URL patterns compiled, the public templates parsed with the tag libraries
they load. A worker that gunicorn recycles (max_requests) started cold: its first uncached
page cost ~200 ms of CPU instead of ~3, holding every other request of that worker meanwhile.
No query: nothing here opens a connection a forked worker could inherit."""

from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver

# The admin's templates are left to load when used: few requests, many templates.
SKIPPED = ("admin/", "reversion/")


def warm_up():
    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 - compiles every pattern (reverse() and resolve() use them)
    resolver.resolve("/")
    names = [
        name for folder in settings.TEMPLATES[0]["DIRS"]
        for name in sorted(str(path.relative_to(folder)) for path in folder.rglob("*.html"))
        if not name.startswith(SKIPPED)
    ]
    for name in names:
        get_template(name)
    return names
