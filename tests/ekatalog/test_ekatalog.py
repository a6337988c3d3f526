"""e-Katalog readiness: the rules, the owner's and Dinas's pages, decisions with their audit trail, the export."""

import datetime
import io
from http import HTTPStatus

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from ekatalog.export import COLUMNS, TEMPLATE_VERSION
from ekatalog.models import ListingEvent, ProductListing, SupplierProfile
from ekatalog.readiness import readiness
from ekatalog.services import listing_decide, listing_save
from sentra.exceptions import DomainError
from tests import factories

pytestmark = pytest.mark.django_db
LISTING = {
    "brand": "Yuli",
    "specification": "Pisang kepok, coklat, 250 g bersih",
    "packaging": "Standing pouch 250 g",
    "unit": "pak",
    "min_order": 10,
    "monthly_capacity": 500,
    "price_regency": 25000,
    "price_province": 27000,
    "shelf_life_days": 120,
    "local_content": "pdn",
}


def _photo(product, size: int):
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), "orange").save(buffer, "PNG")
    return product.images.create(image=SimpleUploadedFile("foto.png", buffer.getvalue()), alt_text="Foto")


def _certified(product):
    factories.CertificateFactory(vendor=product.vendor, products=[product])
    factories.CertificateFactory(
        vendor=product.vendor,
        kind="pirt",
        halal_stage="",
        number="2181803010123-29",
        valid_until=timezone.localdate() + datetime.timedelta(days=400),
        products=[product],
    )
    product.refresh_from_db()


@pytest.fixture
def ready_product(vendor, product):
    SupplierProfile.objects.create(vendor=vendor, npwp="019283746501000", sikap_id="SIKAP-1800001")
    _certified(product)
    _photo(product, 600)
    listing_save(product=product, actor=None, **LISTING)
    return product


def test_a_complete_food_product_of_a_vendor_with_legal_data_is_ready(ready_product):
    state = readiness(ready_product)
    assert state.ready, state.gaps


@pytest.mark.parametrize(
    ("field", "gap"),
    [
        ("brand", "Merek belum diisi"),
        ("specification", "Spesifikasi belum diisi"),
        ("packaging", "Kemasan belum diisi"),
        ("unit", "Satuan belum diisi"),
        ("min_order", "Minimal pemesanan belum diisi"),
        ("monthly_capacity", "Kapasitas per bulan belum diisi"),
        ("price_regency", "Harga kab/kota belum diisi"),
        ("price_province", "Harga provinsi belum diisi"),
        ("shelf_life_days", "Masa simpan belum diisi"),
        ("local_content", "Status TKDN/PDN belum diisi"),
    ],
)
def test_each_missing_listing_field_is_named(ready_product, field, gap):
    ProductListing.objects.filter(product=ready_product).update(
        **{field: "" if isinstance(LISTING[field], str) else None}
    )
    ready_product.refresh_from_db()
    state = readiness(ready_product)
    assert not state.ready and state.product_gaps == [gap]


def test_food_needs_a_valid_pirt_and_halal_but_a_craft_needs_neither(ready_product, vendor):
    ready_product.certificates.all().delete()
    ready_product.halal_until = ready_product.pirt_until = None
    ready_product.save()
    assert readiness(ready_product).product_gaps == [
        "Belum ada P-IRT terverifikasi yang berlaku",
        "Belum ada sertifikat halal terverifikasi",
    ]
    craft = factories.ProductFactory(vendor=vendor, category=factories.category("kerajinan"))
    _photo(craft, 800)
    listing_save(product=craft, actor=None, **(LISTING | {"shelf_life_days": None}))
    assert readiness(craft).ready, readiness(craft).gaps


def test_photos_smaller_than_the_catalogue_asks_do_not_count(ready_product):
    ready_product.images.all().delete()
    _photo(ready_product, 300)
    assert readiness(ready_product).product_gaps == ["Foto minimal 500 × 500 piksel belum ada"]


def test_vendor_gaps_name_nib_npwp_sikap_and_approval(ready_product, vendor):
    vendor.nib, vendor.status = "", "suspended"
    vendor.save()
    SupplierProfile.objects.filter(vendor=vendor).update(npwp="", sikap_id="")
    ready_product.refresh_from_db()
    assert readiness(ready_product).vendor_gaps == [
        "UMKM belum disetujui Dinas",
        "NIB belum diisi",
        "NPWP belum diisi",
        "Profil penyedia SIKaP/INAPROC belum diisi",
    ]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"price_province": 20000}, "price_province", "Harga provinsi tidak boleh lebih murah"),
        ({"monthly_capacity": 5}, "monthly_capacity", "Kapasitas per bulan harus paling sedikit"),
        ({"local_content": "tkdn"}, "tkdn_percent", "Isi nilai TKDN"),
        ({"local_content": "tkdn", "tkdn_percent": 40}, "tkdn_number", "Isi nomor sertifikat TKDN"),
        ({"tkdn_percent": 40}, "local_content", "hanya untuk produk bersertifikat TKDN"),
        ({"tkdn_percent": 140, "local_content": "tkdn", "tkdn_number": "X1"}, "tkdn_percent", "100"),
    ],
)
def test_bad_listing_input_is_refused_with_a_message_and_nothing_saved(product, change, field, message):
    with pytest.raises(DomainError) as error:
        listing_save(product=product, actor=None, **(LISTING | change))
    assert message in " ".join(error.value.message_dict[field])
    assert not ProductListing.objects.exists()


def test_proposing_needs_a_ready_product_and_refusing_needs_a_reason(product, dinas_user):
    listing = listing_save(product=product, actor=None, brand="Yuli")
    with pytest.raises(DomainError, match="Produk belum siap"):
        listing_decide(listing=listing, to="proposed", actor=dinas_user)
    with pytest.raises(DomainError):
        listing_decide(listing=listing, to="refused", actor=dinas_user, reason="  ")
    assert not ListingEvent.objects.exists()


def test_dinas_decisions_are_recorded_and_the_owner_is_told(
    ready_product, dinas_user, owner, django_capture_on_commit_callbacks
):
    listing = ready_product.ekatalog
    with django_capture_on_commit_callbacks(execute=True):
        listing_decide(listing=listing, to="proposed", actor=dinas_user)
        listing_decide(listing=listing, to="accepted", actor=dinas_user, reason="Tayang")
    steps = list(listing.events.order_by("created_at", "pk").values_list("from_status", "to_status", "actor"))
    assert steps == [("draft", "proposed", dinas_user.pk), ("proposed", "accepted", dinas_user.pk)]
    assert [m.to for m in mail.outbox] == [[owner.email], [owner.email]]
    assert "Tayang" in mail.outbox[-1].body


# --- pages ------------------------------------------------------------------------------------------------


def test_the_owner_fills_the_listing_and_sees_what_is_left(client, owner, product):
    client.force_login(owner)
    url = reverse("vendors:ekatalog-product", args=[product.pk])
    response = client.post(url, LISTING)
    assert response.status_code == HTTPStatus.FOUND
    assert ProductListing.objects.get(product=product).brand == "Yuli"
    page = client.get(reverse("vendors:ekatalog")).content.decode()
    assert "NPWP belum diisi" in page and "Belum ada sertifikat halal terverifikasi" in page


def test_the_owner_gets_a_clear_message_on_bad_input(client, owner, product):
    client.force_login(owner)
    url = reverse("vendors:ekatalog-product", args=[product.pk])
    response = client.post(url, LISTING | {"price_province": 100, "min_order": "nol"})
    assert response.status_code == HTTPStatus.OK
    assert 'id="id_min_order_error"' in response.content.decode()
    response = client.post(url, LISTING | {"price_province": 100})
    assert "Harga provinsi tidak boleh lebih murah" in response.content.decode()
    assert not ProductListing.objects.exists()


def test_the_owner_saves_npwp_and_sikap_and_a_bad_npwp_is_explained(client, owner, vendor):
    client.force_login(owner)
    url = reverse("vendors:ekatalog-profile")
    assert "NPWP terdiri dari 15 atau 16 angka" in client.post(url, {"npwp": "12.3", "sikap_id": ""}).content.decode()
    assert client.post(url, {"npwp": "019283746501000", "sikap_id": "SIKAP-1"}).status_code == HTTPStatus.FOUND
    assert SupplierProfile.objects.get(vendor=vendor).sikap_id == "SIKAP-1"


def test_a_member_cannot_reach_another_vendors_product_listing(client, owner):
    other = factories.ProductFactory()
    client.force_login(owner)
    factories.VendorFactory(owner=owner)  # the owner's vendor is not the product's
    assert client.get(reverse("vendors:ekatalog-product", args=[other.pk])).status_code == HTTPStatus.NOT_FOUND


def test_dinas_sees_the_checklist_decides_with_confirmation_and_exports(client, dinas_user, ready_product):
    client.force_login(dinas_user)
    listing = ready_product.ekatalog
    page = client.get(reverse("console:ekatalog"), {"siap": "1"}).content.decode()
    assert ready_product.name in page and "Lampung Utara" in page
    url = reverse("console:ekatalog-decide", args=[listing.pk, "usulkan"])
    assert "Ya, usulkan" in client.get(url).content.decode()
    assert client.post(url, {"reason": "Usulan 2027"}).status_code == HTTPStatus.FOUND
    listing.refresh_from_db()
    assert listing.status == "proposed" and listing.events.get().reason == "Usulan 2027"
    detail = client.get(reverse("console:ekatalog-detail", args=[listing.pk])).content.decode()
    assert "Usulan 2027" in detail


def test_refusing_on_the_console_without_a_reason_says_so(client, dinas_user, ready_product):
    client.force_login(dinas_user)
    url = reverse("console:ekatalog-decide", args=[ready_product.ekatalog.pk, "tolak"])
    response = client.post(url, {"reason": ""})
    assert response.status_code == HTTPStatus.OK
    assert ready_product.ekatalog.events.count() == 0


def _sheet(response):
    workbook = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook["Usulan produk"].iter_rows(values_only=True)], workbook


def test_the_export_has_the_mapped_columns_only_ready_products_and_escapes_formulas(client, dinas_user, ready_product):
    ProductListing.objects.filter(product=ready_product).update(brand='=HYPERLINK("http://x","klik")')
    unready = factories.ProductFactory(vendor=ready_product.vendor, name="Produk Belum Siap")
    listing_save(product=unready, actor=None, brand="Belum")
    client.force_login(dinas_user)
    response = client.get(reverse("console:ekatalog-export"))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith('attachment; filename="sentra-e-katalog-siap-')
    rows, workbook = _sheet(response)
    assert rows[0] == [header for header, _ in COLUMNS]
    assert len(rows) == 2
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Nama Produk"] == ready_product.name
    assert record["Merek"] == '\'=HYPERLINK("http://x","klik")'
    assert record["NIB"] == ready_product.vendor.nib and record["NPWP"] == "019283746501000"
    assert record["Harga Provinsi (Rp)"] == 27000
    assert "Halal" in record["Sertifikat Terverifikasi"] and "P-IRT" in record["Sertifikat Terverifikasi"]
    assert record["Foto Produk (URL)"].startswith("http")
    about = {row[0]: row[1] for row in workbook["Keterangan"].iter_rows(values_only=True)}
    assert about["Versi templat"] == TEMPLATE_VERSION


def test_the_export_leaves_out_refused_products(client, dinas_user, ready_product):
    listing_decide(listing=ready_product.ekatalog, to="refused", actor=dinas_user, reason="Harga tidak wajar")
    client.force_login(dinas_user)
    rows, _ = _sheet(client.get(reverse("console:ekatalog-export")))
    assert len(rows) == 1


def test_the_owner_cannot_set_the_dinas_status_or_another_product_through_the_form(client, owner, product):
    client.force_login(owner)
    other = factories.ProductFactory()
    data = LISTING | {"status": "accepted", "status_note": "ok", "product": other.pk}
    client.post(reverse("vendors:ekatalog-product", args=[product.pk]), data)
    listing = ProductListing.objects.get()
    assert (listing.product, listing.status, listing.status_note) == (product, "draft", "")


def test_staff_of_another_centre_see_none_of_its_listings_and_export_none(client, ready_product):
    """Issue 17's centre rule on the e-Katalog pages: the checklist, readiness by region and the export count only
    the staff member's centres; province staff see every centre."""
    other = factories.CentreFactory(slug="provinsi", name="Sentra UMKM Provinsi Lampung", town="Bandar Lampung")
    client.force_login(factories.DinasUserFactory(username="dinas-bdl", centres=[other]))
    page = client.get(reverse("console:ekatalog"))
    assert page.status_code == HTTPStatus.OK and ready_product.name not in page.content.decode()
    assert sum(row["listed"] for row in page.context["regions"]) == 0
    assert len(_sheet(client.get(reverse("console:ekatalog-export")))[0]) == 1  # the header row only
    detail = reverse("console:ekatalog-detail", args=[ready_product.ekatalog.pk])
    assert client.get(detail).status_code == HTTPStatus.NOT_FOUND
    client.force_login(factories.DinasUserFactory(username="provinsi"))
    assert ready_product.name in client.get(reverse("console:ekatalog")).content.decode()
    assert len(_sheet(client.get(reverse("console:ekatalog-export")))[0]) == 2
