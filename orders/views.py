"""Shopper pages: cart, checkout, my reservations, one reservation with its pickup code."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from catalog.forms import CartLineForm
from catalog.models import Product
from orders import services
from orders.access import access_reservation
from orders.cart import Cart, CartError, checkout_pickup_dates
from orders.forms import CartRemoveForm, CheckoutForm
from orders.models import Reservation
from orders.pickup_qr import pickup_qr_svg
from orders.selectors import checkout_reservations, reservation_pickup_points
from sentra.exceptions import DomainError
from sentra.forms import ReasonForm, add_domain_error
from sentra.states import IllegalTransition

LIST_LIMIT = 50  # a shopper's latest reservations; older ones stay reachable by their code


@require_GET
def cart(request: HttpRequest) -> HttpResponse:
    summary = Cart(request.session).summary(request.user)
    return render(request, "orders/cart.html", {"summary": summary})


@require_POST
def cart_add(request: HttpRequest) -> HttpResponse:
    """Add a product from a product page, card or shelf label; anonymous visitors too."""
    if product := _change_line(request, lambda cart, product, quantity: cart.add(product, quantity)):
        added = _("%(name)s ditambahkan ke keranjang.") % {"name": product.name}
        link = format_html('<a href="{}">{}</a>', reverse("orders:cart"), _("Lihat keranjang"))
        messages.success(request, format_html("{} {}", added, link))
    return redirect(_next_url(request))


@require_POST
def cart_update(request: HttpRequest) -> HttpResponse:
    if product := _change_line(request, lambda cart, product, quantity: cart.set(product, quantity)):
        messages.success(request, _("Jumlah %(name)s diperbarui.") % {"name": product.name})
    return redirect("orders:cart")


@require_POST
def cart_remove(request: HttpRequest) -> HttpResponse:
    form = CartRemoveForm(request.POST)
    if form.is_valid():
        Cart(request.session).remove(form.cleaned_data["product"])
        messages.success(request, _("Produk dihapus dari keranjang."))
    return redirect("orders:cart")


@login_required
@require_http_methods(["GET", "POST"])
def checkout(request: HttpRequest) -> HttpResponse:
    """Turn the cart into one reservation per vendor (login and a verified email required)."""
    cart, data = Cart(request.session), request.POST if request.method == "POST" else None
    if data and (placed := checkout_reservations(request.user, data.get("checkout_token", ""))):
        return _placed_redirect(placed)  # the same form submitted twice
    summary = cart.summary(request.user)
    if not summary.lines and data is None:
        return redirect("orders:cart")
    initial = _contact_initial(request.user)
    form = CheckoutForm(data, dates=checkout_pickup_dates(summary, now=timezone.now()), initial=initial)
    if data is not None and form.is_valid():
        try:
            placed = services.reservation_place(shopper=request.user, items=cart.quantities(), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            cart.clear()
            messages.success(request, _("Reservasi dibuat. Tunjukkan kode ambil di unit UMKM."))
            return _placed_redirect(placed)
    return render(request, "orders/checkout.html", {"form": form, "summary": summary})


@login_required
@require_GET
def reservation_list(request: HttpRequest) -> HttpResponse:
    reservations = Reservation.objects.for_shopper(request.user).with_lines()[:LIST_LIMIT]
    return render(request, "orders/reservation_list.html", {"reservations": reservations, "limit": LIST_LIMIT})


@login_required
@require_GET
def reservation_detail(request: HttpRequest, code: str) -> HttpResponse:
    reservation = access_reservation(request.user, code)
    context = {
        "reservation": reservation,
        "events": reservation.events.with_actor(),
        "point": reservation_pickup_points([reservation])[reservation.pk],
        "qr_svg": pickup_qr_svg(reservation.code),
    }
    return render(request, "orders/reservation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reservation_cancel(request: HttpRequest, code: str) -> HttpResponse:
    """Ask for confirmation (GET), then cancel (POST) while the reservation is still open."""
    reservation = access_reservation(request.user, code)
    data = request.POST if request.method == "POST" else None
    form = ReasonForm(data, required=False, label=_("Alasan pembatalan"), help_text=_("Boleh dikosongkan."))
    if form.is_bound and form.is_valid():
        # Stored in the source language: the vendor's portal and every email read Indonesian.
        reason = form.cleaned_data["reason"] or gettext_noop("Dibatalkan oleh pembeli.")
        try:
            services.reservation_cancel(reservation=reservation, actor=request.user, reason=reason)
        except IllegalTransition:
            messages.error(request, _("Reservasi ini sudah tidak bisa dibatalkan."))
        else:
            messages.success(request, _("Reservasi dibatalkan."))
        return redirect(reservation)
    return render(request, "orders/reservation_cancel.html", {"reservation": reservation, "form": form})


def _contact_initial(user) -> dict:
    """Prefill name and WhatsApp number from the shopper's last reservation (or the account)."""
    last = Reservation.objects.for_shopper(user).values("contact_name", "contact_phone").first()
    return last or {"contact_name": user.get_full_name() or user.first_name}


def _placed_redirect(placed: list[Reservation]) -> HttpResponse:
    return redirect(placed[0] if len(placed) == 1 else reverse("orders:reservation-list"))


def _change_line(request: HttpRequest, change) -> Product | None:
    """Validate product and quantity and apply `change`; return the product, or None after saying what failed."""
    form = CartLineForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return None
    product = Product.objects.with_vendor().filter(pk=form.cleaned_data["product"]).first()
    try:
        if product is None:
            raise CartError(_("Produk tidak ditemukan."))
        change(Cart(request.session), product, form.cleaned_data["quantity"])
    except DomainError as error:
        messages.error(request, f"{product.name}: {error}" if product else str(error))
        return None
    return product


def _next_url(request: HttpRequest) -> str:
    """Where to go back after adding: the page the shopper came from, if it is ours."""
    target = request.POST.get("next", "")
    # Only a path: redirect() would treat any other word as a URL name to reverse.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("orders:cart")
