"""What the pembinaan views answer with: a page of rows, a downloaded workbook, a service call whose domain
error lands on the form."""

from django.core.paginator import Page, Paginator
from django.http import HttpResponse

from sentra.exceptions import DomainError
from sentra.forms import add_domain_error
from sentra.spreadsheets import XLSX_CONTENT_TYPE

PER_PAGE = 50


def page_of(request, rows) -> Page:
    """The page of `rows` the `halaman` parameter asks for (bad values give the first or last page)."""
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("halaman"))


def take(request, form, service, **kwargs) -> bool:
    """Call `service` with the form's data; a domain error lands on the form. True when it was taken."""
    try:
        service(actor=request.user, **kwargs)
    except DomainError as error:
        add_domain_error(form, error)
        return False
    return True


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """The workbook `content` as a download named `filename`."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
