from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from . import views

admin.site.site_header = "Sentra Oleh-oleh"
admin.site.site_title = "Sentra"
admin.site.login = views.admin_login

urlpatterns = [
    path("", include("catalog.urls")),
    path("", include("orders.urls")),
    path("", include("sales.urls")),
    path("", include("programs.urls")),
    path("", include("reviews.urls")),
    path("toko/", include("portal.urls")),
    path("dinas/", include("console.urls")),
    path("mitra/", include("buyers.urls")),
    path("akun/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sw.js", views.service_worker, name="service-worker"),
    path("manifest.webmanifest", views.web_manifest, name="web-manifest"),
    path("offline/", views.offline, name="offline"),
    path("", include("catalog.sitemap_urls")),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler400 = "sentra.errors.bad_request"
handler403 = "sentra.errors.permission_denied"
handler404 = "sentra.errors.page_not_found"
handler500 = "sentra.errors.server_error"
