from tests import factories


def test_factories_build_a_reservable_product(product, owner):
    assert product.vendor.memberships.get().user == owner
    assert product.is_public
    assert product.stock_available == 10


def test_certificate_factory_is_valid(product):
    cert = factories.CertificateFactory(vendor=product.vendor, products=[product])
    cert.full_clean()
    assert cert.is_valid_on()
