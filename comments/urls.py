from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("<int:article_id>/", views.post_comment, name="post"),
    path("<int:article_id>/token/", views.fresh_token, name="token"),
]
