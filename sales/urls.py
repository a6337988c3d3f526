from django.urls import path

from . import views

app_name = "sales"
urlpatterns = [
    path("struk/<str:token>/", views.receipt, name="receipt"),
]
