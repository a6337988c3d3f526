"""URLs of the Dinas console, mounted at /dinas/."""

from django.urls import path

from console import views
from console.views import buyers as console_buyers
from console.views import ekatalog as console_ekatalog
from console.views import reviews as console_reviews
from console.views.certificates import certificate_revoke

app_name = "console"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("umkm/", views.vendor_list, name="vendor-list"),
    path("umkm/<int:pk>/", views.vendor_detail, name="vendor-detail"),
    path("umkm/<int:pk>/tempatkan/", views.vendor_assign, name="vendor-assign"),
    path("umkm/<int:pk>/pindah-sentra/", views.vendor_move_centre, name="vendor-move-centre"),
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
    path("laporan/provinsi/", views.province_report, name="province-report"),
    path("laporan/provinsi.xlsx", views.province_report_xlsx, name="province-report-xlsx"),
    path("laporan/<slug:slug>.xlsx", views.report_download, {"fmt": "xlsx"}, name="report-xlsx"),
    path("laporan/<slug:slug>.csv", views.report_download, {"fmt": "csv"}, name="report-csv"),
    path("ulasan/", console_reviews.review_queue, name="review-queue"),
    path("ulasan/<int:pk>/", console_reviews.review_detail, name="review-detail"),
    path("ulasan/<int:pk>/<slug:action>/", console_reviews.review_moderate, name="review-moderate"),
    path("mitra/", console_buyers.buyer_list, name="buyer-list"),
    path("mitra/laporan/", console_buyers.b2b_report, name="b2b-report"),
    path("mitra/<int:pk>/", console_buyers.buyer_detail, name="buyer-detail"),
    path("mitra/<int:pk>/<slug:action>/", console_buyers.buyer_action, name="buyer-action"),
    path("e-katalog/", console_ekatalog.ekatalog_list, name="ekatalog"),
    path("e-katalog/siap.xlsx", console_ekatalog.ekatalog_export, name="ekatalog-export"),
    path("e-katalog/<int:pk>/", console_ekatalog.ekatalog_detail, name="ekatalog-detail"),
    path("e-katalog/<int:pk>/<slug:action>/", console_ekatalog.ekatalog_decide, name="ekatalog-decide"),
]

# Pembinaan: programmes, participants, training days, visits, aid, pendataan and their reports (programs app).
from console.views import programs as program_views  # noqa: E402

urlpatterns += [
    path("program/", program_views.programme_list, name="programme-list"),
    path("program/baru/", program_views.programme_create, name="programme-create"),
    path("program/<int:pk>/", program_views.programme_detail, name="programme-detail"),
    path("program/<int:pk>/ubah/", program_views.programme_edit, name="programme-edit"),
    path("program/<int:pk>/peserta/", program_views.programme_enrol, name="programme-enrol"),
    path("program/<int:pk>/pertemuan/", program_views.meeting_add, name="meeting-add"),
    path("program/<int:pk>/<slug:action>/", program_views.programme_action, name="programme-action"),
    path("program/pertemuan/<int:pk>/", program_views.meeting_attendance, name="meeting-attendance"),
    path("program/peserta/<int:pk>/", program_views.participant_detail, name="participant-detail"),
    path("program/peserta/<int:pk>/hasil/", program_views.participant_outcome, name="participant-outcome"),
    path("program/peserta/<int:pk>/kunjungan/", program_views.visit_add, name="visit-add"),
    path("program/peserta/<int:pk>/<slug:action>/", program_views.participant_action, name="participant-action"),
    path("program/umkm/", program_views.vendor_search, name="programme-umkm-search"),
    path("program/umkm/<int:pk>/", program_views.vendor_history_page, name="programme-umkm-history"),
    path("program/bantuan/", program_views.aid_list, name="aid-list"),
    path("program/bantuan/baru/<int:vendor_pk>/", program_views.aid_create, name="aid-create"),
    path("program/bantuan/<int:pk>/", program_views.aid_detail, name="aid-detail"),
    path("program/pendataan/", program_views.round_list, name="round-list"),
    path("program/pendataan/baru/", program_views.round_create, name="round-create"),
    path("program/pendataan/<int:pk>/", program_views.round_detail, name="round-detail"),
    path("program/pendataan/<int:pk>/tutup/", program_views.round_close, name="round-close"),
    path("program/pendataan/<int:pk>/unduh.xlsx", program_views.round_download, name="round-xlsx"),
    path("program/laporan/", program_views.programme_reports, name="programme-reports"),
    path("program/laporan/calon-penerima/", program_views.aid_candidates, name="aid-candidates"),
    path("program/laporan/<slug:slug>.xlsx", program_views.programme_report_download, name="programme-xlsx"),
]

# Events: bazaars, expos and pameran with stalls, applications and their report (sales app).
from console.views import events as event_views  # noqa: E402

urlpatterns += [
    path("acara/", event_views.event_list, name="event-list"),
    path("acara/baru/", event_views.event_create, name="event-create"),
    path("acara/<int:pk>/", event_views.event_detail, name="event-detail"),
    path("acara/<int:pk>/ubah/", event_views.event_edit, name="event-edit"),
    path("acara/<int:pk>/lapak/", event_views.stall_add, name="event-stall-add"),
    path("acara/<int:pk>/laporan/", event_views.event_report_page, name="event-report"),
    path("acara/<int:pk>/laporan.xlsx", event_views.event_report_download, name="event-report-xlsx"),
    path("acara/<int:pk>/<slug:action>/", event_views.event_action, name="event-action"),
    path("acara/pendaftar/<int:pk>/terima/", event_views.application_accept, name="event-application-accept"),
    path("acara/pendaftar/<int:pk>/tolak/", event_views.application_decline, name="event-application-decline"),
    path("acara/pendaftar/<int:pk>/lapak/", event_views.application_stall, name="event-application-stall"),
]
