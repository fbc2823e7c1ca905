"""The newsroom dashboard on the admin index."""

from django import template
from django.utils import timezone

from articles import workflow
from articles.models import Article

register = template.Library()
PER_PANEL = 8


@register.simple_tag(takes_context=True)
def newsroom_dashboard(context):
    """The panels of the admin index for the logged-in user: 4 to 5 queries."""
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return None
    mine = Article.objects.filter(workflow.own_articles_q(user))
    visible = Article.objects.all() if workflow.is_editor(user) else mine
    fields = ["pk", "title", "status", "updated_at", "submitted_at", "published_at", "review_note"]
    in_review = visible.filter(status=Article.Status.REVIEW)
    return {
        "my_drafts": mine.filter(status=Article.Status.DRAFT).order_by("-updated_at").only(*fields)[:PER_PANEL],
        "in_review": in_review.order_by("submitted_at", "pk").only(*fields)[:PER_PANEL],
        "review_count": in_review.count(),
        "scheduled": Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at").only(*fields)[:PER_PANEL],
    }
