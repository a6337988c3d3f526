"""The public "Program pembinaan" page: open programmes and how to take part; finished ones as counts only."""

from django.shortcuts import render

from sentra.cache import cache_public_page

from .selectors import public_programmes


@cache_public_page
def programme_list(request):
    return render(request, "programs/programme_list.html", public_programmes())
