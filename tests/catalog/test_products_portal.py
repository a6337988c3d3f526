"""Products in the owner portal: drafts, publishing rules, archive vs delete, the stock ledger."""

import io
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from catalog.models import Product
from catalog.services.products import product_image_add, product_restore, product_set_status, product_update
from orders.models import StockMovement
from orders.services.products import product_archive, product_create
from orders.services.stock import StockRefused, stock_adjust
from portal.forms import StockAdjustForm
from tests import factories
from vendors.models import Vendor


def _create(vendor, owner, **overrides):
    fields = {"name": "Kopi Robusta Lampung", "category": factories.category("keripik"), "price": 45000}
    return product_create(vendor=vendor, actor=owner, **{**fields, **overrides})


def test_new_product_is_a_draft_with_its_initial_stock_in_the_ledger(vendor, owner):
    product = _create(vendor, owner, stock_on_hand=12)
    assert product.status == Product.Status.DRAFT
    movement = product.movements.get()
    assert (movement.on_hand_delta, movement.reason, movement.actor) == (12, StockMovement.Reason.INITIAL, owner)


def test_new_products_get_unique_slugs(vendor, owner):
    first, second = _create(vendor, owner), _create(vendor, owner)
    assert first.slug == "kopi-robusta-lampung"
    assert second.slug.startswith("kopi-robusta-lampung-")


def test_made_to_order_product_gets_at_least_one_day_lead_time(vendor, owner):
    product = _create(vendor, owner, made_to_order=True, lead_time_days=0)
    assert product.lead_time_days == 1


def test_update_refuses_fields_outside_the_listing(product, owner):
    with pytest.raises(TypeError):
        product_update(product=product, actor=owner, status=Product.Status.HIDDEN)
    with pytest.raises(TypeError):
        product_update(product=product, actor=owner, stock_on_hand=999)


@pytest.mark.parametrize("status", [Vendor.Status.DRAFT, Vendor.Status.SUBMITTED, Vendor.Status.REVISION_REQUESTED])
def test_pending_vendor_can_draft_but_not_publish(owner, status):
    vendor = factories.VendorFactory(owner=owner, status=status)
    product = _create(vendor, owner)
    with pytest.raises(ValidationError):
        product_set_status(product=product, actor=owner, status=Product.Status.PUBLISHED)
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT


def test_suspended_vendor_cannot_publish(owner):
    vendor = factories.VendorFactory(owner=owner, status=Vendor.Status.SUSPENDED)
    product = factories.ProductFactory(vendor=vendor, status=Product.Status.DRAFT)
    with pytest.raises(ValidationError, match="dibekukan"):
        product_set_status(product=product, actor=owner, status=Product.Status.PUBLISHED)


def test_approved_vendor_publishes_and_unpublishes(vendor, owner):
    product = _create(vendor, owner)
    product_set_status(product=product, actor=owner, status=Product.Status.PUBLISHED)
    assert Product.objects.published().filter(pk=product.pk).exists()
    product_set_status(product=product, actor=owner, status=Product.Status.DRAFT)
    assert product.status == Product.Status.DRAFT


def test_owner_cannot_undo_dinas_hiding_or_hide_themselves(product, owner, dinas_user):
    with pytest.raises(ValidationError):
        product_set_status(product=product, actor=owner, status=Product.Status.HIDDEN)
    product.transition(Product.Status.HIDDEN, actor=dinas_user, reason="Foto tidak sesuai")
    with pytest.raises(ValidationError, match="disembunyikan Dinas"):
        product_set_status(product=product, actor=owner, status=Product.Status.PUBLISHED)


def test_draft_without_reservations_is_deleted(vendor, owner):
    product = _create(vendor, owner, stock_on_hand=3)
    assert product_archive(product=product, actor=owner) is None
    assert not Product.objects.filter(pk=product.pk).exists()


def test_product_with_reservations_is_archived_not_deleted(product, owner):
    factories.ReservationLineFactory(product=product, reservation__vendor=product.vendor)
    product.status = Product.Status.DRAFT
    product.save()
    archived = product_archive(product=product, actor=owner)
    assert archived.status == Product.Status.ARCHIVED
    restored = product_restore(product=archived, actor=owner)
    assert restored.status == Product.Status.DRAFT


def test_published_product_is_archived(product, owner):
    assert product_archive(product=product, actor=owner).status == Product.Status.ARCHIVED


# --- stock ledger ----------------------------------------------------------------------------------------


def test_stock_adjustment_writes_the_ledger_with_actor_reason_and_note(product, owner):
    stock_adjust(product=product, delta=5, reason=StockMovement.Reason.RESTOCK, note="panen baru", actor=owner)
    stock_adjust(product=product, delta=-2, reason=StockMovement.Reason.SOLD_OFFLINE, actor=owner)
    assert product.stock_on_hand == 13
    ledger = list(product.movements.order_by("pk").values_list("on_hand_delta", "reason", "note", "actor"))
    assert ledger == [(5, "restock", "panen baru", owner.pk), (-2, "sold_offline", "", owner.pk)]


def test_stock_cannot_drop_below_what_reservations_hold(product, owner):
    Product.objects.filter(pk=product.pk).update(stock_reserved=8)
    with pytest.raises(StockRefused, match="paling banyak 2: 8 dari stok 10 sedang dipesan"):
        stock_adjust(product=product, delta=-3, reason=StockMovement.Reason.DAMAGED, actor=owner)
    stock_adjust(product=product, delta=-2, reason=StockMovement.Reason.DAMAGED, actor=owner)
    product.refresh_from_db()
    assert (product.stock_on_hand, product.stock_reserved) == (8, 8)
    assert product.movements.count() == 1


def test_stock_never_goes_negative_even_for_made_to_order(owner, vendor):
    product = factories.ProductFactory(vendor=vendor, made_to_order=True, lead_time_days=3, stock_on_hand=1)
    with pytest.raises(StockRefused, match=r"paling banyak 1 \(stok sekarang 1\)"):
        stock_adjust(product=product, delta=-2, reason=StockMovement.Reason.CORRECTION, actor=owner)


@pytest.mark.parametrize(
    ("delta", "reason"),
    [(0, "correction"), (-1, "restock"), (3, "damaged"), (2, "sold_offline"), (1, "collected"), (1, "bogus")],
)
def test_stock_adjustment_refuses_nonsense(product, owner, delta, reason):
    with pytest.raises(ValidationError):
        stock_adjust(product=product, delta=delta, reason=reason, actor=owner)
    assert product.movements.count() == 0


def test_stock_form_in_the_portal_adjusts_and_shows_the_ledger(client, product, owner):
    client.force_login(owner)
    url = reverse("vendors:product-stock", kwargs={"pk": product.pk})
    response = client.post(url, {"delta": "-4", "reason": "sold_offline", "note": "pasar malam"})
    assert response.status_code == HTTPStatus.FOUND
    product.refresh_from_db()
    assert product.stock_on_hand == 6
    page = client.get(url)
    assert "pasar malam" in page.content.decode()


def test_stock_form_refusal_is_a_form_error_not_a_500(client, product, owner):
    Product.objects.filter(pk=product.pk).update(stock_reserved=10)
    client.force_login(owner)
    url = reverse("vendors:product-stock", kwargs={"pk": product.pk})
    response = client.post(url, {"delta": "-1", "reason": "damaged"})
    assert response.status_code == HTTPStatus.OK
    assert "sedang dipesan" in response.content.decode()


def test_product_create_form_ignores_status_and_vendor_fields(client, owner, vendor):
    other = factories.VendorFactory()
    client.force_login(owner)
    data = {
        "name": "Lempok Durian",
        "category": factories.category("keripik").pk,
        "price": "30000",
        "sale_unit": "pak",
        "stock_on_hand": "7",
        "description": "<b>manis</b>",
        "status": "published",
        "vendor": other.pk,
    }
    response = client.post(reverse("vendors:product-create"), data)
    assert response.status_code == HTTPStatus.FOUND
    product = Product.objects.get(name="Lempok Durian")
    assert (product.vendor, product.status, product.stock_on_hand) == (vendor, Product.Status.DRAFT, 7)


def test_product_list_queries_do_not_grow_with_products(client, owner, vendor, django_assert_max_num_queries):
    factories.ProductFactory.create_batch(15, vendor=vendor)
    client.force_login(owner)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("vendors:product-list")).status_code == HTTPStatus.OK


def test_product_edit_changes_details_but_not_stock(client, product, owner):
    client.force_login(owner)
    data = {
        "name": "Keripik Pisang Original",
        "category": product.category_id,
        "price": "27000",
        "sale_unit": "250 g",
        "stock_on_hand": "999",
        "description": "Renyah.",
    }
    response = client.post(reverse("vendors:product-edit", kwargs={"pk": product.pk}), data)
    assert response.status_code == HTTPStatus.FOUND
    product.refresh_from_db()
    assert (product.name, product.price, product.stock_on_hand) == ("Keripik Pisang Original", 27000, 10)


def test_made_to_order_without_lead_time_is_a_form_error(client, vendor, owner):
    client.force_login(owner)
    data = {"name": "Kain Tapis", "category": factories.category().pk, "price": "900000", "sale_unit": "lembar"}
    response = client.post(reverse("vendors:product-create"), {**data, "stock_on_hand": "0", "made_to_order": "on"})
    assert response.status_code == HTTPStatus.OK
    assert "minimal 1 hari" in response.content.decode()


def test_archive_asks_for_confirmation_first(client, product, owner):
    client.force_login(owner)
    url = reverse("vendors:product-archive", kwargs={"pk": product.pk})
    assert "riwayat reservasi" in client.get(url).content.decode()
    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED
    client.post(url)
    product.refresh_from_db()
    assert product.status == Product.Status.ARCHIVED


def test_photo_alt_text_order_and_delete_in_the_portal(client, product, owner, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), "blue").save(buffer, "PNG")
    image = product_image_add(product=product, upload=SimpleUploadedFile("a.png", buffer.getvalue()), actor=owner)
    client.force_login(owner)
    edit = reverse("vendors:product-photo-edit", kwargs={"pk": product.pk, "image_pk": image.pk})
    client.post(edit, {"alt_text": "Kemasan depan", "position": "0"})
    image.refresh_from_db()
    assert (image.alt_text, image.position) == ("Kemasan depan", 0)
    delete = reverse("vendors:product-photo-delete", kwargs={"pk": product.pk, "image_pk": image.pk})
    assert "tidak bisa dikembalikan" in client.get(delete).content.decode()
    client.post(delete)
    assert not product.images.exists()


def test_quick_stock_and_publish_from_the_list_return_to_the_products_card(client, product, owner):
    client.force_login(owner)
    card = f"{reverse('vendors:product-list')}?tab=tayang#produk-{product.pk}"
    stock = client.post(
        reverse("vendors:product-stock", kwargs={"pk": product.pk}),
        {"delta": "1", "reason": "restock", "next": "list"},
    )
    status = client.post(reverse("vendors:product-status", kwargs={"pk": product.pk}), {"status": "draft"})
    assert (stock.url, status.url) == (card, card.replace("tab=tayang", "tab=draf"))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("price", "0"),
        ("price", "-5"),
        ("price", "1000000000"),
        ("stock_on_hand", "99999999999999"),
        ("lead_time_days", "400"),
    ],
)
def test_product_form_refuses_absurd_numbers_with_a_form_error(client, vendor, owner, field, value):
    client.force_login(owner)
    data = {"name": "Kopi", "category": factories.category().pk, "price": "25000", "sale_unit": "pcs"}
    data |= {"stock_on_hand": "5", "made_to_order": "on", "lead_time_days": "3", field: value}
    response = client.post(reverse("vendors:product-create"), data)
    assert response.status_code == HTTPStatus.OK
    assert len(response.context["form"].errors[field]) == 1  # ours, not also the model's "at least 0"
    assert not vendor.products.filter(name="Kopi").exists()


@pytest.mark.parametrize(
    ("price", "stock", "saved"),
    [("150.000", "1.000", (150000, 1000)), ("Rp 25.000", "12", (25000, 12)), ("25,000", "0", (25000, 0))],
)
def test_prices_and_stock_written_with_thousand_separators_mean_thousands(client, vendor, owner, price, stock, saved):
    client.force_login(owner)
    data = {"name": "Kopi", "category": factories.category().pk, "price": price, "sale_unit": "pcs"}
    response = client.post(reverse("vendors:product-create"), data | {"stock_on_hand": stock})
    assert response.status_code == HTTPStatus.FOUND
    assert vendor.products.values_list("price", "stock_on_hand").get(name="Kopi") == saved


@pytest.mark.parametrize("price", ["25.5", "25.000,50", "dua puluh ribu", "1.00.000"])
def test_price_that_is_not_a_whole_number_is_a_form_error(client, vendor, owner, price):
    client.force_login(owner)
    data = {"name": "Kopi", "category": factories.category().pk, "price": price, "sale_unit": "pcs"}
    response = client.post(reverse("vendors:product-create"), data | {"stock_on_hand": "1"})
    assert "price" in response.context["form"].errors


@pytest.mark.parametrize(("typed", "delta"), [("+5", 5), ("1.000", 1000), ("-1.000", -1000), ("-2", -2)])
def test_stock_adjustment_reads_signs_and_thousand_separators(typed, delta):
    reason = "restock" if delta > 0 else "correction"
    form = StockAdjustForm({"delta": typed, "reason": reason})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["delta"] == delta


def test_overlong_description_is_a_form_error(client, vendor, owner):
    client.force_login(owner)
    data = {"name": "Kopi", "category": factories.category().pk, "price": "25000", "sale_unit": "pcs"}
    response = client.post(reverse("vendors:product-create"), data | {"stock_on_hand": "1", "description": "x" * 3001})
    assert "description" in response.context["form"].errors
