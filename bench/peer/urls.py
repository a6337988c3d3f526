"""Oscar's URLs as its documentation includes them, plus the same bare "hello" as Sentra's bench."""

from django.apps import apps
from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [
    path("bench-hello", hello),
    path("i18n/", include("django.conf.urls.i18n")),  # Oscar's templates link the language form
    path("", include(apps.get_app_config("oscar").urls[0])),
]
