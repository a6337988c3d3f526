from django.urls import path

from . import views

app_name = "buyers"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("daftar/", views.register, name="register"),
    path("daftar/kirim-ulang/", views.resubmit, name="resubmit"),
    path("pesanan/baru/", views.order_create, name="order-create"),
    path("pesanan/<int:pk>/", views.order_detail, name="order-detail"),
    path("pesanan/<int:pk>/<slug:action>/", views.order_action, name="order-action"),
    path("kiriman/<int:pk>/", views.occurrence_detail, name="occurrence-detail"),
    path("kiriman/<int:pk>/surat-jalan/", views.delivery_note, name="delivery-note"),
    path("kiriman/<int:pk>/<slug:action>/", views.occurrence_action, name="occurrence-action"),
    path("faktur/<int:pk>/", views.invoice, name="invoice"),
    path("rekap/", views.statement, name="statement"),
    path("kontak/", views.contacts, name="contacts"),
    path("kontak/<int:pk>/hapus/", views.contact_remove, name="contact-remove"),
]
