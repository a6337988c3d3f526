"""The buyer's receipt of a counter sale, reached by its secret link (no login)."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .access import access_receipt


@never_cache
def receipt(request, token):
    sale = access_receipt(token)
    return render(request, "sales/receipt.html", {"sale": sale})
