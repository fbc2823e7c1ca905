"""Pages of article lists that cost the same on page 1 and deep in a 100,000-article archive."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .compiled import Bound

# Lists show at most this many pages; older articles are reached by search, tags and authors.
MAX_PAGES = 50
# Rows are counted only this many pages past the one asked for: page 1 of a large section
# counts 120 rows, not the 1,000 of 50 pages. Beyond that the total is not known (nor shown).
LOOKAHEAD_PAGES = 5


class BoundedPaginator(Paginator):
    """Counts rows (COUNT over a LIMITed subquery) only up to a few pages past the one asked
    for and never past MAX_PAGES, so neither the count on page 1 nor the OFFSET of the deepest
    page scans the whole archive."""

    def __init__(self, object_list, per_page, asked=1):
        super().__init__(object_list, per_page)
        self.limit = min(asked + LOOKAHEAD_PAGES, MAX_PAGES) * per_page

    @cached_property
    def count(self):
        if isinstance(self.object_list, Bound):  # compiled once (web.compiled), counted the same way
            return self.object_list.count_upto(self.limit)
        # Unordered, so that the database stops at the limit instead of sorting every match.
        return self.object_list.order_by().values("pk")[: self.limit].count()

    @property
    def total_known(self):
        """Whether num_pages is the real number of pages (else there are more)."""
        return self.count < self.limit or self.limit >= MAX_PAGES * self.per_page


def paginate(request, queryset, per_page):
    """The requested page; a bad or too deep page number gives the first or the last page."""
    try:
        asked = max(1, min(int(request.GET.get("page", 1)), MAX_PAGES))
    except (TypeError, ValueError):
        asked = 1
    return BoundedPaginator(queryset, per_page, asked).get_page(request.GET.get("page"))
