"""Admin list pieces that cost the same with 100,000 articles or 1,000,000 comments."""

from django.contrib import admin
from django.contrib.admin import helpers
from django.core.paginator import Paginator
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html


class CappedCountPaginator(Paginator):
    """Counts at most `cap` rows (COUNT over a LIMITed subquery): an autocomplete needs to know
    whether there is a next page, not how many of 100,000 articles contain "ha"."""

    cap = 1000

    @cached_property
    def count(self):
        return self.object_list.order_by().values("pk")[: self.cap].count()


class YearFilter(admin.SimpleListFilter):
    """One year of `field`, from the first row's year to the last one's: two index reads (MIN
    and MAX), where Django's date bar lists the distinct years of every row. Subclasses set
    `field` and `parameter_name` (f"{field}__year", as the date bar's links were)."""

    title = "năm"
    field = None

    def lookups(self, request, model_admin):
        queryset = model_admin.get_queryset(request).order_by()
        span = queryset.aggregate(first=Min(self.field), last=Max(self.field))
        if span["first"] is None:
            return []
        first, last = timezone.localtime(span["first"]).year, timezone.localtime(span["last"]).year
        return [(str(year), str(year)) for year in range(last, first - 1, -1)]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(**{f"{self.field}__year": int(value)})


class QuickCheckboxMixin:
    """The row checkbox of a list with actions, as Django renders it but without a form widget
    and its template per row (a fifth of the time of a 100-row list)."""

    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME, obj.pk, f"Chọn để thao tác - {obj}",
        )
