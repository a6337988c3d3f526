"""Product photos as responsive <img> tags (renditions made at upload, no processing here), the card grid and the
floor plan: markup built in Python where a page repeats it hundreds of times."""

from html import escape as _e

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from catalog.cards import rating_text, sold_label
from catalog.images import rendition_url
from sentra.money import format_rupiah
from sentra.templatetags.sentra import stock_class, stock_label
from vendors.selectors import AVAILABLE, CLOSED

register = template.Library()

CARD_SIZES = "(min-width: 1200px) 220px, (min-width: 768px) 25vw, 50vw"
GALLERY_SIZES = "(min-width: 992px) 600px, 100vw"


def _fit(width: int, height: int, box: int) -> tuple[int, int]:
    """Scale width × height to fit a box × box square, as the renditions do (never zero)."""
    if not width or not height:
        return box, box
    scale = min(box / width, box / height)
    return max(round(width * scale), 1), max(round(height * scale), 1)


@register.simple_tag
def product_image(image, alt: str = "", size: str = "card", eager: bool = False) -> SafeString:
    """An <img> with srcset (320/640 for cards, 640/1280 for the gallery), width/height and lazy loading."""
    if image is None:
        return mark_safe(f'<div class="img-placeholder" role="img" aria-label="{_e(str(alt))}">📦</div>')  # noqa: S308
    if size == "card":
        box, specs, sizes, widths = 320, ("thumb_320", "thumb_640"), CARD_SIZES, (320, 640)
    else:
        box, specs, sizes, widths = 640, ("thumb_640", "large_1280"), GALLERY_SIZES, (640, 1280)
    urls = [rendition_url(image, spec) for spec in specs]
    width, height = _fit(image.width, image.height, box)
    candidates = ", ".join(f"{url} {w}w" for url, w in zip(urls, widths, strict=True))
    return mark_safe(  # noqa: S308 (every value escaped)
        f'<img src="{_e(urls[0])}" srcset="{_e(candidates)}" sizes="{sizes}" width="{width}" height="{height}" '
        f'alt="{_e(str(image.alt_text or alt))}" loading="{"eager" if eager else "lazy"}" decoding="async">'
    )


@register.simple_tag
def product_grid(products, csrf_token=None, saved: bool = False) -> SafeString:
    """The card grid of a product list (catalogue, home, store page, related products); `saved`: the products
    are the signed-in shopper's favourites (/favorit/), so each card's heart removes.

    Built in Python rather than a template included per card: resolving a dozen variables per card in
    Django's template engine took a large share of a 24-card page's budget (see bench/README.md, 'Measured
    design decisions'). The values are escaped with the standard library's html.escape (what Django's escape
    does, without its checks for lazy strings: every value here is a plain str or int).
    """
    head, tail = reverse("catalog:product-detail", kwargs={"slug": "x"}).rsplit("x", 1)  # one reverse() a grid
    labels = {
        "halal": _e(gettext("Halal")),
        "bnsp": _e(gettext("Pelaku usaha bersertifikat BNSP")),
        "lapas": _e(gettext("Karya warga binaan Lapas")),
        "badges": _e(gettext("Sertifikat dan keterangan")),
        "reviews": gettext("ulasan"),
        "heart": _favourite_form(csrf_token, saved),
    }
    cards = "".join(f"<li>{_card(product, head, tail, labels)}</li>" for product in products)
    return mark_safe(f'<ul class="card-grid">{cards}</ul>')  # noqa: S308 (every value escaped)


def _card(product, head: str, tail: str, labels: dict[str, str]) -> str:
    vendor = product.vendor
    return (
        f'<article class="card">{product_image(product.main_image, product.name)}<div class="card-body">'
        f'<h3><a href="{_e(head + product.slug + tail)}">{_e(product.name)}</a></h3>'
        f'<p class="price">{_e(format_rupiah(product.price))} <small class="meta">/ {_e(product.sale_unit)}</small></p>'
        f'<p class="meta">{_e(vendor.name)} · {_e(vendor.regency.display_name)}</p>{_social(product, labels)}'
        f"{_badges(product, labels)}"
        f'<p class="stock {stock_class(product)}">{_e(stock_label(product))}</p>'
        f"{labels['heart'].replace('@@pk@@', str(product.pk))}</div></article>"
    )


def _social(product, labels: dict[str, str]) -> str:
    """★ 4,5 (12 ulasan) · terjual 120: the copies kept on the product (no query)."""
    parts = []
    if product.rating_count:
        average = rating_text(product.rating_avg)
        parts.append(f'<span class="rating">★ {_e(average)}</span> ({product.rating_count} {_e(labels["reviews"])})')
    if product.sold_count:
        parts.append(_e(sold_label(product.sold_count)))
    return f'<p class="meta card-social">{" · ".join(parts)}</p>' if parts else ""


def _favourite_form(token, saved: bool = False) -> str:
    """The heart of every card: a POST form, which htmx swaps for the heart in its new state (the view answers
    with reviews/partials/favourite_form.html). Cards show no per-shopper state (the page cache shares them), so
    this heart only saves (`aksi=simpan`); on the shopper's own list (`saved`) every card is a favourite and the
    heart removes it (`tampilan=favorit`: htmx then drops the card from the list). `@@pk@@` is the product's pk;
    the CSRF token is the page's (the page cache swaps it per visitor)."""
    try:
        head, tail = reverse("reviews:favourite-toggle", kwargs={"pk": 1}).rsplit("1", 1)
        back = reverse("reviews:favourite-list")
    except NoReverseMatch:
        return ""
    if not token or str(token) == "NOTPROVIDED":
        return ""
    action = f"{_e(head)}@@pk@@{_e(tail)}"
    if saved:
        label = _e(gettext("Tersimpan di favorit"))
        fields = (
            f'<input type="hidden" name="next" value="{_e(back)}"><input type="hidden" name="tampilan" value="favorit">'
        )
        button = f'<button type="submit" class="outline" aria-pressed="true" aria-label="{label}" title="{label}">♥'
    else:
        label = _e(gettext("Simpan ke favorit"))
        fields = '<input type="hidden" name="aksi" value="simpan"><input type="hidden" name="tampilan" value="kartu">'
        button = (
            f'<button type="submit" class="outline secondary" aria-pressed="false" aria-label="{label}" '
            f'title="{label}">♡'
        )
    return (
        f'<form method="post" action="{action}" class="card-favourite heart" hx-post="{action}" hx-swap="outerHTML">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(str(token))}">'
        f"{fields}{button}</button></form>"
    )


def _badges(product, labels: dict[str, str]) -> str:
    items = []
    if product.has_halal:
        items.append(f'<li><span class="badge badge-halal">{labels["halal"]}</span></li>')
    if product.has_pirt:
        items.append('<li><span class="badge badge-pirt">P-IRT</span></li>')
    if product.has_bnsp:
        items.append(f'<li><span class="badge" title="{labels["bnsp"]}">BNSP</span></li>')
    if product.vendor.is_lapas:
        items.append(f'<li><span class="badge badge-lapas">{labels["lapas"]}</span></li>')
    return f'<ul class="badges" aria-label="{labels["badges"]}">{"".join(items)}</ul>' if items else ""


PLAN_CELL_WIDTH, PLAN_CELL_HEIGHT, PLAN_GAP = 140, 90, 12
PLAN_LABEL_CHARS = 16  # a vendor's name on its unit, cut with "…"


@register.simple_tag
def plan_geometry(units) -> dict:
    """Positions of units on the floor plan drawing (SVG user units), from their grid row and column.

    Usage: {% plan_geometry units as plan %} with `vendors.selectors.floor_plan_units`, then {% plan_cells plan %}.
    A cell names its first public vendor and counts every other tenant (a suspended one unnamed); a unit whose
    tenants all are suspended or on holiday reads "Sementara tutup", an empty one "Tersedia" (plan_cells)."""
    closed = gettext("Sementara tutup")
    cells = []
    for unit in units:
        x = (unit.grid_col - 1) * (PLAN_CELL_WIDTH + PLAN_GAP) + PLAN_GAP
        y = (unit.grid_row - 1) * (PLAN_CELL_HEIGHT + PLAN_GAP) + PLAN_GAP
        # Strings, not numbers: the template would localize each number (hundreds per floor plan).
        state, public, others = unit.state, unit.public_tenants, len(unit.tenants) - 1
        if state == CLOSED:
            label = closed
        else:
            name = public[0].name if public else ""
            label = name if len(name) <= PLAN_LABEL_CHARS else Truncator(name).chars(PLAN_LABEL_CHARS)
            label = f"{label} +{others}" if others > 0 else label  # empty: "Tersedia"
        css = "unit unit-free" if state == AVAILABLE else "unit unit-occupied"
        css += " unit-closed" if state == CLOSED else ""
        cells.append(
            {
                "unit": unit,
                "label": label,
                "css": css + (" unit-lapas" if unit.reserved_kind == "lapas" else ""),
                "x": str(x),
                "y": str(y),
                "cx": str(x + PLAN_CELL_WIDTH // 2),
                "code_y": str(y + 30),
                "label_y": str(y + 56),
            }
        )
    columns = max((u.grid_col for u in units), default=1)
    rows = max((u.grid_row for u in units), default=1)
    return {
        "cells": cells,
        "width": str(columns * (PLAN_CELL_WIDTH + PLAN_GAP) + PLAN_GAP),
        "height": str(rows * (PLAN_CELL_HEIGHT + PLAN_GAP) + PLAN_GAP),
        "cell_width": str(PLAN_CELL_WIDTH),
        "cell_height": str(PLAN_CELL_HEIGHT),
    }


@register.simple_tag
def plan_cells(plan: dict) -> SafeString:
    """The units drawn on the floor plan (inside its <svg>), from `plan_geometry`.

    Built in Python like product_grid: a centre has hundreds of units, and the template engine's work on
    each of them, twice (drawing and list), was most of the floor plan's render time (see bench/README.md,
    'Measured design decisions').
    """
    free = _e(gettext("Tersedia"))
    size = f'width="{plan["cell_width"]}" height="{plan["cell_height"]}"'
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'<a href="#unit-{code}" aria-label="{code}">'
            f'<rect x="{cell["x"]}" y="{cell["y"]}" {size} rx="8" class="{cell["css"]}"/>'
            f'<text x="{cell["cx"]}" y="{cell["code_y"]}" text-anchor="middle" class="unit-code">{code}</text>'
            f'<text x="{cell["cx"]}" y="{cell["label_y"]}" text-anchor="middle" class="unit-label">'
            f"{_e(cell['label']) or free}</text></a>"
            for cell in plan["cells"]
            for code in [_e(cell["unit"].code)]
        )
    )


@register.simple_tag
def unit_list(units) -> SafeString:
    """The floor plan's list of units with their current vendors (`vendors.selectors.floor_plan_units`).

    Only approved vendors are named (as before); a tenant that is not public counts as a closed place."""
    head, tail = reverse("catalog:vendor-detail", kwargs={"slug": "x"}).rsplit("x", 1)  # one reverse() a list
    labels = {
        "lapas": _e(gettext("Karya warga binaan Lapas Kotabumi")),
        "new": _e(gettext("tersedia untuk UMKM baru")),
        "closed": _e(gettext("sementara tutup")),
        "holiday": _e(gettext("sedang libur")),
    }
    items = "".join(_unit_item(unit, head, tail, labels) for unit in units)
    return mark_safe(f'<ul class="unit-list">{items}</ul>')  # noqa: S308 (every value escaped)


def _unit_item(unit, head: str, tail: str, labels: dict[str, str]) -> str:
    code = _e(unit.code)
    block = f" · {_e(unit.block)}" if unit.block else ""
    badge = f' <span class="badge badge-lapas">{labels["lapas"]}</span>' if unit.reserved_kind == "lapas" else ""
    state, public = unit.state, unit.public_tenants
    vendors = "".join(
        f'<li><a href="{_e(head + tenant.slug + tail)}">{_e(tenant.name)}</a> '
        f'<small class="meta">{_e(tenant.region)}{" · " + labels["holiday"] if tenant.on_holiday else ""}</small></li>'
        for tenant in public
    )
    hidden = len(unit.tenants) - len(public)
    if hidden and state != CLOSED:  # a closed unit says so once, below
        closed = ngettext("%(n)s lapak sementara tutup", "%(n)s lapak sementara tutup", hidden) % {"n": hidden}
        vendors += f'<li class="meta">{_e(closed)}</li>'
    if state == AVAILABLE:
        tenants = f'<span class="meta">— {labels["new"]}</span>'
    elif state == CLOSED:
        tenants = f'<span class="meta">— {labels["closed"]}</span>' + (f"<ul>{vendors}</ul>" if vendors else "")
    else:
        tenants = f"<ul>{vendors}</ul>"
    return f'<li id="unit-{code}"><strong>{code}</strong>{block}{badge} {tenants}</li>'
