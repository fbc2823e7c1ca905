import datetime

from django import template

from pagecache import tags

from ..models import PrintIssue

register = template.Library()


@register.inclusion_tag("printissues/article_note.html", takes_context=True)
def article_print_issues(context, article):
    """"Đăng trên Số 45, ngày …" under a published article that appears in print: the issues come
    with the article on its page (articles.models.article_for_page()), otherwise one query."""
    if not article.is_published():
        return {"issues": []}
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
    return {"issues": issues}
