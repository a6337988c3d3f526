"""Public pages of pembinaan, mounted at the site root: the "Program pembinaan" page."""

from django.urls import path

from . import views

app_name = "programs"
urlpatterns = [
    path("program/", views.programme_list, name="programme-list"),
]
