from django.urls import re_path

from . import views

app_name = "mostread"

urlpatterns = [
    re_path(r"^(?P<pk>[0-9]{1,18})/$", views.beacon, name="beacon"),
]
