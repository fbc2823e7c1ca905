from django.urls import path, re_path

from . import views

app_name = "printissues"

urlpatterns = [
    path("", views.archive, name="archive"),
    re_path(r"^(?P<number>[0-9]{1,6})-(?P<year>[0-9]{4})/$", views.detail, name="detail"),
    re_path(r"^(?P<number>[0-9]{1,6})-(?P<year>[0-9]{4})/pdf/$", views.pdf, name="pdf"),
]
