"""Forms of the owner portal, split by what they edit: the business (vendor) and its catalogue (catalog)."""

from .catalog import (
    CertificateForm,
    PhotoEditForm,
    PhotoUploadForm,
    ProductEditForm,
    ProductForm,
    ProductQuickEditForm,
    ProductStatusForm,
    StockAdjustForm,
)
from .vendor import (
    PickupCodeForm,
    ReservationFilterForm,
    VendorApplicationForm,
    VendorProfileForm,
    VendorSwitchForm,
    vendor_cancel_form,
)

__all__ = [
    "CertificateForm",
    "PhotoEditForm",
    "PhotoUploadForm",
    "PickupCodeForm",
    "ProductEditForm",
    "ProductForm",
    "ProductQuickEditForm",
    "ProductStatusForm",
    "ReservationFilterForm",
    "StockAdjustForm",
    "VendorApplicationForm",
    "VendorProfileForm",
    "VendorSwitchForm",
    "vendor_cancel_form",
]
