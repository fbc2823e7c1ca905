from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Bình luận"

    def ready(self):
        from django.db.models.signals import post_save

        from .models import Comment
        from .moderation import comment_saved

        post_save.connect(comment_saved, sender=Comment, dispatch_uid="comments.page-cache")
