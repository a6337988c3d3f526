"""Demo reviews and favourites (issue 21): reviews on a third of the public products, with varied ratings, some
photos and vendor replies, one hidden by Dinas staff, one reported and waiting, one held by the blocklist;
favourites for `pembeli@sentra.test`, one of them back in stock (its email queued) and one still sold out.

Reviews need collected lines: the demo's collected reservations are reviewed first; products still short of
a review get an older collected reservation of another demo shopper (placed 20–50 days ago, one line, as if
collected then: its units count in "terjual"). `pembeli@sentra.test` reviews one line and keeps the others of
their recent collected reservations to review on the demo site."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from catalog.models import Product, ProductImage
from orders.models import Reservation, ReservationEvent, ReservationLine, StockMovement
from orders.services.stock import stock_adjust
from reviews.models import Favourite, Review, ReviewDecision, ReviewPhoto, ReviewReport
from reviews.services import refresh_product_rating
from vendors.models import Vendor

from .data import UMKM_VENDOR_SLUG

SEED = 2121
TEXTS = {
    5: [
        "Enak sekali, keluarga di rumah suka semua. Pasti beli lagi!",
        "Kualitas juara, kemasan rapi untuk oleh-oleh.",
        "Rasanya khas Lampung, penjualnya ramah.",
        "Mantap, sesuai foto dan harganya pas.",
    ],
    4: [
        "Enak, hanya kemasannya bisa lebih kuat untuk perjalanan jauh.",
        "Bagus, sedikit lebih manis dari perkiraan.",
        "Sesuai harapan. Ambil di ruko cepat.",
    ],
    3: ["Lumayan, tapi ukurannya lebih kecil dari perkiraan.", "Cukup, rasanya biasa saja."],
    2: ["Agak keras waktu sampai rumah. Semoga ke depan lebih baik."],
    1: ["Kecewa, tanggal kedaluwarsanya terlalu dekat."],
}
RATINGS = [5] * 9 + [4] * 6 + [3] * 3 + [2] + [1]
REPLIES = [
    "Terima kasih banyak atas ulasannya! Ditunggu kunjungan berikutnya.",
    "Terima kasih masukannya, kemasan sedang kami perbaiki.",
]
HIDE_REASON = "Memuat nomor telepon pribadi dan promosi toko lain."
REPORT_REASON = "Ulasan ini bukan tentang produknya, isinya promosi."
HELD_TEXT = "Penjualnya goblok, pesanan saya lama sekali disiapkan."


def build_reviews() -> dict[str, int]:
    """Create the demo reviews and favourites (the demo's builder runs this once, in its transaction)."""
    rng = random.Random(SEED)
    User = get_user_model()
    pembeli = User.objects.get(email="pembeli@sentra.test")
    dinas = User.objects.get(email="dinas@sentra.test")
    shoppers = list(
        User.objects.filter(email__endswith="@sentra.test", reservations__isnull=False)
        .exclude(pk=pembeli.pk)
        .distinct()
        .order_by("pk")
    )
    public = list(Product.objects.published().order_by("pk"))
    wanted = {p.pk for p in public[::3]}  # a third of the public products
    lines = _collected_lines(pembeli)
    reviewed: list[Review] = []
    now = timezone.now()
    kept_for_pembeli = [line for line in lines if line.reservation.shopper_id == pembeli.pk]
    for line in lines:
        if line.reservation.shopper_id == pembeli.pk and line is not kept_for_pembeli[0]:
            continue  # pembeli reviews one line; the rest stay reviewable on the demo site
        reviewed.append(_review(line, rng, at=line.reservation.collected_at + datetime.timedelta(days=1)))
        wanted.discard(line.product_id)
    for pk in sorted(wanted):
        if not shoppers:
            break
        product = next(p for p in public if p.pk == pk)
        line = _past_line(product, rng.choice(shoppers), rng, now)
        reviewed.append(_review(line, rng, at=line.reservation.collected_at + datetime.timedelta(days=2)))
    _photos_and_replies(reviewed, rng)
    _moderation(reviewed, dinas, pembeli)
    for pk in sorted({r.product_id for r in reviewed}):
        refresh_product_rating(pk)
    _favourites(pembeli, public, rng)
    return {"ulasan": len(reviewed)}


def _collected_lines(pembeli) -> list[ReservationLine]:
    return list(
        ReservationLine.objects.filter(
            reservation__status=Reservation.Status.COLLECTED, product__status=Product.Status.PUBLISHED
        )
        .exclude(reservation__vendor__memberships__user=F("reservation__shopper"))
        .select_related("reservation", "product")
        .order_by("reservation__collected_at", "pk")
    )


def _past_line(product: Product, shopper, rng: random.Random, now) -> ReservationLine:
    """An older collected reservation of one line (its units counted as sold, its stock long gone)."""
    placed = now - datetime.timedelta(days=rng.randint(20, 50), hours=rng.randint(0, 8))
    collected = placed + datetime.timedelta(hours=rng.randint(3, 30))
    reservation = Reservation.objects.create(
        shopper=shopper,
        vendor_id=product.vendor_id,
        status=Reservation.Status.COLLECTED,
        pickup_date=timezone.localdate(collected),
        hold_until=collected + datetime.timedelta(hours=2),
        contact_name=shopper.get_full_name() or shopper.email,
        placed_at=placed,
        ready_at=placed + datetime.timedelta(hours=2),
        collected_at=collected,
        total=product.price,
    )
    S = Reservation.Status
    steps = [
        ("", S.PLACED, placed, shopper),
        (S.PLACED, S.READY, reservation.ready_at, None),
        (S.READY, S.COLLECTED, collected, None),
    ]
    ReservationEvent.objects.bulk_create(
        ReservationEvent(reservation=reservation, from_status=a, to_status=b, created_at=at, actor=actor)
        for a, b, at, actor in steps
    )
    Product.objects.filter(pk=product.pk).update(sold_count=F("sold_count") + 1)
    return ReservationLine.objects.create(
        reservation=reservation,
        product=product,
        product_name=product.name,
        sale_unit=product.sale_unit,
        unit_price=product.price,
        quantity=1,
        made_to_order=product.made_to_order,
    )


def _review(line: ReservationLine, rng: random.Random, *, at) -> Review:
    rating = rng.choice(RATINGS)
    body = rng.choice(TEXTS[rating]) if rng.random() < 0.85 else ""
    review = Review.objects.create(
        line=line, product_id=line.product_id, shopper_id=line.reservation.shopper_id, rating=rating, body=body
    )
    Review.objects.filter(pk=review.pk).update(created_at=min(at, timezone.now()), helpful_count=rng.randint(0, 12))
    review.refresh_from_db()
    return review


def _photos_and_replies(reviewed: list[Review], rng: random.Random) -> None:
    umkm = Vendor.objects.get(slug=UMKM_VENDOR_SLUG)
    with_photo = [r for r in reviewed if r.body][::6]
    for review in with_photo:
        image = ProductImage.objects.filter(product_id=review.product_id).order_by("position", "pk").first()
        if image is None or not image.image:
            continue
        # The product's photo file, shared (as the demo's products share one photo per product type).
        photo = ReviewPhoto(review=review, position=1, image=image.image.name, width=image.width, height=image.height)
        photo.save()
        photo.thumb_320.generate()
        photo.large_1280.generate()
    replied = [r for r in reviewed if r.body and r.product.vendor_id != umkm.pk][::4]
    own = [r for r in reviewed if r.product.vendor_id == umkm.pk]
    replied += own[:-2]  # umkm@ keeps two unanswered reviews to reply to on the demo site
    for review in replied:
        owner = review.product.vendor.memberships.get(role="owner").user
        Review.objects.filter(pk=review.pk).update(
            reply=rng.choice(REPLIES), replied_at=review.created_at + datetime.timedelta(days=1), replied_by=owner
        )


def _moderation(reviewed: list[Review], dinas, pembeli) -> None:
    """One review hidden by Dinas staff, one reported and waiting in the queue, one held by the blocklist."""
    others = [r for r in reviewed if r.shopper_id != pembeli.pk and r.body]
    if len(others) < 3:
        return
    hidden, reported, held = others[1], others[2], others[3] if len(others) > 3 else others[0]
    ReviewReport.objects.create(review=hidden, reporter=pembeli, reason=HIDE_REASON, resolved_at=timezone.now())
    Review.objects.filter(pk=hidden.pk).update(status=Review.Status.HIDDEN)
    ReviewDecision.objects.create(review=hidden, action=ReviewDecision.Action.HIDE, actor=dinas, reason=HIDE_REASON)
    ReviewReport.objects.create(review=reported, reporter=pembeli, reason=REPORT_REASON)
    Review.objects.filter(pk=held.pk).update(status=Review.Status.HELD, body=HELD_TEXT, rating=1)
    ReviewDecision.objects.create(review=held, action=ReviewDecision.Action.HOLD, reason=HELD_TEXT)


def _favourites(pembeli, public: list[Product], rng: random.Random) -> None:
    """Four favourites: one sold out and restocked (its back-in-stock email queued), one still sold out."""
    stocked = [p for p in public if not p.made_to_order and p.stock_on_hand > p.stock_reserved + 2]
    picks = rng.sample(stocked, min(4, len(stocked)))
    for product in picks:
        Favourite.objects.get_or_create(user=pembeli, product=product)
    if len(picks) < 2:
        return
    owner = picks[0].vendor.memberships.get(role="owner").user
    for product, restock in ((picks[0], 6), (picks[1], 0)):
        product.refresh_from_db()
        free = product.stock_on_hand - product.stock_reserved
        stock_adjust(
            product=product, delta=-free, reason=StockMovement.Reason.CORRECTION, note="Stok habis", actor=owner
        )
        if restock:
            stock_adjust(
                product=product, delta=restock, reason=StockMovement.Reason.RESTOCK, note="Produksi baru", actor=owner
            )
