"""Reviews of the vendor's products in the owner portal (/toko/ulasan/): read them and reply once, publicly."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.access import member_required
from portal.forms.reviews import ReplyForm
from reviews.access import access_vendor_review
from reviews.models import Review
from reviews.services import review_reply
from sentra.exceptions import DomainError
from sentra.forms import add_domain_error
from sentra.pagination import parse_page_number


@member_required
def review_list(request):
    reviews = (
        Review.objects.of_vendor(request.vendor).for_page().select_related("product").order_by("-created_at", "-pk")
    )
    page = Paginator(reviews, 20).get_page(parse_page_number(request.GET.get("halaman")))
    return render(request, "portal/review_list.html", {"vendor": request.vendor, "page": page})


@member_required
@require_http_methods(["GET", "POST"])
def review_reply_view(request, pk):
    review = access_vendor_review(request.vendor, pk)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            review_reply(actor=request.user, vendor=request.vendor, review_id=review.pk, body=form.cleaned_data["body"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Balasan Anda tampil di bawah ulasan."))
            return redirect("vendors:review-list")
    return render(request, "portal/review_reply.html", {"vendor": request.vendor, "review": review, "form": form})
