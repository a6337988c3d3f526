"""URLs of the Dinas console, mounted at /dinas/."""

from django.urls import path

from console import views
from console.views import buyers as console_buyers
from console.views.certificates import certificate_revoke

app_name = "console"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("umkm/", views.vendor_list, name="vendor-list"),
    path("umkm/<int:pk>/", views.vendor_detail, name="vendor-detail"),
    path("umkm/<int:pk>/tempatkan/", views.vendor_assign, name="vendor-assign"),
    path("umkm/<int:pk>/<slug:action>/", views.vendor_action, name="vendor-action"),
    path("produk/<int:pk>/<slug:action>/", views.product_action, name="product-action"),
    path("sertifikat/", views.certificate_list, name="certificate-list"),
    path("sertifikat/<int:pk>/", views.certificate_detail, name="certificate-detail"),
    path(
        "sertifikat/<int:pk>/verifikasi/",
        views.certificate_review,
        {"decision": "verifikasi"},
        name="certificate-verify",
    ),
    path("sertifikat/<int:pk>/tolak/", views.certificate_review, {"decision": "tolak"}, name="certificate-reject"),
    path("sertifikat/<int:pk>/cabut/", certificate_revoke, name="certificate-revoke"),
    path("unit/", views.unit_board, name="unit-list"),
    path("unit/baru/", views.unit_create, name="unit-create"),
    path("unit/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("unit/<int:pk>/ubah/", views.unit_edit, name="unit-edit"),
    path("unit/<int:pk>/tempatkan/", views.unit_assign, name="unit-assign"),
    path("penempatan/<int:pk>/akhiri/", views.assignment_end, name="assignment-end"),
    path("penempatan/<int:pk>/pindah/", views.assignment_move, name="assignment-move"),
    path("laporan/", views.reports, name="reports"),
    path("laporan/<slug:slug>.xlsx", views.report_download, {"fmt": "xlsx"}, name="report-xlsx"),
    path("laporan/<slug:slug>.csv", views.report_download, {"fmt": "csv"}, name="report-csv"),
    path("mitra/", console_buyers.buyer_list, name="buyer-list"),
    path("mitra/laporan/", console_buyers.b2b_report, name="b2b-report"),
    path("mitra/<int:pk>/", console_buyers.buyer_detail, name="buyer-detail"),
    path("mitra/<int:pk>/<slug:action>/", console_buyers.buyer_action, name="buyer-action"),
]
