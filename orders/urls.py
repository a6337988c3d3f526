from django.urls import path

from . import views

app_name = "orders"
urlpatterns = [
    path("keranjang/", views.cart, name="cart"),
    path("keranjang/tambah/", views.cart_add, name="cart-add"),
    path("keranjang/ubah/", views.cart_update, name="cart-update"),
    path("keranjang/hapus/", views.cart_remove, name="cart-remove"),
    path("keranjang/checkout/", views.checkout, name="checkout"),
    path("keranjang/selesai/", views.checkout_done, name="checkout-done"),
    path("reservasi/", views.reservation_list, name="reservation-list"),
    path("reservasi/<str:code>/", views.reservation_detail, name="reservation-detail"),
    path("reservasi/<str:code>/batal/", views.reservation_cancel, name="reservation-cancel"),
    path("reservasi/<str:code>/pesan-lagi/", views.reservation_reorder, name="reservation-reorder"),
]
