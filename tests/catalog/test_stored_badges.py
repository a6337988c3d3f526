"""Stored badge dates (Product.halal_until / pirt_until, Vendor.bnsp_until) follow every certificate write.

Lists and the `sertifikat` filter read the stored dates, never the certificates: each way a certificate can
change must refresh them, or a shopper sees a badge Dinas has withdrawn (or misses one it granted).
"""

import datetime
import itertools
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import Certificate, Product, badge_shows
from catalog.services.badges import NO_EXPIRY, badges_refresh
from catalog.services.certificates import certificate_update
from catalog.services.review import certificate_reject, certificate_verify
from tests import factories
from tests.catalog.admin_forms import certificate_form, product_form

pytestmark = pytest.mark.django_db

C = Certificate.Status


def filtered(client, kind: str) -> set[int]:
    response = client.get(reverse("catalog:product-list"), {"sertifikat": kind})
    return {product.pk for product in response.context["page"].object_list}


def stored(product: Product) -> tuple:
    product.refresh_from_db()
    return product.halal_until, product.pirt_until, product.vendor.bnsp_until


@pytest.fixture
def pending(product):
    return factories.CertificateFactory(
        vendor=product.vendor,
        status=C.SUBMITTED,
        products=[product],
        valid_until=timezone.localdate() + datetime.timedelta(days=90),
    )


def test_verifying_stores_the_badge_date_and_the_filter_finds_the_product(client, centre, pending, product, dinas_user):
    assert stored(product) == (None, None, None)
    assert product.pk not in filtered(client, "halal")

    certificate_verify(certificate=pending, actor=dinas_user)

    assert stored(product)[0] == pending.valid_until
    assert product.has_halal
    assert product.pk in filtered(client, "halal")


def test_rejecting_stores_no_badge(client, centre, pending, product, dinas_user):
    certificate_reject(certificate=pending, actor=dinas_user, note="Pindaian tidak terbaca")

    assert stored(product) == (None, None, None)
    assert product.pk not in filtered(client, "halal")


def test_an_owner_correcting_a_verified_certificate_withdraws_the_badge_until_dinas_verifies_again(
    client, centre, pending, product, owner, dinas_user
):
    certificate_verify(certificate=pending, actor=dinas_user)
    assert product.pk in filtered(client, "halal")

    certificate_update(certificate=pending, actor=owner, number="ID18110000000777")

    assert stored(product)[0] is None
    assert product.pk not in filtered(client, "halal")


def test_a_certificate_without_expiry_keeps_its_badge(pending, product, dinas_user):
    pending.valid_until = None
    pending.save()

    certificate_verify(certificate=pending, actor=dinas_user)

    assert stored(product)[0] == NO_EXPIRY
    assert product.has_halal


def test_a_stored_badge_ends_on_its_expiry_date_without_any_job(client, centre, pending, product, dinas_user):
    certificate_verify(certificate=pending, actor=dinas_user)
    last_day = pending.valid_until

    assert badge_shows(stored(product)[0], on=last_day)
    assert not badge_shows(stored(product)[0], on=last_day + datetime.timedelta(days=1))
    assert Product.objects.with_certificate("halal", on=last_day).filter(pk=product.pk).exists()
    assert not Product.objects.with_certificate("halal", on=last_day + datetime.timedelta(days=1)).exists()


def test_bnsp_is_stored_on_the_vendor_so_products_added_later_carry_it(client, centre, product, dinas_user):
    bnsp = factories.CertificateFactory(
        vendor=product.vendor,
        kind=Certificate.Kind.BNSP,
        halal_stage="",
        number="",
        holder_name="Ibu Sum",
        status=C.SUBMITTED,
        valid_until=timezone.localdate() + datetime.timedelta(days=365),
    )
    certificate_verify(certificate=bnsp, actor=dinas_user)
    later = factories.ProductFactory(vendor=product.vendor)

    assert stored(product)[2] == bnsp.valid_until
    assert Product.objects.get(pk=later.pk).has_bnsp
    assert {product.pk, later.pk} <= filtered(client, "bnsp")


def test_the_latest_of_several_certificates_counts(product):
    today = timezone.localdate()
    for days in (10, 200, -5):
        factories.CertificateFactory(
            vendor=product.vendor, products=[product], valid_until=today + datetime.timedelta(days=days)
        )

    assert stored(product)[0] == today + datetime.timedelta(days=200)


def test_a_certificate_of_another_vendor_never_badges_a_product(product):
    factories.CertificateFactory(products=[product])  # a vendor of its own

    assert stored(product)[0] is None


def test_stored_badges_agree_with_the_certificates_whatever_their_states(product):
    """Random certificates in every state; the stored dates must say what Certificate.objects.valid() says."""
    rng = random.Random(8)
    today = timezone.localdate()
    products = [product, *factories.ProductFactory.create_batch(3, vendor=product.vendor)]
    stages = [Certificate.HalalStage.GRANTED, Certificate.HalalStage.IN_PROCESS]
    for index in range(12):
        kind = rng.choice([Certificate.Kind.HALAL, Certificate.Kind.PIRT])
        factories.CertificateFactory(
            vendor=product.vendor,
            kind=kind,
            number=f"ID1811000000{index:04d}" if kind == "halal" else f"20518030101{index:02d}-29",
            halal_stage=rng.choice(stages) if kind == "halal" else "",
            status=rng.choice(list(C)),
            valid_until=rng.choice([None, today + datetime.timedelta(days=rng.randint(-30, 30))]),
            products=rng.sample(products, rng.randint(0, 3)),
        )
    for item, kind in itertools.product(products, ["halal", "pirt"]):
        item.refresh_from_db()
        expected = Certificate.objects.valid().filter(kind=kind, products=item, vendor=item.vendor).exists()
        assert getattr(item, f"has_{kind}") is expected, (item, kind)


def test_admin_changes_move_the_badges(client, product):
    client.force_login(factories.UserFactory(username="root", is_staff=True, is_superuser=True))
    other = factories.ProductFactory(vendor=product.vendor)
    certificate = factories.CertificateFactory(vendor=product.vendor, products=[product])
    assert stored(product)[0] is not None

    change = reverse("admin:catalog_certificate_change", args=[certificate.pk])
    data = certificate_form(certificate, products=[other.pk])
    response = client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    assert stored(product)[0] is None
    assert stored(other)[0] == NO_EXPIRY

    client.post(reverse("admin:catalog_certificate_delete", args=[certificate.pk]), {"post": "yes"})
    assert not Certificate.objects.filter(pk=certificate.pk).exists()
    assert stored(other)[0] is None


def test_refreshing_every_vendor_repairs_stale_dates(product):
    factories.CertificateFactory(vendor=product.vendor, products=[product])
    Product.objects.update(halal_until=None)  # e.g. rows written around the services

    badges_refresh()

    assert stored(product)[0] == NO_EXPIRY


def test_a_product_moved_to_another_vendor_in_the_admin_loses_the_old_vendors_badges(client, centre, product):
    """A certificate earns a badge only for its own vendor's products (as Certificate.objects.valid() says)."""
    factories.CertificateFactory(vendor=product.vendor, products=[product])
    assert stored(product)[0] == NO_EXPIRY
    client.force_login(factories.UserFactory(username="root", is_staff=True, is_superuser=True))
    other = factories.VendorFactory()
    data = product_form(product, vendor=other.pk)
    response = client.post(reverse("admin:catalog_product_change", args=[product.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    assert stored(product)[0] is None
    client.logout()
    assert product.pk not in filtered(client, "halal")


def test_an_owner_correction_read_before_dinas_verified_still_withdraws_the_badge(
    client, centre, pending, product, owner, dinas_user
):
    """The owner opened the form while the certificate waited; Dinas verified it before the owner saved."""
    stale = Certificate.objects.get(pk=pending.pk)
    certificate_verify(certificate=pending, actor=dinas_user)

    certificate_update(certificate=stale, actor=owner, number="ID18110000000777")

    pending.refresh_from_db()
    assert pending.status == C.SUBMITTED
    assert stored(product)[0] is None
    assert product.pk not in filtered(client, "halal")


# --- the model-level guarantee (issue 15): any save(), transition(), m2m change or delete keeps the dates right


@pytest.fixture
def verified(product):
    return factories.CertificateFactory(
        vendor=product.vendor, products=[product], valid_until=timezone.localdate() + datetime.timedelta(days=90)
    )


def test_a_certificate_saved_directly_keeps_the_stored_dates_right(verified, product):
    verified.status = C.SUBMITTED
    verified.save()
    assert stored(product)[0] is None

    verified.status = C.VERIFIED
    verified.valid_until = timezone.localdate() + datetime.timedelta(days=400)
    verified.save()
    assert stored(product)[0] == verified.valid_until

    verified.halal_stage = Certificate.HalalStage.IN_PROCESS  # an application earns no badge
    verified.save(update_fields=["halal_stage"])
    assert stored(product)[0] is None


def test_a_transition_called_on_the_model_keeps_the_stored_dates_right(verified, product, owner, dinas_user):
    verified.transition(C.SUBMITTED, actor=owner)
    assert stored(product)[0] is None

    verified.transition(C.VERIFIED, actor=dinas_user)
    assert stored(product)[0] == verified.valid_until

    verified.transition(C.REVOKED, actor=dinas_user, reason="Dicabut penerbit")
    assert stored(product)[0] is None


def test_a_certificate_saved_with_a_stale_copy_still_refreshes_the_dates(verified, product, owner):
    stale = Certificate.objects.get(pk=verified.pk)  # read while verified
    Certificate.objects.filter(pk=verified.pk).update(status=C.SUBMITTED)  # update() is not caught (see save())
    badges_refresh(vendor_ids=[product.vendor_id])
    assert stored(product)[0] is None

    stale.save()  # writes "verified" back: compared with the stored row, not with what was read

    assert stored(product)[0] == verified.valid_until


def test_moving_a_certificate_to_another_vendor_refreshes_both(verified, product):
    other = factories.VendorFactory()
    theirs = factories.ProductFactory(vendor=other)

    verified.vendor = other
    verified.save()

    assert stored(product)[0] is None
    verified.products.add(theirs)
    assert stored(theirs)[0] == verified.valid_until


def test_changing_the_covered_products_keeps_the_dates_right(verified, product):
    sibling = factories.ProductFactory(vendor=product.vendor)

    verified.products.remove(product)
    assert stored(product)[0] is None
    verified.products.add(sibling)
    assert stored(sibling)[0] == verified.valid_until
    verified.products.set([product])
    assert (stored(product)[0], stored(sibling)[0]) == (verified.valid_until, None)
    verified.products.clear()
    assert stored(product)[0] is None


def test_a_new_verified_bnsp_certificate_stores_the_vendors_date_on_save(vendor):
    until = timezone.localdate() + datetime.timedelta(days=365)
    Certificate.objects.create(
        vendor=vendor, kind=Certificate.Kind.BNSP, holder_name="Ibu Sum", status=C.VERIFIED, valid_until=until
    )

    vendor.refresh_from_db()
    assert vendor.bnsp_until == until


def test_deleting_certificates_one_by_one_or_as_a_queryset_drops_their_badges(verified, product):
    second = factories.CertificateFactory(
        vendor=product.vendor, kind="pirt", halal_stage="", number="", products=[product]
    )
    assert stored(product)[:2] == (verified.valid_until, NO_EXPIRY)

    verified.delete()
    assert stored(product)[0] is None
    Certificate.objects.filter(pk=second.pk).delete()
    assert stored(product)[1] is None


def test_a_model_form_and_a_history_revert_keep_the_dates_right(verified, product, dinas_user):
    """Admin-like paths that save the instance and its m2m without calling any badge code themselves."""
    from django.forms import modelform_factory

    other = factories.ProductFactory(vendor=product.vendor)
    form_class = modelform_factory(
        Certificate, fields=["vendor", "kind", "number", "halal_stage", "valid_until", "products"]
    )
    data = {
        "vendor": product.vendor_id,
        "kind": "halal",
        "number": verified.number,
        "halal_stage": "granted",
        "valid_until": "",
        "products": [other.pk],
    }
    form = form_class(data, instance=verified)
    assert form.is_valid(), form.errors
    form.save()
    assert (stored(product)[0], stored(other)[0]) == (None, NO_EXPIRY)

    verified.transition(C.REVOKED, actor=dinas_user, reason="Dicabut penerbit")
    assert stored(other)[0] is None
    verified.history.filter(status=C.VERIFIED).first().instance.save()  # what the admin's revert does
    assert stored(other)[0] == NO_EXPIRY


def test_a_save_that_changes_no_badge_field_refreshes_nothing(verified):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        verified.competence = "Pengolahan keripik"
        verified.save(update_fields=["competence"])
        verified.review_note = "Dicek ulang"
        verified.save()

    assert not [q for q in captured if 'UPDATE "catalog_product"' in q["sql"]]
