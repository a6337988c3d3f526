"""Shopper pages: cart, checkout, my reservations, one reservation with its pickup code."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
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
from sentra.accounts import saved_whatsapp
from sentra.exceptions import DomainError
from sentra.forms import ReasonForm, add_domain_error
from sentra.states import IllegalTransition

LIST_LIMIT = 50  # a shopper's latest reservations; older ones stay reachable by their code
S = Reservation.Status
SHOPPER_TABS = (
    ("aktif", _lazy("Aktif"), Reservation.OPEN_STATUSES),
    ("selesai", _lazy("Selesai"), (S.COLLECTED,)),
    ("batal", _lazy("Dibatalkan"), (S.CANCELLED, S.EXPIRED)),
)


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
    """ "Belanja saya": tabs Aktif / Selesai / Dibatalkan (issue 16), newest first."""
    own = Reservation.objects.for_shopper(request.user)
    counts = own.aggregate(**{slug: Count("pk", filter=Q(status__in=statuses)) for slug, _l, statuses in SHOPPER_TABS})
    requested = request.GET.get("tab")
    slugs = [slug for slug, _l, _s in SHOPPER_TABS]
    tab = requested if requested in slugs else next((slug for slug in slugs if counts[slug]), slugs[0])
    statuses = next(statuses for slug, _l, statuses in SHOPPER_TABS if slug == tab)
    reservations = own.filter(status__in=statuses).with_lines()[:LIST_LIMIT]
    tabs = [
        {"slug": slug, "label": label, "count": counts[slug], "current": slug == tab}
        for slug, label, _s in SHOPPER_TABS
    ]
    context = {"reservations": reservations, "limit": LIST_LIMIT, "tabs": tabs, "tab": tab}
    return render(request, "orders/reservation_list.html", context)


@login_required
@require_GET
def checkout_done(request: HttpRequest) -> HttpResponse:
    """After checkout: every new reservation's pickup code, unit and hours on one page (issue 16)."""
    codes = [code.strip().upper() for code in request.GET.getlist("kode")[:20] if code.strip()]
    reservations = list(
        Reservation.objects.for_shopper(request.user).filter(code__in=codes).with_lines().order_by("pk")
    )
    if not reservations:
        return redirect("orders:reservation-list")
    points = reservation_pickup_points(reservations)  # the place fixed when each was placed (issue 17)
    for reservation in reservations:
        reservation.point = points[reservation.pk]
    return render(request, "orders/checkout_done.html", {"reservations": reservations})


@login_required
@require_POST
def reservation_reorder(request: HttpRequest, code: str) -> HttpResponse:
    """ "Pesan lagi": put a finished reservation's lines back in the cart where the product is still available."""
    reservation = access_reservation(request.user, code)
    cart = Cart(request.session)
    products = Product.objects.with_vendor().in_bulk([line.product_id for line in reservation.lines.all()])
    added, skipped = [], []
    for line in reservation.lines.all():
        product = products.get(line.product_id)
        quantity = line.quantity
        if product is not None and not product.made_to_order:
            quantity = min(quantity, max(product.stock_available - cart.quantity_of(product.pk), 0)) or quantity
        try:
            if product is None:
                raise CartError(_("Produk tidak ditemukan."))
            cart.add(product, quantity)
        except DomainError as error:
            skipped.append(f"{line.product_name} ({error})")
        else:
            added.append(line.product_name)
    if added:
        messages.success(request, _("Ditambahkan ke keranjang: %(names)s.") % {"names": ", ".join(added)})
    if skipped:
        messages.warning(request, _("Tidak bisa dipesan lagi: %(names)s.") % {"names": "; ".join(skipped)})
    return redirect("orders:cart")


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
    return last or {"contact_name": user.get_full_name() or user.first_name, "contact_phone": saved_whatsapp(user)}


def _placed_redirect(placed: list[Reservation]) -> HttpResponse:
    """To the confirmation page with every new pickup code (one reservation per vendor)."""
    query = urlencode([("kode", reservation.code) for reservation in placed])
    return redirect(f"{reverse('orders:checkout-done')}?{query}")


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
