from django.urls import path, re_path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
    # Any slug text is accepted so that a wrong or old one can be redirected.
    re_path(r"^(?P<slug>[^/]*)-(?P<pk>[0-9]{1,18})\.html$", views.article_detail, name="detail"),
    path("<slug:slug>/", views.section_detail, name="section"),
]
