import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from tests import factories

pytestmark = pytest.mark.django_db


def test_certificate_scans_have_no_public_url(vendor):
    cert = factories.CertificateFactory(vendor=vendor)
    cert.scan.save("scan.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    assert storages["private"].exists(cert.scan.name)
    assert not storages["default"].exists(cert.scan.name)
    with pytest.raises(ValueError):
        cert.scan.url  # noqa: B018 - the attribute access itself must fail
