"""factory-boy factories for tests (Faker in Indonesian)."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from catalog.models import Category, Certificate, Product
from catalog.services.badges import badges_refresh
from orders.models import Reservation, ReservationLine
from vendors.models import (
    Centre,
    OpeningHours,
    Regency,
    ShopUnit,
    StaffScope,
    UnitAssignment,
    Vendor,
    VendorMembership,
)

factory.Faker._DEFAULT_LOCALE = "id_ID"

User = get_user_model()


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    first_name = factory.Faker("first_name")
    password = factory.django.Password("sentra-test")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Give the user a verified primary allauth email address unless `verified=False`."""
        if not create:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=obj, email=obj.email, defaults={"verified": extracted is not False, "primary": True}
        )


class DinasUserFactory(UserFactory):
    """Dinas staff for the whole province unless `centres=[...]` names theirs (`centres=[]`: no scope at all)."""

    is_staff = True

    @factory.post_generation
    def dinas_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name="Dinas"))

    @factory.post_generation
    def centres(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            StaffScope.objects.create(user=obj, whole_province=True)
        elif extracted:
            StaffScope.objects.create(user=obj).centres.set(extracted)


def regency(code: str = "18.03") -> Regency:
    """Return a regency seeded by the data migration (default: Lampung Utara)."""
    return Regency.objects.get(code=code)


def category(slug: str = "keripik") -> Category:
    """Return a category seeded by the data migration."""
    return Category.objects.get(slug=slug)


class CentreFactory(DjangoModelFactory):
    class Meta:
        model = Centre
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = "Sentra Oleh-oleh Lampung Utara"
    slug = "kotabumi"
    town = "Kotabumi"
    address = "Jl. Jenderal Sudirman, depan Kantor TP-PKK, Kotabumi, Lampung Utara"
    regency = factory.LazyFunction(regency)
    # The first centre of a test is the default one (as the data migration marks an existing site's).
    is_default = factory.LazyFunction(lambda: not Centre.objects.filter(is_default=True).exists())

    @factory.post_generation
    def hours(obj, create, extracted, **kwargs):
        """Open every day 08.00–17.00 unless `hours=False`."""
        if create and extracted is not False:
            for weekday in range(7):
                OpeningHours.objects.get_or_create(
                    centre=obj,
                    weekday=weekday,
                    defaults={"opens": datetime.time(8), "closes": datetime.time(17)},
                )


class ShopUnitFactory(DjangoModelFactory):
    class Meta:
        model = ShopUnit

    centre = factory.SubFactory(CentreFactory)
    code = factory.Sequence(lambda n: f"A-{n + 1:02d}")
    grid_row = 1
    grid_col = factory.Sequence(lambda n: n + 1)
    capacity = 1


class VendorFactory(DjangoModelFactory):
    class Meta:
        model = Vendor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"UMKM Sejahtera {n}")
    slug = factory.Sequence(lambda n: f"umkm-sejahtera-{n}")
    kind = Vendor.Kind.UMKM
    story = factory.Faker("paragraph")
    regency = factory.LazyFunction(regency)
    address = factory.Faker("address")
    whatsapp = "+6281234567890"
    nib = factory.Sequence(lambda n: f"{9100000000000 + n}")
    status = Vendor.Status.APPROVED
    centre = factory.SubFactory(CentreFactory)

    @factory.post_generation
    def owner(obj, create, extracted, **kwargs):
        """`owner=user` makes that user the owner member."""
        if create and extracted:
            VendorMembership.objects.create(vendor=obj, user=extracted, role=VendorMembership.Role.OWNER)


class UnitAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = UnitAssignment

    unit = factory.SubFactory(ShopUnitFactory)
    vendor = factory.SubFactory(VendorFactory)
    start_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product

    vendor = factory.SubFactory(VendorFactory)
    category = factory.LazyFunction(category)
    name = factory.Sequence(lambda n: f"Keripik Pisang Coklat {n}")
    slug = factory.Sequence(lambda n: f"keripik-pisang-coklat-{n}")
    description = "Keripik pisang renyah dengan balutan coklat, oleh-oleh khas Lampung."
    price = 25000
    sale_unit = "pak"
    stock_on_hand = 10
    status = Product.Status.PUBLISHED
    vendor_approved = factory.LazyAttribute(lambda product: product.vendor.status == Vendor.Status.APPROVED)
    regency = factory.LazyAttribute(lambda product: product.vendor.regency)


class CertificateFactory(DjangoModelFactory):
    class Meta:
        model = Certificate
        skip_postgeneration_save = True

    vendor = factory.SubFactory(VendorFactory)
    kind = Certificate.Kind.HALAL
    halal_stage = Certificate.HalalStage.GRANTED
    number = factory.Sequence(lambda n: f"ID18110000{n:08d}")
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=100))
    status = Certificate.Status.VERIFIED

    @factory.post_generation
    def products(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.products.set(extracted)
        if create:  # as the certificate services do: the stored badges follow
            badges_refresh(vendor_ids=[obj.vendor_id])


class ReservationFactory(DjangoModelFactory):
    """A reservation row without stock effects; use the services to place real ones."""

    class Meta:
        model = Reservation

    shopper = factory.SubFactory(UserFactory)
    vendor = factory.SubFactory(VendorFactory)
    pickup_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=1))
    hold_until = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
    contact_name = factory.Faker("name")
    pickup_centre = factory.LazyAttribute(lambda o: o.vendor.centre)  # the place service fixes it the same way


class ReservationLineFactory(DjangoModelFactory):
    class Meta:
        model = ReservationLine

    reservation = factory.SubFactory(ReservationFactory)
    product = factory.SubFactory(ProductFactory)
    product_name = factory.LazyAttribute(lambda o: o.product.name)
    sale_unit = factory.LazyAttribute(lambda o: o.product.sale_unit)
    unit_price = factory.LazyAttribute(lambda o: o.product.price)
    quantity = 1


class OrganisationFactory(DjangoModelFactory):
    """A verified institutional buyer; `member=user` makes that user its contact person."""

    class Meta:
        model = "buyers.Organisation"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Hotel Uji {n}")
    kind = "hotel"
    address = "Jl. Raden Intan 1, Bandar Lampung"
    regency = factory.LazyFunction(lambda: regency("18.71"))
    status = "verified"

    @factory.post_generation
    def member(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.memberships.create(user=extracted, role="owner")


def buyer_order(organisation, product, *, quantity: int = 2, days: int = 1, **kwargs):
    """A one-off order of `quantity` × `product` for in `days` days, placed through the service (drop made)."""
    from buyers.services.orders import Wanted, order_place

    return order_place(
        organisation=organisation,
        vendor=product.vendor,
        kind=kwargs.pop("kind", "one_off"),
        lines=[Wanted(product, quantity)],
        start_date=timezone.localdate() + datetime.timedelta(days=days),
        fulfilment=kwargs.pop("fulfilment", "delivery"),
        actor=None,
        **kwargs,
    )
