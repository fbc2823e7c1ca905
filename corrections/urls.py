from django.urls import path

from . import views
from .feeds import CorrectionFeed

app_name = "corrections"

urlpatterns = [
    path("", views.correction_list, name="list"),
    path("rss/", CorrectionFeed(), name="feed"),
]
