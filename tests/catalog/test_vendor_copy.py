"""Product.vendor_approved, the catalogue's copy of the vendor's approval, follows every status change.

Public lists filter on the copy, not on the vendor row: a stale copy would keep a suspended vendor's
products on sale, or hide a reinstated vendor's shelf.
"""

import pytest
from django.urls import reverse

from catalog.models import Product
from catalog.services.approval import vendor_approved_refresh
from catalog.services.products import product_create, product_set_status
from tests import factories
from vendors.models import Vendor
from vendors.services.review import vendor_approve, vendor_archive, vendor_reinstate, vendor_suspend

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
    data = {
        "vendor": pending.pk,
        "category": product.category_id,
        "name": product.name,
        "slug": product.slug,
        "description": product.description,
        "price": product.price,
        "sale_unit": product.sale_unit,
        "stock_on_hand": product.stock_on_hand,
        "status": product.status,
        "lead_time_days": 0,
        "images-TOTAL_FORMS": 0,
        "images-INITIAL_FORMS": 0,
    }
    response = client.post(reverse("admin:catalog_product_change", args=[product.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    product.refresh_from_db()
    assert product.vendor_id == pending.pk
    assert not product.vendor_approved


def test_refreshing_repairs_copies_written_around_the_transitions(product):
    Vendor.objects.filter(pk=product.vendor_id).update(status=Vendor.Status.SUSPENDED)
    vendor_approved_refresh(vendor_ids=[product.vendor_id])

    product.refresh_from_db()
    assert not product.vendor_approved
