"""Sentra's URLs plus a bare "hello" view, mounted only by the benchmark (the baseline for requests/s)."""

from django.http import HttpResponse
from django.urls import path

from sentra.urls import *  # noqa: F403
from sentra.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [path("bench-hello", hello, name="bench-hello"), *site_urlpatterns]
