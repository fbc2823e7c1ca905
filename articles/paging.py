"""Pages of article lists that cost the same on page 1 and deep in a 100,000-article archive."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

# Lists show at most this many pages; older articles are reached by search, tags and authors.
MAX_PAGES = 50


class BoundedPaginator(Paginator):
    """Counts at most MAX_PAGES pages of rows (COUNT over a LIMITed subquery), so neither the
    count on page 1 nor the OFFSET of the deepest page scans the whole archive."""

    @cached_property
    def count(self):
        # Unordered, so that the database stops at the limit instead of sorting every match.
        return self.object_list.order_by().values("pk")[: self.per_page * MAX_PAGES].count()


def paginate(request, queryset, per_page):
    """The requested page; a bad or too deep page number gives the first or the last page."""
    return BoundedPaginator(queryset, per_page).get_page(request.GET.get("page"))
