"""The UMKM owner portal, mounted at /toko/. The namespace stays "vendors" (URL names are bookmarked in
templates, emails and tests: `vendors:product-list`)."""

from django.urls import path, re_path

from .views import buyers as portal_buyers
from .views import catalog as portal_catalog
from .views import ekatalog as portal_ekatalog
from .views import reviews as portal_reviews
from .views import sales as portal_sales
from .views import vendor as portal

app_name = "vendors"
urlpatterns = [
    path("", portal.dashboard, name="dashboard"),
    path("daftar/", portal.apply, name="apply"),
    path("daftar/kirim/", portal.apply_submit, name="apply-submit"),
    path("pilih-usaha/", portal.switch_vendor, name="switch"),
    path("profil/", portal.profile, name="profile"),
    path("produk/", portal_catalog.product_list, name="product-list"),
    path("produk/baru/", portal_catalog.product_create, name="product-create"),
    path("produk/<int:pk>/", portal_catalog.product_edit, name="product-edit"),
    path("produk/<int:pk>/status/", portal_catalog.product_status, name="product-status"),
    path("produk/<int:pk>/stok/", portal_catalog.product_stock, name="product-stock"),
    path("produk/<int:pk>/cepat/", portal_catalog.product_quick_edit, name="product-quick-edit"),
    path("produk/<int:pk>/foto/", portal_catalog.product_photos, name="product-photos"),
    path("produk/<int:pk>/foto/<int:image_pk>/", portal_catalog.product_photo_edit, name="product-photo-edit"),
    path(
        "produk/<int:pk>/foto/<int:image_pk>/hapus/", portal_catalog.product_photo_delete, name="product-photo-delete"
    ),
    path("produk/<int:pk>/arsip/", portal_catalog.product_archive, name="product-archive"),
    path("produk/<int:pk>/pulihkan/", portal_catalog.product_restore, name="product-restore"),
    path("sertifikat/", portal_catalog.certificate_list, name="certificate-list"),
    path("sertifikat/baru/", portal_catalog.certificate_create, name="certificate-create"),
    path("sertifikat/<int:pk>/", portal_catalog.certificate_edit, name="certificate-edit"),
    path("sertifikat/<int:pk>/pindaian/", portal_catalog.certificate_scan, name="certificate-scan"),
    path("reservasi/", portal.reservation_list, name="reservation-list"),
    path("reservasi/ambil/", portal.reservation_collect_view, name="reservation-collect"),
    path("reservasi/<str:code>/", portal.reservation_detail, name="reservation-detail"),
    path("reservasi/<str:code>/siap/", portal.reservation_ready, name="reservation-ready"),
    path("reservasi/<str:code>/serahkan/", portal.reservation_handover, name="reservation-handover"),
    path("reservasi/<str:code>/batal-serah/", portal.reservation_uncollect_view, name="reservation-uncollect"),
    path("reservasi/<str:code>/batal/", portal.reservation_cancel_view, name="reservation-cancel"),
    path("label/", portal.labels, name="labels"),
    path("laporan/", portal.sales_report, name="sales-report"),
    re_path(r"^laporan/penjualan\.(?P<fmt>xlsx|csv)$", portal.sales_report_export, name="sales-report-export"),
    path("jual/", portal_sales.sale_create, name="sale-create"),
    path("jual/ringkasan/", portal_sales.sale_summary, name="sale-summary"),
    path("jual/<str:code>/", portal_sales.sale_detail, name="sale-detail"),
    path("jual/<str:code>/batal/", portal_sales.sale_void_view, name="sale-void"),
    path("mitra/", portal_buyers.b2b_list, name="b2b-list"),
    path("mitra/rekap/", portal_buyers.b2b_statement, name="b2b-statement"),
    path("mitra/faktur/<int:pk>/", portal_buyers.b2b_invoice, name="b2b-invoice"),
    path("mitra/<int:pk>/", portal_buyers.b2b_detail, name="b2b-detail"),
    path("mitra/<int:pk>/surat-jalan/", portal_buyers.b2b_delivery_note, name="b2b-delivery-note"),
    path("mitra/<int:pk>/<slug:action>/", portal_buyers.b2b_action, name="b2b-action"),
    path("ulasan/", portal_reviews.review_list, name="review-list"),
    path("ulasan/<int:pk>/balas/", portal_reviews.review_reply_view, name="review-reply"),
    path("produk/<int:pk>/grosir/", portal_buyers.price_tiers, name="price-tiers"),
    path("grosir/<int:pk>/hapus/", portal_buyers.price_tier_remove, name="price-tier-delete"),
    path("e-katalog/", portal_ekatalog.ekatalog_home, name="ekatalog"),
    path("e-katalog/legalitas/", portal_ekatalog.ekatalog_profile, name="ekatalog-profile"),
    path("e-katalog/produk/<int:pk>/", portal_ekatalog.ekatalog_product, name="ekatalog-product"),
]

# Pembinaan: programmes open to the vendor, applications, aid received, pendataan (programs app).
from .views import programs as portal_programs  # noqa: E402

urlpatterns += [
    path("program/", portal_programs.programme_list, name="programme-list"),
    path("program/<int:pk>/", portal_programs.programme_detail, name="programme-detail"),
    path("program/<int:pk>/daftar/", portal_programs.programme_apply, name="programme-apply"),
    path("program/peserta/<int:pk>/", portal_programs.participation_detail, name="participation-detail"),
    path("program/bantuan/<int:pk>/", portal_programs.aid_detail, name="aid-detail"),
    path("program/bantuan/<int:pk>/<slug:which>/", portal_programs.aid_file, name="aid-file"),
    path("program/kunjungan/<int:pk>/foto/", portal_programs.visit_photo, name="visit-photo"),
    path("program/pendataan/<int:pk>/", portal_programs.round_answer, name="round-answer"),
]

# Events: bazaars and expos open to the vendor, its application, stall stock (sales app).
from .views import events as portal_events  # noqa: E402

urlpatterns += [
    path("acara/", portal_events.event_list, name="event-list"),
    path("acara/<slug:slug>/", portal_events.event_detail, name="event-detail"),
    path("acara/<slug:slug>/daftar/", portal_events.event_apply, name="event-apply"),
    path("acara/<slug:slug>/stok/", portal_events.event_stock_send, name="event-stock-send"),
    path("acara/<slug:slug>/kembali/", portal_events.event_stock_return, name="event-stock-return"),
]
