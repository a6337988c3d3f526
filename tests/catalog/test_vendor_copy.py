"""Product.vendor_approved and Product.regency, the catalogue's copy of its vendor, follow every change.

Public lists filter on the copy, not on the vendor row: a stale copy would keep a suspended vendor's
products on sale, or hide a reinstated vendor's shelf.
"""

import contextlib
import random

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalog.models import Product
from catalog.services.products import product_restore, product_set_status
from catalog.services.review import product_hide, product_unhide
from catalog.services.vendor_copy import vendor_copy_refresh
from orders.services.products import product_archive, product_create
from sentra.states import IllegalTransition, ReasonRequired
from tests import factories
from tests.catalog.admin_forms import product_form, vendor_form
from vendors.models import Regency, Vendor
from vendors.services.application import vendor_create_draft, vendor_submit, vendor_update_profile
from vendors.services.review import (
    vendor_approve,
    vendor_archive,
    vendor_reinstate,
    vendor_request_revision,
    vendor_suspend,
)

pytestmark = pytest.mark.django_db


def listed(client) -> set[int]:
    return {card.pk for card in client.get(reverse("catalog:product-list")).context["page"].object_list}


def test_suspending_takes_the_products_off_every_list_and_reinstating_brings_them_back(
    client, centre, product, dinas_user
):
    assert product.pk in listed(client)

    vendor_suspend(vendor=product.vendor, actor=dinas_user, reason="Izin usaha sedang diperiksa")
    assert product.pk not in listed(client)
    assert not Product.objects.published().filter(pk=product.pk).exists()
    assert client.get(product.get_absolute_url()).status_code == 404
    response = client.get(reverse("catalog:product-list"), {"q": product.name})
    assert product.pk not in {card.pk for card in response.context["page"].object_list}

    vendor_reinstate(vendor=product.vendor, actor=dinas_user)
    assert product.pk in listed(client)


def test_archiving_a_vendor_clears_the_copy(product, dinas_user):
    vendor_archive(vendor=product.vendor, actor=dinas_user, reason="Tutup usaha")

    product.refresh_from_db()
    assert not product.vendor_approved


def test_a_new_vendors_products_appear_once_dinas_approves_and_the_owner_publishes(client, centre, owner, dinas_user):
    vendor = factories.VendorFactory(owner=owner, status=Vendor.Status.SUBMITTED)
    category = factories.ProductFactory().category
    draft = product_create(vendor=vendor, actor=owner, name="Kopi Robusta Liwa", category=category, price=40000)
    assert not draft.vendor_approved

    vendor_approve(vendor=vendor, actor=dinas_user)
    draft.refresh_from_db()
    product_set_status(product=draft, actor=owner, status=Product.Status.PUBLISHED)

    draft.refresh_from_db()
    assert draft.vendor_approved
    assert draft.pk in listed(client)


def test_the_admin_keeps_the_copy_when_a_product_moves_to_another_vendor(client, product):
    client.force_login(factories.UserFactory(username="root", is_staff=True, is_superuser=True))
    pending = factories.VendorFactory(status=Vendor.Status.SUBMITTED)
    data = product_form(product, vendor=pending.pk)
    response = client.post(reverse("admin:catalog_product_change", args=[product.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    product.refresh_from_db()
    assert product.vendor_id == pending.pk
    assert not product.vendor_approved


def test_refreshing_repairs_copies_written_around_the_transitions(product):
    Vendor.objects.filter(pk=product.vendor_id).update(status=Vendor.Status.SUSPENDED)
    vendor_copy_refresh(vendor_ids=[product.vendor_id])

    product.refresh_from_db()
    assert not product.vendor_approved


def in_region(client, slug: str) -> set[int]:
    response = client.get(reverse("catalog:product-list"), {"daerah": slug})
    return {card.pk for card in response.context["page"].object_list}


def test_the_region_filter_follows_a_vendor_moved_in_the_admin(client, centre, product):
    client.force_login(factories.UserFactory(username="root", is_staff=True, is_superuser=True))
    vendor, metro = product.vendor, Regency.objects.get(code="18.72")
    assert product.pk not in in_region(client, metro.slug)
    data = vendor_form(vendor, regency=metro.pk)
    response = client.post(reverse("admin:vendors_vendor_change", args=[vendor.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    client.logout()
    assert product.pk in in_region(client, metro.slug)
    assert product.pk not in in_region(client, vendor.regency.slug)


def test_an_owner_changing_the_region_before_approval_is_carried_onto_the_products(owner, dinas_user):
    vendor = factories.VendorFactory(owner=owner, status=Vendor.Status.REVISION_REQUESTED)
    product = factories.ProductFactory(vendor=vendor, status=Product.Status.DRAFT)
    metro = Regency.objects.get(code="18.72")

    vendor_update_profile(vendor=vendor, actor=owner, regency=metro)

    product.refresh_from_db()
    assert product.regency == metro


def test_publishing_with_a_vendor_read_before_its_suspension_neither_publishes_nor_lists_the_product(
    client, centre, owner, dinas_user
):
    """The owner's request read the vendor while it was approved; Dinas suspended it before the publish wrote."""
    vendor = factories.VendorFactory(owner=owner)
    draft = factories.ProductFactory(vendor=vendor, status=Product.Status.DRAFT)
    stale = Product.objects.select_related("vendor").get(pk=draft.pk)
    vendor_suspend(vendor=vendor, actor=dinas_user, reason="Izin usaha sedang diperiksa")

    with pytest.raises(ValidationError):
        product_set_status(product=stale, actor=owner, status=Product.Status.PUBLISHED)

    draft.refresh_from_db()
    assert (draft.status, draft.vendor_approved) == (Product.Status.DRAFT, False)
    assert draft.pk not in listed(client)


def test_a_status_change_with_a_vendor_read_before_its_suspension_keeps_the_copy_false(owner, dinas_user):
    vendor = factories.VendorFactory(owner=owner)
    product = factories.ProductFactory(vendor=vendor)
    stale = Product.objects.select_related("vendor").get(pk=product.pk)
    vendor_suspend(vendor=vendor, actor=dinas_user, reason="Izin usaha sedang diperiksa")

    product_set_status(product=stale, actor=owner, status=Product.Status.DRAFT)

    product.refresh_from_db()
    assert not product.vendor_approved


@pytest.mark.parametrize("seed", range(6))
def test_random_histories_of_vendor_and_product_decisions_keep_the_catalogue_equal_to_the_truth(
    seed, centre, owner, dinas_user
):
    """Whatever order owners and Dinas act in, public lists (on the copy) show exactly the published products of
    approved vendors, each in its vendor's region."""
    rng = random.Random(seed)
    regions = list(Regency.objects.order_by("code")[:3])
    vendor = vendor_create_draft(
        actor=owner, name="Keripik Acak", kind="umkm", regency=regions[0], nib=f"{9200000000000 + seed}",
        whatsapp="+6281234567890",
    )  # fmt: skip
    category = factories.category()
    products = [
        product_create(vendor=vendor, actor=owner, name=f"Produk {i}", category=category, price=1000) for i in range(3)
    ]

    def fresh(obj):
        return type(obj).objects.select_related(*(["vendor"] if isinstance(obj, Product) else [])).get(pk=obj.pk)

    def pick() -> Product:
        if not products:
            products.append(product_create(vendor=vendor, actor=owner, name="Baru", category=category, price=1))
        return fresh(rng.choice(products))

    actions = [
        lambda: vendor_submit(vendor=fresh(vendor), actor=owner),
        lambda: vendor_approve(vendor=fresh(vendor), actor=dinas_user),
        lambda: vendor_request_revision(vendor=fresh(vendor), actor=dinas_user, reason="Lengkapi"),
        lambda: vendor_suspend(vendor=fresh(vendor), actor=dinas_user, reason="Periksa"),
        lambda: vendor_reinstate(vendor=fresh(vendor), actor=dinas_user),
        lambda: vendor_update_profile(vendor=fresh(vendor), actor=owner, regency=rng.choice(regions)),
        lambda: product_set_status(product=pick(), actor=owner, status="published"),
        lambda: product_set_status(product=pick(), actor=owner, status="published"),
        lambda: product_set_status(product=pick(), actor=owner, status="published"),
        lambda: product_set_status(product=pick(), actor=owner, status="draft"),
        lambda: product_hide(product=pick(), actor=dinas_user, reason="Foto menyesatkan"),
        lambda: product_unhide(product=pick(), actor=dinas_user),
        lambda: product_archive(product=pick(), actor=owner),  # a new draft is deleted
        lambda: product_restore(product=pick(), actor=owner),
    ]
    for _step in range(40):
        with contextlib.suppress(ValidationError, IllegalTransition, ReasonRequired, TypeError):
            rng.choice(actions)()  # refused moves (TypeError: the region is fixed once submitted) change nothing
        products[:] = [p for p in products if Product.objects.filter(pk=p.pk).exists()]
        listed = set(Product.objects.published().values_list("pk", "regency_id"))
        truth = set(
            Product.objects.filter(status="published", vendor__status="approved").values_list("pk", "vendor__regency")
        )
        assert listed == truth
