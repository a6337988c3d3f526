"""What the admin's change forms post for a vendor, product or certificate, with some fields changed."""


def vendor_form(vendor, **changes) -> dict:
    data = {
        "name": vendor.name,
        "slug": vendor.slug,
        "kind": vendor.kind,
        "regency": vendor.regency_id,
        "nib": vendor.nib,
        "whatsapp": vendor.whatsapp,
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
        "events-TOTAL_FORMS": 0,
        "events-INITIAL_FORMS": 0,
    }
    return {**data, **changes}


def product_form(product, **changes) -> dict:
    data = {
        "vendor": product.vendor_id,
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
    return {**data, **changes}


def certificate_form(certificate, **changes) -> dict:
    """A granted halal certificate without expiry, covering `products` (pks)."""
    data = {
        "vendor": certificate.vendor_id,
        "kind": "halal",
        "number": certificate.number,
        "halal_stage": "granted",
        "issued_on": certificate.issued_on.isoformat(),
        "valid_until": "",
        "products": [],
    }
    return {**data, **changes}
