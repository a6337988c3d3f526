"""Public review pages: write and edit a review of a collected line, the product's reviews, helpful votes,
reports, and the shopper's favourites (/favorit/). Every view: access → form → one service call → redirect."""

from allauth.core.ratelimit import consume
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from catalog import selectors as catalog_selectors
from catalog.models import Product
from sentra.cache import cache_public_page
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error
from sentra.pagination import parse_page_number

from . import services
from .access import access_own_review, access_reviewable_line, access_visible_review
from .forms import ReportForm, ReviewForm
from .models import MAX_PHOTOS, Favourite, Review

REVIEWS_PER_PAGE = 10
SORTS = {"membantu": gettext_lazy("Paling membantu"), "terbaru": gettext_lazy("Terbaru")}


def _data(request: HttpRequest) -> tuple:
    """The form's data and files on a POST (an empty POST is still a submission), else none."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _rate_limited(request: HttpRequest, action: str) -> bool:
    return not consume(request, action=action, user=request.user)


def _next(request: HttpRequest, fallback) -> str:
    """The posted `next` when it stays on this site, else `fallback`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return str(fallback)


def _back(request: HttpRequest, fallback) -> HttpResponse:
    return redirect(_next(request, fallback))


@login_required
@require_http_methods(["GET", "POST"])
def review_create(request: HttpRequest, line_id: int) -> HttpResponse:
    line = access_reviewable_line(request.user, line_id)
    form = ReviewForm(*_data(request))
    if request.method == "POST" and form.is_valid():
        if _rate_limited(request, "review_write"):
            form.add_error(None, _("Terlalu banyak ulasan dalam waktu singkat. Coba lagi nanti."))
        else:
            try:
                review = services.create_review(actor=request.user, line_id=line.pk, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                return _saved(request, review, line.reservation)
    context = {"form": form, "product_name": line.product_name, "product": line.product, "line": line}
    return render(request, "reviews/review_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = access_own_review(request.user, pk)
    if not services.can_edit(review):
        messages.info(request, _("Ulasan hanya bisa diubah dalam 7 hari setelah ditulis."))
        return redirect("reviews:product-reviews", slug=review.product.slug)
    initial = {"rating": review.rating, "body": review.body}
    photos_left = MAX_PHOTOS - review.photos.count()
    form = ReviewForm(*_data(request), initial=initial, photos_left=photos_left)
    if request.method == "POST" and form.is_valid():
        if _rate_limited(request, "review_write"):
            form.add_error(None, _("Terlalu banyak ulasan dalam waktu singkat. Coba lagi nanti."))
        else:
            data = {"photos": [], **form.cleaned_data}
            try:
                review = services.update_review(actor=request.user, review_id=review.pk, **data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                return _saved(request, review, review.line.reservation)
    context = {"form": form, "review": review, "product_name": review.line.product_name, "product": review.product}
    return render(request, "reviews/review_form.html", context)


def _saved(request: HttpRequest, review: Review, reservation) -> HttpResponse:
    if review.status == Review.Status.HELD:
        messages.info(request, _("Terima kasih! Ulasan Anda diperiksa Dinas dulu sebelum tampil."))
    else:
        messages.success(request, _("Terima kasih! Ulasan Anda sudah tampil di halaman produk."))
    return redirect(reservation)


@require_safe
@cache_public_page
def product_reviews(request: HttpRequest, slug: str) -> HttpResponse:
    product = catalog_selectors.public_product(slug)
    sort = request.GET.get("urut") if request.GET.get("urut") in SORTS else "membantu"
    reviews = Review.objects.visible().of_product(product).for_page().ordered(sort)
    page = Paginator(reviews, REVIEWS_PER_PAGE).get_page(parse_page_number(request.GET.get("halaman")))
    for review in page.object_list:
        review.photo_list = list(review.photos.all())
    context = {"product": product, "page": page, "sort": sort, "sorts": SORTS}
    return render(request, "reviews/product_reviews.html", context)


@require_POST
def review_vote(request: HttpRequest, pk: int) -> HttpResponse:
    review = access_visible_review(pk)
    if not request.user.is_authenticated:  # back to the product after signing in (this URL takes POST only)
        return redirect_to_login(review.product.get_absolute_url())
    if services.review_vote(actor=request.user, review=review):
        messages.success(request, _("Terima kasih, tanda membantu Anda tercatat."))
    else:
        messages.info(request, _("Tanda membantu hanya sekali per ulasan, dan bukan untuk ulasan sendiri."))
    return _back(request, review.product.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def review_report(request: HttpRequest, pk: int) -> HttpResponse:
    review = access_visible_review(pk)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if _rate_limited(request, "review_report"):
            form.add_error(None, _("Terlalu banyak laporan dalam waktu singkat. Coba lagi nanti."))
        else:
            try:
                services.review_report(actor=request.user, review=review, reason=form.cleaned_data["reason"])
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Terima kasih. Dinas akan memeriksa ulasan ini."))
                return redirect(review.product)
    return render(request, "reviews/review_report.html", {"form": form, "review": review})


@login_required
@require_safe
def favourite_list(request: HttpRequest) -> HttpResponse:
    saved = Favourite.objects.filter(user=request.user).values_list("product_id", flat=True)
    products = catalog_selectors.public_products().filter(pk__in=saved).order_by("name", "pk")
    page = Paginator(products, 24).get_page(parse_page_number(request.GET.get("halaman")))
    return render(request, "reviews/favourite_list.html", {"page": page})


@require_POST
def favourite_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """Save or remove a favourite; `aksi=simpan` only saves (the cards' heart, which shows no state).

    An htmx request gets the heart itself in its new state, to swap in place; anonymous visitors sign in first
    (htmx follows an ordinary redirect inside the page, so it is told to load the sign-in page instead)."""
    product = get_object_or_404(Product.objects.published(), pk=pk)
    if not request.user.is_authenticated:  # back to the product after signing in (this URL takes POST only)
        login = redirect_to_login(product.get_absolute_url())
        return HttpResponseClientRedirect(login.url) if request.htmx else login
    saved = Favourite.objects.filter(user=request.user, product=product).exists()
    if request.POST.get("aksi") == "simpan" and saved:
        level, text = messages.INFO, _("%(name)s sudah ada di favorit Anda.")
    elif saved := services.favourite_toggle(actor=request.user, product=product):
        level, text = messages.SUCCESS, _("%(name)s disimpan di favorit.")
    else:
        level, text = messages.SUCCESS, _("%(name)s dihapus dari favorit.")
    if request.htmx:
        return _heart(request, product, saved)
    messages.add_message(request, level, text % {"name": product.name})
    return _back(request, product.get_absolute_url())


def _heart(request: HttpRequest, product: Product, saved: bool) -> HttpResponse:
    """The heart after a tap: a card's (`tampilan=kartu`), or the product page's, with where it came from. A card
    on the shopper's own list (`tampilan=favorit`) that is no longer saved leaves the list: its grid item goes."""
    view = request.POST.get("tampilan", "")
    if view == "favorit" and not saved:
        return reswap(retarget(HttpResponse(), "closest li"), "delete")
    card = view if view in {"kartu", "favorit"} else ""
    page = request.htmx.current_url_abs_path or product.get_absolute_url()  # cards carry no `next` (page cache)
    context = {"product": product, "saved": saved, "card": card, "next_url": _next(request, page)}
    return render(request, "reviews/partials/favourite_form.html", context)
