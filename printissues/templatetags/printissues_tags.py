from django import template

from ..models import PrintIssue

register = template.Library()


@register.inclusion_tag("printissues/article_note.html")
def article_print_issues(article):
    """"Đăng trên Số 45, ngày …" under a published article that appears in print (one query)."""
    if not article.is_published():
        return {"issues": []}
    issues = PrintIssue.objects.filter(entries__article=article).distinct().newest()
    return {"issues": list(issues.only("id", "number", "year", "date"))}
