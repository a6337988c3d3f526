from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.home, name="home"),
    path("katalog/", views.product_list, name="product-list"),
    path("produk/<slug:slug>/", views.product_detail, name="product-detail"),
    path("umkm/", views.vendor_list, name="vendor-list"),
    path("umkm/<slug:slug>/", views.vendor_detail, name="vendor-detail"),
    path("denah/", views.floor_plan, name="floor-plan"),
    path("sentra/<slug:slug>/", views.centre_detail, name="centre-detail"),
    path("sentra/<slug:slug>/denah/", views.floor_plan, name="centre-floor-plan"),
]
