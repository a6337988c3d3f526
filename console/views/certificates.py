"""Console certificate queue, detail with the scan, verify, reject and revoke."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.access import access_certificate
from catalog.models import Certificate
from catalog.services import review
from catalog.services.review import certificate_problems, certificate_reject, certificate_verify
from console.access import centre_context, console_view
from console.filters import ConsoleCertificateFilter
from console.forms import decision_form
from console.selectors import EXPIRY_WINDOW_DAYS, certificate_timeline, within
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error
from sentra.states import IllegalTransition

PER_PAGE = 50


@console_view("catalog.view_certificate")
def certificate_list(request):
    data = request.GET.copy()
    data.setdefault("status", Certificate.Status.SUBMITTED)
    scope = centre_context(request)  # certificates are checked by the staff of the vendor's centre
    filters = ConsoleCertificateFilter(data, queryset=within(Certificate.objects.review_queue(), scope["centres"]))
    page = Paginator(filters.qs, PER_PAGE).get_page(request.GET.get("halaman"))
    for certificate in page:
        certificate.problems = certificate_problems(certificate)
        certificate.scan_url, certificate.scan_is_image = _scan_url(certificate), _is_image(certificate)
    expiring = Certificate.objects.expiring(EXPIRY_WINDOW_DAYS).with_vendor().order_by("valid_until")
    expiring = within(expiring, scope["centres"])
    context = {"filter": filters, "page_obj": page, "expiring": expiring[:PER_PAGE], "window": EXPIRY_WINDOW_DAYS}
    context |= scope
    return render(request, "console/certificate_list.html", context)


def _is_image(certificate: Certificate) -> bool:
    return certificate.scan.name.lower().endswith((".jpg", ".jpeg", ".png", ".webp"))


def _scan_url(certificate: Certificate) -> str:
    if not certificate.scan:
        return ""
    try:
        return reverse("vendors:certificate-scan", kwargs={"pk": certificate.pk})
    except NoReverseMatch:
        return ""


def _certificate_page(
    request, certificate: Certificate, verify_form=None, reject_form=None, revoke_form=None, status=200
):
    context = {
        "certificate": certificate,
        "problems": certificate_problems(certificate),
        "scan_url": _scan_url(certificate),
        "scan_is_image": _is_image(certificate),
        "products": certificate.products.with_category(),
        "history": certificate_timeline(certificate),
        "verify_form": verify_form or decision_form(required=False, prefix="verify"),
        "reject_form": reject_form or decision_form(required=True, prefix="reject"),
        "revoke_form": revoke_form,  # set on the revoke page (its confirmation step)
    }
    return render(request, "console/certificate_detail.html", context, status=status)


@console_view("catalog.view_certificate")
def certificate_detail(request, pk: int):
    return _certificate_page(request, access_certificate(request.user, pk))


@console_view("catalog.verify_certificate")
@require_POST
def certificate_review(request, pk: int, decision: str):
    certificate = access_certificate(request.user, pk)
    verify = decision == "verifikasi"
    form = decision_form(request.POST, required=not verify, prefix="verify" if verify else "reject")
    if form.is_valid():
        service = certificate_verify if verify else certificate_reject
        try:
            service(certificate=certificate, actor=request.user, note=form.cleaned_data["reason"])
        except IllegalTransition:
            status = certificate.get_status_display()
            form.add_error(
                None, _("Sertifikat ini sudah berstatus %(status)s; keputusan tidak diubah.") % {"status": status}
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Sertifikat diverifikasi.") if verify else _("Sertifikat ditolak."))
            return redirect("console:certificate-list")
    forms = {"verify_form": form} if verify else {"reject_form": form}
    return _certificate_page(request, certificate, **forms, status=400)


@console_view("catalog.verify_certificate")
def certificate_revoke(request, pk: int):
    """GET: confirm revoking a verified certificate, with a reason; POST: revoke it."""
    certificate = access_certificate(request.user, pk)
    form = decision_form(request.POST if request.method == "POST" else None, required=True, prefix="revoke")
    if form.is_bound and form.is_valid():
        try:
            review.certificate_revoke(certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"])
        except IllegalTransition:
            certificate.refresh_from_db(fields=["status"])  # another officer may have changed it meanwhile
            status = certificate.get_status_display()
            form.add_error(
                None,
                _("Hanya sertifikat terverifikasi yang dapat dicabut; status sertifikat ini %(status)s.")
                % {"status": status},
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Sertifikat dicabut; lencananya tidak lagi tampil dan pemilik diberi tahu."))
            return redirect("console:certificate-detail", pk=certificate.pk)
    return _certificate_page(request, certificate, revoke_form=form, status=400 if form.errors else 200)
