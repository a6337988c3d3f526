from django.urls import path

from . import views

app_name = "sales"
urlpatterns = [
    path("struk/<str:token>/", views.receipt, name="receipt"),
    path("acara/", views.event_list, name="event-list"),
    path("acara/<slug:slug>/", views.event_detail, name="event-detail"),
]
