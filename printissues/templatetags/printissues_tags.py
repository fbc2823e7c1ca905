import datetime
from html import escape

from django import template
from django.utils.safestring import mark_safe

from pagecache import tags

from ..models import PrintIssue

register = template.Library()


@register.simple_tag(takes_context=True)
def article_print_issues(context, article):
    """"Đăng trên Số 45, ngày …" under a published article that appears in print: the issues come
    with the article on its page (articles.models.article_for_page()), otherwise one query. Built
    here, not in an inclusion template: most articles have none, and an empty one cost 0.1 ms."""
    if not article.is_published():
        return ""
    rows = article.page_rows("print_issue_rows")
    if rows is not None:
        issues = [
            PrintIssue(id=pk, number=number, year=year, date=datetime.date.fromisoformat(day))
            for pk, number, year, day in rows
        ]
    else:
        issues = list(
            PrintIssue.objects.filter(entries__article=article).distinct().newest().only("id", "number", "year", "date")
        )
    tags.add(context.get("request"), *(tags.of(issue) for issue in issues))
    if not issues:
        return ""
    where = "; ".join(
        f'<a href="{escape(issue.get_absolute_url())}">{escape(str(issue))}</a>, ngày '
        f'<time datetime="{issue.date.isoformat()}">{issue.date.strftime("%d/%m/%Y")}</time>'
        for issue in issues
    )
    return mark_safe(f'<p class="print-note">Đăng trên {where}.</p>')
